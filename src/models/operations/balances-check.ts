import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { dataRecord, inbound, openEnum, outbound } from "../../lib/wire.js";
import { BalanceSchema } from "../balance.js";
import { EventPropertiesSchema, LockParamsSchema } from "../balance-params.js";
import { BillingControlsSchema } from "../billing-controls.js";
import { FlagSchema } from "../customer.js";
import { CustomerIdSchema } from "../customer-params.js";
import { openEnumOf } from "../open-enum.js";
import {
  EnvSchema,
  type PRORATIONS_ON_DECREASE,
  type PRORATIONS_ON_INCREASE,
  type ROLLOVER_DURATIONS,
  type TIER_BEHAVIORS,
  type TRIAL_DURATIONS,
  type TRIAL_END_ACTIONS,
} from "../shared.js";

/** Params of `balances.check`. */
export const BalancesCheckParamsSchema = /* @__PURE__ */ outbound({
  /** The customer to check. */
  customerId: CustomerIdSchema,
  /** The feature to check. */
  featureId: v.string(),
  /** The entity, for entity-scoped balances (per seat, per workspace). */
  entityId: v.optional(v.string()),
  /** Units the customer must have left; defaults to 1. With `sendEvent`, also the units deducted. */
  requiredBalance: v.optional(v.number()),
  /** Your properties for the usage event recorded with `sendEvent`. */
  properties: EventPropertiesSchema,
  /** Also deduct `requiredBalance` in the same call (check and track at once). */
  sendEvent: v.optional(v.boolean()),
  /** Deduct and hold the units until `balances.finalize` confirms or releases them. */
  lock: v.optional(LockParamsSchema),
  /** Include paywall data (`preview`) when access is denied. */
  withPreview: v.optional(v.boolean()),
});
/** Params of `balances.check`. */
export type BalancesCheckParams = CatalogParams<v.InferInput<typeof BalancesCheckParamsSchema>>;

/**
 * A plan item as shown in a paywall preview (the older "product item" shape).
 * Its `featureType`, `interval` and `usageModel` lists are that shape's own,
 * so they are not the shared ones: older feature kinds, no `one_off`
 * interval, and `prepaid` or `pay_per_use` rather than a billing method.
 */
const PreviewItemSchema = /* @__PURE__ */ inbound({
  type: v.optional(v.nullable(openEnum(["feature", "priced_feature", "price"]))),
  featureId: v.optional(v.nullable(v.string())),
  featureType: v.optional(v.nullable(openEnum(["single_use", "continuous_use", "boolean", "static"]))),
  /** Units included, or `"inf"`. */
  includedUsage: v.optional(v.nullable(v.union([v.number(), v.string()]))),
  interval: v.optional(v.nullable(openEnum(["minute", "hour", "day", "week", "month", "quarter", "semi_annual", "year"]))),
  intervalCount: v.optional(v.nullable(v.number())),
  /** The unit price; null when the item is tiered. */
  price: v.optional(v.nullable(v.number())),
  /** Price tiers, passed through as the server sends them. */
  tiers: v.optional(v.nullable(v.array(v.unknown()))),
  tierBehavior: v.optional(v.nullable(openEnumOf<typeof TIER_BEHAVIORS>())),
  usageModel: v.optional(v.nullable(openEnum(["prepaid", "pay_per_use"]))),
  billingUnits: v.optional(v.nullable(v.number())),
  resetUsageWhenEnabled: v.optional(v.nullable(v.boolean())),
  entityFeatureId: v.optional(v.nullable(v.string())),
  display: v.optional(v.nullable(inbound({ primaryText: v.string(), secondaryText: v.optional(v.nullable(v.string())) }))),
  /** Units the customer has prepaid for. */
  quantity: v.optional(v.nullable(v.number())),
  /** Units the customer will prepay for next cycle. */
  nextCycleQuantity: v.optional(v.nullable(v.number())),
  config: v.optional(
    v.nullable(
      inbound({
        rollover: v.optional(
          v.nullable(
            inbound({
              max: v.optional(v.nullable(v.number())),
              maxPercentage: v.optional(v.nullable(v.number())),
              duration: v.optional(openEnumOf<typeof ROLLOVER_DURATIONS>()),
              length: v.number(),
            }),
          ),
        ),
        onIncrease: v.optional(v.nullable(openEnumOf<typeof PRORATIONS_ON_INCREASE>())),
        onDecrease: v.optional(v.nullable(openEnumOf<typeof PRORATIONS_ON_DECREASE>())),
      }),
    ),
  ),
});

