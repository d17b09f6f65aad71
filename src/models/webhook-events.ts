import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { dataRecord, inbound, openEnum } from "../lib/wire.js";
import { BillingControlsSchema } from "./billing-controls.js";
import { FreeTrialSchema, PlanItemSchema, PlanPriceSchema, PlanSchema } from "./plan.js";

/**
 * The webhook events Autumn sends, as `webhooksVerify` returns their `data`:
 * camelCase, unknown fields dropped, unknown enum values kept. Each schema
 * reads the snake_case `data` object of one event type.
 */

/** The plan status a plan change reports. */
const PlanStatusSchema = /* @__PURE__ */ openEnum(["active", "scheduled", "expired"]);

/** `balances.usage_alert_triggered`: a customer's usage crossed an alert threshold. */
export const UsageAlertTriggeredDataSchema = /* @__PURE__ */ inbound({
  /** The customer whose usage crossed the threshold. */
  customerId: v.string(),
  /** The feature the alert watches. */
  featureId: v.string(),
  /** The entity, when the usage was entity-scoped. */
  entityId: v.optional(v.string()),
  /** The alert that fired. */
  usageAlert: inbound({
    /** Your label for the alert, if you gave one. */
    name: v.optional(v.string()),
    /** The threshold crossed. */
    threshold: v.number(),
    /** What the threshold measures: usage or remaining, as a count or a percentage. */
    thresholdType: openEnum(["usage", "usage_percentage", "remaining", "remaining_percentage"]),
  }),
});

/** `balances.limit_reached`: a customer reached a limit of a feature. */
export const LimitReachedDataSchema = /* @__PURE__ */ inbound({
  /** The customer that reached the limit. */
  customerId: v.string(),
  /** The entity, when the limit was reached on one. */
  entityId: v.optional(v.string()),
  /** The feature whose limit was reached. */
  featureId: v.string(),
  /** Which limit: the included allowance, the purchase cap, a spend limit or a usage limit. */
  limitType: openEnum(["included", "max_purchase", "spend_limit", "usage_limit"]),
});

/** `billing.auto_topup_failed`: an automatic top-up granted nothing. */
export const AutoTopupFailedDataSchema = /* @__PURE__ */ inbound({
  /** The customer whose top-up failed. */
  customerId: v.string(),
  /** The feature Autumn tried to top up. */
  featureId: v.string(),
  /** Why no balance was granted (`charge_failed`, `missing_payment_method`, …). */
  reason: openEnum([
    "charge_failed",
    "purchase_limit_reached",
    "attempt_limit_reached",
    "failed_attempt_limit_reached",
    "suspended_after_failures",
    "customer_unavailable",
    "configuration_unavailable",
    "missing_payment_method",
    "missing_customer_product",
    "invalid_amount",
    "lock_contention",
    "redis_unavailable",
    "execution_error",
  ]),
  /** The amount Autumn tried to grant, when known. */
  quantity: v.optional(v.nullable(v.number())),
  /** The configured balance threshold, when known. */
  threshold: v.optional(v.nullable(v.number())),
  /** The balance when the failure was detected, when known. */
  balance: v.optional(v.nullable(v.number())),
  /** Whether the top-up was to send an invoice instead of charging. */
  invoiceMode: v.optional(v.nullable(v.boolean())),
  /** What the payment provider or Autumn reported, when the failure came from an error or a decline. */
  error: v.optional(
    v.nullable(
      inbound({
        code: v.optional(v.nullable(v.string())),
        message: v.optional(v.nullable(v.string())),
        type: v.optional(v.nullable(v.string())),
        /** Stripe's decline code, for a declined card. */
        declineCode: v.optional(v.nullable(v.string())),
      }),
    ),
  ),
});

/** `billing.auto_topup_succeeded`: an automatic top-up granted balance. */
export const AutoTopupSucceededDataSchema = /* @__PURE__ */ inbound({
  /** The customer that was topped up. */
  customerId: v.string(),
  /** The feature topped up. */
  featureId: v.string(),
  /** The amount granted. */
  quantityGranted: v.number(),
  /** The balance threshold that triggered the top-up. */
  threshold: v.number(),
  /** The balance after the top-up. */
  balanceAfter: v.number(),
  /** Whether an invoice was sent instead of charging. */
  invoiceMode: v.boolean(),
  /** The invoice of the top-up. */
  invoice: inbound({
    /** The Stripe invoice id: a stable key to deduplicate on. */
    stripeId: v.string(),
    /** `paid` when charged; `open` for an invoice not paid yet. */
    status: v.optional(v.nullable(v.string())),
    /** The total in the currency's smallest unit. */
    total: v.number(),
    /** The currency code (`usd`). */
    currency: v.string(),
    /** The hosted invoice page, if any. */
    hostedInvoiceUrl: v.optional(v.nullable(v.string())),
  }),
});

