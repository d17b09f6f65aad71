import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { dataRecord, inbound, openEnum } from "../lib/wire.js";
import { BalanceSchema } from "./balance.js";
import { BillingControlsSchema } from "./billing-controls.js";
import { FeatureSchema } from "./feature.js";
import { InvoiceSchema } from "./invoice.js";
import { LicenseSchema } from "./license.js";
import { PlanSchema } from "./plan.js";
import { openEnumOf } from "./open-enum.js";
import { type COUPON_DURATIONS, EnvSchema, type SUBSCRIPTION_STATUSES } from "./shared.js";

/** Whether a subscription or purchase belongs to the customer or to one of its entities. */
const ScopeSchema = /* @__PURE__ */ openEnum(["customer", "entity"]);

/** A recurring plan attached to a customer, active or scheduled. */
export const SubscriptionSchema = /* @__PURE__ */ inbound({
  id: v.string(),
  /** The plan, when expanded with `subscriptions.plan`. */
  plan: v.optional(PlanSchema),
  planId: v.string(),
  autoEnable: v.boolean(),
  addOn: v.boolean(),
  status: openEnumOf<typeof SUBSCRIPTION_STATUSES>(),
  /** Whether the latest invoice is unpaid. */
  pastDue: v.boolean(),
  /** Epoch ms of cancellation, if canceled. */
  canceledAt: v.nullable(v.number()),
  /** Epoch ms when the subscription ends, if it does. */
  expiresAt: v.nullable(v.number()),
  /** Epoch ms when the trial ends, if trialing. */
  trialEndsAt: v.nullable(v.number()),
  /** Epoch ms of the start. */
  startedAt: v.number(),
  currentPeriodStart: v.nullable(v.number()),
  currentPeriodEnd: v.nullable(v.number()),
  quantity: v.number(),
  scope: v.optional(ScopeSchema),
});

/** A one-time purchase. */
export const PurchaseSchema = /* @__PURE__ */ inbound({
  /** The plan, when expanded with `purchases.plan`. */
  plan: v.optional(PlanSchema),
  planId: v.string(),
  expiresAt: v.nullable(v.number()),
  startedAt: v.number(),
  quantity: v.number(),
  scope: v.optional(ScopeSchema),
});

/** Access to an on/off feature. */
export const FlagSchema = /* @__PURE__ */ inbound({
  id: v.string(),
  planId: v.nullable(v.string()),
  expiresAt: v.nullable(v.number()),
  featureId: v.string(),
  /** The feature, when expanded with `flags.feature`. */
  feature: v.optional(FeatureSchema),
});

/** An upcoming invoice, when expanded with `invoice_previews`. */
export const InvoicePreviewSchema = /* @__PURE__ */ inbound({
  planIds: v.array(v.string()),
  invoiceAt: v.number(),
  currency: v.string(),
  subtotal: v.number(),
  total: v.number(),
  lineItems: v.array(
    inbound({
      displayName: v.string(),
      description: v.string(),
      subtotal: v.number(),
      total: v.number(),
      discounts: v.optional(
        v.array(
          inbound({
            amountOff: v.number(),
            percentOff: v.optional(v.number()),
            rewardId: v.optional(v.string()),
            rewardName: v.optional(v.string()),
          }),
        ),
      ),
      planId: v.string(),
      featureId: v.nullable(v.string()),
      period: v.optional(inbound({ start: v.number(), end: v.number() })),
      quantity: v.number(),
    }),
  ),
});

/** A discount applied to the customer, when expanded with `rewards`. Dates are Stripe's, in seconds. */
export const DiscountSchema = /* @__PURE__ */ inbound({
  id: v.string(),
  name: v.string(),
  type: openEnum(["percentage_discount", "fixed_discount", "free_product", "invoice_credits", "feature_grant"]),
  discountValue: v.number(),
  durationType: openEnumOf<typeof COUPON_DURATIONS>(),
  durationValue: v.optional(v.nullable(v.number())),
  currency: v.optional(v.nullable(v.string())),
  start: v.optional(v.nullable(v.number())),
  end: v.optional(v.nullable(v.number())),
  subscriptionId: v.optional(v.nullable(v.string())),
  totalDiscountAmount: v.optional(v.nullable(v.number())),
});