/** A plan offered in a paywall preview (the older "product" shape). */
export const PreviewProductSchema = /* @__PURE__ */ inbound({
  id: v.string(),
  name: v.string(),
  group: v.nullable(v.string()),
  env: EnvSchema,
  isAddOn: v.boolean(),
  isDefault: v.boolean(),
  archived: v.boolean(),
  version: v.number(),
  /** Epoch ms of creation. */
  createdAt: v.number(),
  items: v.array(PreviewItemSchema),
  freeTrial: v.nullable(
    inbound({
      duration: openEnumOf<typeof TRIAL_DURATIONS>(),
      length: v.number(),
      uniqueFingerprint: v.boolean(),
      cardRequired: v.boolean(),
      onEnd: v.optional(v.nullable(openEnumOf<typeof TRIAL_END_ACTIONS>())),
      /** Whether this customer could still start the trial. */
      trialAvailable: v.optional(v.nullable(v.boolean())),
    }),
  ),
  baseVariantId: v.nullable(v.string()),
  billingControls: v.optional(BillingControlsSchema),
  /** What attaching the plan would do for this customer. */
  scenario: v.optional(
    openEnum(["scheduled", "active", "new", "renew", "upgrade", "update_prepaid_quantity", "downgrade", "cancel", "expired", "past_due"]),
  ),
  properties: v.optional(
    inbound({
      isFree: v.boolean(),
      isOneOff: v.boolean(),
      intervalGroup: v.optional(v.nullable(v.string())),
      hasTrial: v.optional(v.nullable(v.boolean())),
      updateable: v.optional(v.nullable(v.boolean())),
    }),
  ),
});

/** Paywall data returned when access is denied and `withPreview` was set. */
export const CheckPreviewSchema = /* @__PURE__ */ inbound({
  /** Why access was denied: `usage_limit` (balance too low) or `feature_flag` (not in the plan). */
  scenario: openEnum(["usage_limit", "feature_flag"]),
  /** A paywall title. */
  title: v.string(),
  /** A paywall message. */
  message: v.string(),
  featureId: v.string(),
  featureName: v.string(),
  /** Plans that would grant access. */
  products: v.array(PreviewProductSchema),
});

/** The answer to `balances.check`. */
export const BalancesCheckResponseSchema = /* @__PURE__ */ inbound({
  /** Whether the customer may use the feature. */
  allowed: v.boolean(),
  /** The customer checked. */
  customerId: v.string(),
  /** The entity, for an entity-scoped check. */
  entityId: v.optional(v.nullable(v.string())),
  /** The balance that was required. */
  requiredBalance: v.optional(v.number()),
  /** The customer's balance of the feature; null when there is none. */
  balance: v.nullable(BalanceSchema),
  /** Balances of the feature and related features (credit systems), keyed by feature id. */
  balances: v.optional(dataRecord(v.nullable(BalanceSchema))),
  /** The on/off grant of a boolean feature; null when there is none. */
  flag: v.nullable(FlagSchema),
  /** Paywall data, when access is denied and `withPreview` was set. */
  preview: v.optional(CheckPreviewSchema),
});

/** The answer to `balances.check`. */
export type BalancesCheckResponse = CatalogAnswer<v.InferOutput<typeof BalancesCheckResponseSchema>>;
/** Paywall data of a denied check. */
export type CheckPreview = CatalogAnswer<v.InferOutput<typeof CheckPreviewSchema>>;
/** A plan offered in a paywall preview. */
export type PreviewProduct = CatalogAnswer<v.InferOutput<typeof PreviewProductSchema>>;

/** @deprecated Use BalancesCheckParams. */
export type CheckParams = BalancesCheckParams;
/** @deprecated Use BalancesCheckParamsSchema. */
export const CheckParamsSchema: typeof BalancesCheckParamsSchema = BalancesCheckParamsSchema;
/** @deprecated Use BalancesCheckResponse. */
export type CheckResponse = BalancesCheckResponse;
/** @deprecated Use BalancesCheckResponseSchema. */
export const CheckResponseSchema: typeof BalancesCheckResponseSchema = BalancesCheckResponseSchema;