/** A subscription as a plan change left it. Times are epoch ms. */
export const PlanUpdateSubscriptionSchema = /* @__PURE__ */ inbound({
  planId: v.string(),
  status: PlanStatusSchema,
  /** Whether payments are overdue. */
  pastDue: v.boolean(),
  startedAt: v.nullable(v.number()),
  canceledAt: v.nullable(v.number()),
  expiresAt: v.nullable(v.number()),
  /** When the trial ends; null when not trialing. */
  trialEndsAt: v.nullable(v.number()),
  currentPeriodStart: v.nullable(v.number()),
  currentPeriodEnd: v.nullable(v.number()),
});

/** A feature added to or removed from a customer's plan. */
export const ItemChangeSchema = /* @__PURE__ */ inbound({
  action: openEnum(["created", "deleted"]),
  featureId: v.string(),
  /** The item added, or the one removed. */
  item: PlanItemSchema,
});

/** A before-and-after pair of a plan change. */
// @__NO_SIDE_EFFECTS__
function beforeAfter<TSchema extends v.GenericSchema>(schema: TSchema) {
  return inbound({ previous: v.nullable(schema), current: v.nullable(schema) });
}

/** One plan that changed, and how. */
export const PlanUpdateSchema = /* @__PURE__ */ inbound({
  /** Activated (newly active), scheduled (starts later), updated in place, or expired. */
  action: openEnum(["activated", "scheduled", "updated", "expired"]),
  /** The subscription after the change, for a recurring plan. */
  subscription: v.optional(PlanUpdateSubscriptionSchema),
  /** The purchase after the change, for a one-off plan. */
  purchase: v.optional(inbound({ planId: v.string(), status: PlanStatusSchema, expiresAt: v.nullable(v.number()) })),
  /**
   * The lifecycle fields that changed, with their previous values; null for a
   * newly activated or scheduled plan, or when none changed.
   */
  previousAttributes: v.nullable(
    inbound({
      status: v.optional(PlanStatusSchema),
      pastDue: v.optional(v.boolean()),
      canceledAt: v.optional(v.nullable(v.number())),
      expiresAt: v.optional(v.nullable(v.number())),
      trialEndsAt: v.optional(v.nullable(v.number())),
    }),
  ),
  /** A change to the plan's definition for this customer (items, base price, free trial). */
  planChange: v.optional(
    inbound({
      /** The plan after the change, when expanded. */
      plan: v.optional(PlanSchema),
      /** The plan fields that changed, with their previous values. */
      previousAttributes: v.optional(
        v.nullable(
          inbound({
            id: v.optional(v.string()),
            name: v.optional(v.string()),
            description: v.optional(v.nullable(v.string())),
            group: v.optional(v.nullable(v.string())),
            addOn: v.optional(v.boolean()),
            autoEnable: v.optional(v.boolean()),
            config: v.optional(inbound({ ignorePastDue: v.optional(v.boolean()) })),
            freeTrial: v.optional(v.nullable(FreeTrialSchema)),
            billingControls: v.optional(v.nullable(BillingControlsSchema)),
          }),
        ),
      ),
      priceChange: v.optional(beforeAfter(PlanPriceSchema)),
      freeTrialChange: v.optional(beforeAfter(FreeTrialSchema)),
      itemChanges: v.optional(v.array(ItemChangeSchema)),
    }),
  ),
  /** Features added to or removed from the plan. */
  itemChanges: v.array(ItemChangeSchema),
});

/** `billing.updated`: a customer's plans changed. */
export const BillingUpdatedDataSchema = /* @__PURE__ */ inbound({
  /** The customer whose plans changed. */
  customerId: v.string(),
  /** The entity, when the change is scoped to one. */
  entityId: v.optional(v.nullable(v.string())),
  /** What happened to each plan. */
  planChanges: v.array(PlanUpdateSchema),
  /** Why it happened (`trial_ended`, `phase_changed`, …). */
  tags: v.array(v.string()),
});

/** `vercel.resources.provisioned`: Vercel created a resource; provision your service's secret for it. */
export const VercelResourcesProvisionedDataSchema = /* @__PURE__ */ inbound({
  resource: inbound({ id: v.string(), name: v.string() }),
  installationId: v.string(),
  /** The token to patch the resource's secrets with. */
  accessToken: v.string(),
});

/** `vercel.resources.deleted`: Vercel deleted a resource; remove what you provisioned for it. */
export const VercelResourcesDeletedDataSchema = /* @__PURE__ */ inbound({
  resource: inbound({ id: v.string() }),
  installationId: v.string(),
});

/** `vercel.resources.rotate_secrets`: Vercel asks for a resource's secrets to be rotated. */
export const VercelResourcesRotateSecretsDataSchema = /* @__PURE__ */ inbound({
  resource: inbound({ id: v.string() }),
  installationId: v.string(),
  /** Vercel's request, as Vercel sent it. */
  vercelRequestBody: v.unknown(),
});

/** `vercel.webhooks.event`: a Vercel event passed through. */
export const VercelWebhooksEventDataSchema = /* @__PURE__ */ inbound({
  installationId: v.string(),
  /** Vercel's event, as Vercel sent it. */
  event: v.unknown(),
});

/** A customer, entity or plan rendered at an API version older than 2.1, kept exactly as sent. */
const OlderVersionObjectSchema = /* @__PURE__ */ dataRecord(v.unknown());