/** What identifies an entity; the full entity (`entities.get`) adds its plans and balances. */
export const entityIdentity = {
  /** Your id for the entity. */
  id: v.nullable(v.string()),
  name: v.nullable(v.string()),
  /** The customer that owns the entity. */
  customerId: v.optional(v.nullable(v.string())),
  /** The feature the entity counts towards (e.g. `seats`). */
  featureId: v.optional(v.nullable(v.string())),
  /** Epoch ms of creation. */
  createdAt: v.number(),
  env: EnvSchema,
};

/** A customer: who they are, what they have, and what they may use. */
export const CustomerSchema = /* @__PURE__ */ inbound({
  /** Your id for the customer; null for a customer created without one. */
  id: v.nullable(v.string()),
  name: v.nullable(v.string()),
  email: v.nullable(v.string()),
  /** Epoch ms of creation. */
  createdAt: v.number(),
  /** A device or account fingerprint used to spot duplicate sign-ups. */
  fingerprint: v.nullable(v.string()),
  stripeId: v.nullable(v.string()),
  env: EnvSchema,
  /** Your metadata; keys are kept exactly as you set them. */
  metadata: dataRecord(v.unknown()),
  sendEmailReceipts: v.boolean(),
  billingControls: BillingControlsSchema,
  /** Recurring plans, active and scheduled. */
  subscriptions: v.array(SubscriptionSchema),
  /** One-time purchases. */
  purchases: v.array(PurchaseSchema),
  /** Seat pools offered by the customer's plans. */
  licenses: v.array(LicenseSchema),
  /** Balances keyed by feature id. */
  balances: dataRecord(BalanceSchema),
  /** On/off feature access keyed by feature id. */
  flags: dataRecord(FlagSchema),
  config: v.optional(
    inbound({
      disablePooledBalance: v.optional(v.boolean()),
      disableOverageBilling: v.optional(v.boolean()),
    }),
  ),
  /** Links to payment processors. */
  processors: v.optional(
    inbound({
      stripe: v.optional(inbound({ id: v.string() })),
      vercel: v.optional(inbound({ installationId: v.string(), accountId: v.string() })),
      revenuecat: v.optional(inbound({ id: v.nullable(v.string()) })),
    }),
  ),
  invoices: v.optional(v.array(InvoiceSchema)),
  invoicePreviews: v.optional(v.array(InvoicePreviewSchema)),
  /** The customer's entities, without their balances and plans. */
  entities: v.optional(v.array(inbound(entityIdentity))),
  trialsUsed: v.optional(
    v.array(inbound({ planId: v.string(), customerId: v.string(), fingerprint: v.optional(v.nullable(v.string())) })),
  ),
  rewards: v.optional(v.nullable(inbound({ discounts: v.array(DiscountSchema) }))),
  referrals: v.optional(
    v.array(
      inbound({
        programId: v.string(),
        customer: inbound({ id: v.string(), name: v.optional(v.nullable(v.string())), email: v.optional(v.nullable(v.string())) }),
        rewardApplied: v.boolean(),
        createdAt: v.number(),
      }),
    ),
  ),
  /** The default payment method, exactly as Stripe returns it (snake_case, timestamps in seconds). */
  paymentMethod: v.optional(v.unknown()),
});

/** A customer. */
export type Customer = CatalogAnswer<v.InferOutput<typeof CustomerSchema>>;
/** A customer's subscription. */
export type Subscription = CatalogAnswer<v.InferOutput<typeof SubscriptionSchema>>;
