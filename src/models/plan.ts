import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { dataRecord, inbound, openEnum } from "../lib/wire.js";
import { BillingControlsSchema } from "./billing-controls.js";
import { openEnumOf } from "./open-enum.js";
import {
  BillingMethodSchema,
  CurrencyAmountSchema,
  DisplaySchema,
  EnvSchema,
  PriceIntervalSchema,
  PriceTierSchema,
  type PRORATIONS_ON_DECREASE,
  type PRORATIONS_ON_INCREASE,
  ResetIntervalSchema,
  type ROLLOVER_DURATIONS,
  type SUBSCRIPTION_STATUSES,
  type TIER_BEHAVIORS,
  type TRIAL_DURATIONS,
  type TRIAL_END_ACTIONS,
} from "./shared.js";

/** A plan's base price. */
export const PlanPriceSchema = /* @__PURE__ */ inbound({
  amount: v.number(),
  additionalCurrencies: v.optional(v.array(CurrencyAmountSchema)),
  interval: PriceIntervalSchema,
  intervalCount: v.optional(v.number()),
  display: v.optional(DisplaySchema),
});

/** When an item's balance resets. */
export const ResetSchema = /* @__PURE__ */ inbound({
  interval: ResetIntervalSchema,
  intervalCount: v.optional(v.number()),
});

/** The usage price of a plan item. */
export const ItemPriceSchema = /* @__PURE__ */ inbound({
  amount: v.optional(v.number()),
  additionalCurrencies: v.optional(v.array(CurrencyAmountSchema)),
  tiers: v.optional(v.array(PriceTierSchema)),
  tierBehavior: v.optional(openEnumOf<typeof TIER_BEHAVIORS>()),
  interval: PriceIntervalSchema,
  intervalCount: v.optional(v.number()),
  billingUnits: v.optional(v.number()),
  billingMethod: BillingMethodSchema,
  maxPurchase: v.optional(v.nullable(v.number())),
});

/** How unused units carry over. */
export const RolloverSchema = /* @__PURE__ */ inbound({
  max: v.optional(v.nullable(v.number())),
  maxPercentage: v.optional(v.nullable(v.number())),
  expiryDurationType: openEnumOf<typeof ROLLOVER_DURATIONS>(),
  expiryDurationLength: v.optional(v.number()),
});

/** A free trial. */
export const FreeTrialSchema = /* @__PURE__ */ inbound({
  durationLength: v.number(),
  durationType: openEnumOf<typeof TRIAL_DURATIONS>(),
  cardRequired: v.boolean(),
  onEnd: v.optional(v.nullable(openEnumOf<typeof TRIAL_END_ACTIONS>())),
});

/** What a plan grants of one feature. */
export const PlanItemSchema = /* @__PURE__ */ inbound({
  featureId: v.string(),
  /** The feature, when expanded. */
  feature: v.optional(
    inbound({
      id: v.string(),
      name: v.optional(v.nullable(v.string())),
      // Plan items report the kind in another spelling (`single_use`, `continuous_use`, `static`): not FEATURE_TYPES.
      type: openEnum(["static", "boolean", "single_use", "continuous_use", "credit_system", "ai_credit_system"]),
      display: v.optional(v.nullable(inbound({ singular: v.string(), plural: v.string() }))),
      creditSchema: v.optional(v.nullable(v.array(inbound({ meteredFeatureId: v.string(), creditCost: v.number() })))),
      archived: v.optional(v.nullable(v.boolean())),
    }),
  ),
  /** Units included. */
  included: v.number(),
  unlimited: v.boolean(),
  /** Whether entities share the balance. */
  pooled: v.optional(v.boolean()),
  reset: v.nullable(ResetSchema),
  price: v.nullable(ItemPriceSchema),
  display: v.optional(DisplaySchema),
  rollover: v.optional(RolloverSchema),
});

/** An item added to a plan variant. */
const AddedItemSchema = /* @__PURE__ */ inbound({
  featureId: v.string(),
  included: v.optional(v.number()),
  unlimited: v.optional(v.boolean()),
  pooled: v.optional(v.boolean()),
  reset: v.optional(ResetSchema),
  price: v.optional(ItemPriceSchema),
  proration: v.optional(
    inbound({
      onIncrease: openEnumOf<typeof PRORATIONS_ON_INCREASE>(),
      onDecrease: openEnumOf<typeof PRORATIONS_ON_DECREASE>(),
    }),
  ),
  rollover: v.optional(RolloverSchema),
});

/** How a variant differs from its base plan. */
export const VariantDetailsSchema = /* @__PURE__ */ inbound({
  basePlanId: v.string(),
  customize: v.optional(
    inbound({
      price: v.optional(v.nullable(PlanPriceSchema)),
      addItems: v.optional(v.array(AddedItemSchema)),
      removeItems: v.optional(
        v.array(
          inbound({
            featureId: v.optional(v.string()),
            billingMethod: v.optional(BillingMethodSchema),
            interval: v.optional(ResetIntervalSchema),
            intervalCount: v.optional(v.number()),
          }),
        ),
      ),
      freeTrial: v.optional(
        v.nullable(
          inbound({
            durationLength: v.number(),
            durationType: v.optional(openEnumOf<typeof TRIAL_DURATIONS>()),
            cardRequired: v.optional(v.boolean()),
            onEnd: v.optional(openEnumOf<typeof TRIAL_END_ACTIONS>()),
          }),
        ),
      ),
      billingControls: v.optional(BillingControlsSchema),
    }),
  ),
});

/** A plan: a price and the features it grants. */
export const PlanSchema = /* @__PURE__ */ inbound({
  id: v.string(),
  name: v.string(),
  description: v.nullable(v.string()),
  /** Plans in one group replace each other on upgrade or downgrade. */
  group: v.nullable(v.string()),
  version: v.number(),
  /** Whether the plan is bought on top of another. */
  addOn: v.boolean(),
  /** Whether the plan is attached to new customers automatically. */
  autoEnable: v.boolean(),
  price: v.nullable(PlanPriceSchema),
  items: v.array(PlanItemSchema),
  freeTrial: v.optional(FreeTrialSchema),
  /** Epoch ms of creation. */
  createdAt: v.number(),
  env: EnvSchema,
  archived: v.boolean(),
  baseVariantId: v.nullable(v.string()),
  variantDetails: v.optional(VariantDetailsSchema),
  config: inbound({ ignorePastDue: v.optional(v.boolean()) }),
  billingControls: v.optional(BillingControlsSchema),
  metadata: dataRecord(v.unknown()),
  /** Whether a given customer could attach the plan, when asked for one. */
  customerEligibility: v.optional(
    inbound({
      trialAvailable: v.optional(v.boolean()),
      status: v.optional(openEnumOf<typeof SUBSCRIPTION_STATUSES>()),
      canceling: v.optional(v.boolean()),
      trialing: v.optional(v.boolean()),
      attachAction: openEnum(["activate", "upgrade", "downgrade", "none", "purchase"]),
    }),
  ),
});

/** A plan. */
export type Plan = CatalogAnswer<v.InferOutput<typeof PlanSchema>>;
/** What a plan grants of one feature. */
export type PlanItem = CatalogAnswer<v.InferOutput<typeof PlanItemSchema>>;