/**
 * `customer.products.updated`: the plan-change event of API versions before
 * 2.1, still sent to endpoints that subscribed to it. Its objects are rendered
 * at that older version, which this SDK does not model, so they stay as sent.
 */
export const CustomerProductsUpdatedDataSchema = /* @__PURE__ */ inbound({
  /** What kind of change: `new`, `upgrade`, `downgrade`, `renew`, `cancel`, `expired`, `past_due`, `scheduled`. */
  scenario: openEnum(["new", "upgrade", "downgrade", "renew", "cancel", "expired", "past_due", "scheduled"]),
  /** The customer, as sent (snake_case, the older API version's fields). */
  customer: OlderVersionObjectSchema,
  /** The product (plan) that changed, as sent. */
  updatedProduct: OlderVersionObjectSchema,
  /** The entity, as sent, for an entity-level change. */
  entity: v.optional(v.nullable(OlderVersionObjectSchema)),
});

/**
 * `customer.threshold_reached`: the limit event of API versions before 2.1
 * (now `balances.limit_reached`), still sent to endpoints that subscribed to
 * it. Its objects stay as sent, for the same reason.
 */
export const CustomerThresholdReachedDataSchema = /* @__PURE__ */ inbound({
  /** `limit_reached` or `allowance_used`. */
  thresholdType: openEnum(["limit_reached", "allowance_used"]),
  /** The customer, as sent (snake_case, the older API version's fields). */
  customer: OlderVersionObjectSchema,
  /** The feature, as sent. */
  feature: OlderVersionObjectSchema,
});

/** The `data` schema of each event type the SDK knows. */
export const webhookEventDataSchemas = {
  "balances.usage_alert_triggered": UsageAlertTriggeredDataSchema,
  "balances.limit_reached": LimitReachedDataSchema,
  "billing.auto_topup_failed": AutoTopupFailedDataSchema,
  "billing.auto_topup_succeeded": AutoTopupSucceededDataSchema,
  "billing.updated": BillingUpdatedDataSchema,
  "vercel.resources.provisioned": VercelResourcesProvisionedDataSchema,
  "vercel.resources.deleted": VercelResourcesDeletedDataSchema,
  "vercel.resources.rotate_secrets": VercelResourcesRotateSecretsDataSchema,
  "vercel.webhooks.event": VercelWebhooksEventDataSchema,
  "customer.products.updated": CustomerProductsUpdatedDataSchema,
  "customer.threshold_reached": CustomerThresholdReachedDataSchema,
} as const;

/** An event type the SDK knows. */
export type WebhookEventType = keyof typeof webhookEventDataSchemas;
/** The `data` of a known event type. */
export type WebhookEventData<TType extends WebhookEventType> = CatalogAnswer<v.InferOutput<(typeof webhookEventDataSchemas)[TType]>>;

/** What every verified event carries besides its type and data. */
export interface WebhookEventMeta {
  /**
   * The delivery's id (the `svix-id` or `webhook-id` header). Autumn resends a
   * delivery that was not answered with a 2xx under the same id, so this is
   * the key to deduplicate on.
   */
  deliveryId: string;
  /** When this delivery attempt was signed, in epoch ms (the timestamp header). */
  signedAt: number;
  /** The event's own id, when the body carries one (`id`). */
  eventId?: string;
  /** When the event happened, as the body's `occurred_at` says, when it carries one. */
  occurredAt?: number | string;
}

/** An event of a type the SDK knows, its `data` checked and camelCased. */
export type KnownWebhookEvent = {
  [TType in WebhookEventType]: WebhookEventMeta & { type: TType; known: true; data: WebhookEventData<TType> };
}[WebhookEventType];

/**
 * An event of a type this version of the SDK does not know yet: its `type`
 * and its `data` exactly as sent (snake_case, unchecked).
 */
export type UnknownWebhookEvent = WebhookEventMeta & { type: string & {}; known: false; data: unknown };

/**
 * A verified webhook event. Check `known` first: a `switch (event.type)`
 * then narrows `data` to each event's type. (A plain string catch-all in the
 * union would keep every case's `data` at `unknown`.)
 */
export type WebhookEvent = KnownWebhookEvent | UnknownWebhookEvent;

/** An event of one known type. */
export type WebhookEventOf<TType extends WebhookEventType> = Extract<KnownWebhookEvent, { type: TType }>;

/** The data of `balances.usage_alert_triggered`. */
export type UsageAlertTriggeredData = WebhookEventData<"balances.usage_alert_triggered">;
/** The data of `balances.limit_reached`. */
export type LimitReachedData = WebhookEventData<"balances.limit_reached">;
/** The data of `billing.auto_topup_failed`. */
export type AutoTopupFailedData = WebhookEventData<"billing.auto_topup_failed">;
/** The data of `billing.auto_topup_succeeded`. */
export type AutoTopupSucceededData = WebhookEventData<"billing.auto_topup_succeeded">;
/** The data of `billing.updated`. */
export type BillingUpdatedData = WebhookEventData<"billing.updated">;
/** One entry of `billing.updated`'s `planChanges`. */
export type PlanUpdate = CatalogAnswer<v.InferOutput<typeof PlanUpdateSchema>>;
