import * as v from "valibot";
import type { CatalogParams } from "../lib/catalog.js";
import { outbound } from "../lib/wire.js";
import {
  BillingMethodParamSchema,
  PriceIntervalParamSchema,
  PRORATIONS_ON_DECREASE,
  PRORATIONS_ON_INCREASE,
  ResetIntervalParamSchema,
  ROLLOVER_DURATIONS,
  TIER_BEHAVIORS,
} from "./shared.js";

/** An amount in another currency. */
export const CurrencyAmountParamsSchema = /* @__PURE__ */ outbound({
  /** The currency code (`eur`, `gbp`). */
  currency: v.string(),
  /** The amount in that currency, set explicitly rather than converted. */
  amount: v.number(),
});

/** A plan's base price. */
export const BasePriceParamsSchema = /* @__PURE__ */ outbound({
  /** The amount in the organisation's default currency. */
  amount: v.number(),
  /** How often it is billed. */
  interval: PriceIntervalParamSchema,
  /** Intervals per billing cycle. Defaults to 1. */
  intervalCount: v.optional(v.number()),
  /** The amount in other currencies. */
  additionalCurrencies: v.optional(v.array(CurrencyAmountParamsSchema)),
});

/** A price tier. `to` is `"inf"` for the last, open-ended tier. */
const TierParamsSchema = /* @__PURE__ */ outbound({
  /** The upper bound of the tier, or `"inf"`. */
  to: v.union([v.number(), v.literal("inf")]),
  /** The per-unit amount within the tier. */
  amount: v.optional(v.number()),
  /** A flat amount charged once the tier is reached. */
  flatAmount: v.optional(v.number()),
  /** The tier in other currencies; the bounds are shared. */
  additionalCurrencies: v.optional(
    v.array(
      outbound({
        currency: v.string(),
        amount: v.optional(v.number()),
        flatAmount: v.optional(v.number()),
      }),
    ),
  ),
});

/** The usage price of an item: `amount` or `tiers`. */
const ItemPriceParamsSchema = /* @__PURE__ */ outbound({
  /** The price per `billingUnits` beyond the included units. */
  amount: v.optional(v.number()),
  /** The flat price in other currencies (with `amount` only). */
  additionalCurrencies: v.optional(v.array(CurrencyAmountParamsSchema)),
  /** Tiered pricing, instead of `amount`. */
  tiers: v.optional(v.array(TierParamsSchema)),
  /** Whether tiers apply per slice (`graduated`) or to all units (`volume`). */
  tierBehavior: v.optional(v.picklist(TIER_BEHAVIORS)),
  /** How often it is billed; should match the reset interval for consumable features. */
  interval: PriceIntervalParamSchema,
  /** Intervals per billing cycle. Defaults to 1. */
  intervalCount: v.optional(v.number()),
  /** Units per price step; usage is rounded up to it. Defaults to 1. */
  billingUnits: v.optional(v.number()),
  /** Paid upfront (`prepaid`) or in arrears (`usage_based`). */
  billingMethod: BillingMethodParamSchema,
  /** Most units purchasable beyond those included; null for no limit. */
  maxPurchase: v.optional(v.nullable(v.number())),
});

/** What a plan grants of one feature. */
export const PlanItemParamsSchema = /* @__PURE__ */ outbound({
  /** The feature granted. */
  featureId: v.string(),
  /** Units included; the balance resets to this for consumable features. */
  included: v.optional(v.pipe(v.number(), v.maxValue(10_000_000_000_000))),
  /** Unlimited access to the feature. */
  unlimited: v.optional(v.boolean()),
  /** Whether entity grants add to a shared customer balance. */
  pooled: v.optional(v.boolean()),
  /** When the balance resets; omit for allocated features such as seats. */
  reset: v.optional(
    outbound({
      interval: ResetIntervalParamSchema,
      intervalCount: v.optional(v.number()),
    }),
  ),
  /** The price of usage beyond `included`; omit for a free feature. */
  price: v.optional(ItemPriceParamsSchema),
  /** How mid-cycle quantity changes of a prepaid feature are billed. */
  proration: v.optional(
    outbound({
      onIncrease: v.picklist(PRORATIONS_ON_INCREASE),
      onDecrease: v.picklist(PRORATIONS_ON_DECREASE),
    }),
  ),
  /** How unused included units carry over. */
  rollover: v.optional(
    outbound({
      /** Most units carried over; omit for no cap. */
      max: v.optional(v.number()),
      /** Most carried over, as a percentage of the grant; excludes `max`. */
      maxPercentage: v.optional(v.number()),
      expiryDurationType: v.picklist(ROLLOVER_DURATIONS),
      expiryDurationLength: v.optional(v.number()),
    }),
  ),
});
/** What a plan grants of one feature. */
export type PlanItemParams = CatalogParams<v.InferInput<typeof PlanItemParamsSchema>>;

/** Picks existing plan items; every given field must match. */
export const PlanItemFilterSchema = /* @__PURE__ */ outbound({
  featureId: v.optional(v.string()),
  billingMethod: v.optional(BillingMethodParamSchema),
  /** A price interval or a reset interval. */
  interval: v.optional(ResetIntervalParamSchema),
  intervalCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER))),
});
