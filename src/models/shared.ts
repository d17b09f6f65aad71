import * as v from "valibot";
import { inbound, openEnum } from "../lib/wire.js";

/** The environment an object lives in. */
export const EnvSchema = /* @__PURE__ */ openEnum(["sandbox", "live"]);

/** A billing interval of a price. */
export const PriceIntervalSchema = /* @__PURE__ */ openEnum(["one_off", "week", "month", "quarter", "semi_annual", "year"]);

/** A reset interval of a balance. */
export const ResetIntervalSchema = /* @__PURE__ */ openEnum([
  "one_off", "minute", "hour", "day", "week", "month", "quarter", "semi_annual", "year",
]);

/** How a usage price is billed. */
export const BillingMethodSchema = /* @__PURE__ */ openEnum(["prepaid", "usage_based"]);

/** An amount in another currency. */
export const CurrencyAmountSchema = /* @__PURE__ */ inbound({
  /** The currency code (`eur`, …). */
  currency: v.string(),
  /** The amount in that currency. */
  amount: v.number(),
});

/** A price tier. `to` is `"inf"` for the last, open-ended tier. */
export const PriceTierSchema = /* @__PURE__ */ inbound({
  /** The upper bound of the tier, or `"inf"`. */
  to: v.union([v.number(), v.string()]),
  /** The per-unit amount within the tier. */
  amount: v.number(),
  /** A flat amount charged once the tier is reached. */
  flatAmount: v.optional(v.number()),
  /** The tier in other currencies. */
  additionalCurrencies: v.optional(
    v.array(
      inbound({
        currency: v.string(),
        amount: v.optional(v.number()),
        flatAmount: v.optional(v.number()),
      }),
    ),
  ),
});

/** Text shown for a price or item. */
export const DisplaySchema = /* @__PURE__ */ inbound({
  /** The main line. */
  primaryText: v.string(),
  /** The secondary line. */
  secondaryText: v.optional(v.string()),
});
