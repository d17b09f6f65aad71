import * as v from "valibot";
import { inbound, openEnum } from "../lib/wire.js";
import { openEnumOf } from "./open-enum.js";

// Value lists used by more than one schema, each written once. A request
// checks a list with a picklist of it; a response reads it with
// `openEnumOf<typeof LIST>()`, which accepts values the SDK does not know yet
// and needs only the list's type.

/** The billing intervals of a price. */
export const PRICE_INTERVALS = ["one_off", "week", "month", "quarter", "semi_annual", "year"] as const;

/** The reset intervals of a balance or plan item. */
export const RESET_INTERVALS = ["one_off", "minute", "hour", "day", "week", "month", "quarter", "semi_annual", "year"] as const;

/** The ways a usage price is billed: upfront (`prepaid`) or in arrears (`usage_based`). */
export const BILLING_METHODS = ["prepaid", "usage_based"] as const;

/** The ways price tiers apply: per slice (`graduated`) or to all units (`volume`). */
export const TIER_BEHAVIORS = ["graduated", "volume"] as const;

/** The units of a rollover's lifetime. */
export const ROLLOVER_DURATIONS = ["month", "forever"] as const;

/** The units of a free trial's length. */
export const TRIAL_DURATIONS = ["day", "month", "year"] as const;

/** What happens when a free trial ends: a charge (`bill`) or the previous plan back (`revert`). */
export const TRIAL_END_ACTIONS = ["bill", "revert"] as const;

/** The ways a mid-cycle increase of a prepaid quantity is billed. */
export const PRORATIONS_ON_INCREASE = ["bill_immediately", "prorate_immediately", "prorate_next_cycle", "bill_next_cycle"] as const;

/** The ways a mid-cycle decrease of a prepaid quantity is billed. */
export const PRORATIONS_ON_DECREASE = ["prorate", "prorate_immediately", "prorate_next_cycle", "none", "no_prorations"] as const;

/** The statuses of a customer's subscription. */
export const SUBSCRIPTION_STATUSES = ["active", "scheduled"] as const;

// Not the list of the `processors` filters of `customers.list` and
// `entities.list`: the spec adds `vercel` there, and only there.
/** The processors an invoice or an imported plan can come from. */
export const BILLING_PROCESSORS = ["stripe", "revenuecat"] as const;

/** The statuses of an invoice. */
export const INVOICE_STATUSES = ["draft", "open", "void", "paid", "uncollectible"] as const;

/** How long a coupon applies once redeemed: once, some months, or forever. */
export const COUPON_DURATIONS = ["one_off", "months", "forever"] as const;

/** The kinds of coupon a request can create; answers also know `invoice_credits`. */
export const COUPON_TYPES = ["percentage_discount", "fixed_discount"] as const;

/** The units of a feature grant's lifetime. */
export const GRANT_EXPIRY_INTERVALS = ["day", "week", "month", "year"] as const;

/** When a referral program grants its reward: when the code is redeemed, or when the redeemer checks out. */
export const REFERRAL_TRIGGERS = ["customer_creation", "checkout"] as const;

/** Who receives a referral program's reward: the referrer, or both parties. */
export const REFERRAL_RECIPIENTS = ["referrer", "all"] as const;

/** The RevenueCat environments of an organisation you manage; `test` and `sandbox` both mean the sandbox. */
export const REVENUECAT_ENVS = ["test", "sandbox", "live"] as const;

/** The kinds of feature. */
export const FEATURE_TYPES = ["boolean", "metered", "credit_system", "ai_credit_system"] as const;

/** The windows of an auto top-up's purchase limit. */
export const PURCHASE_LIMIT_INTERVALS = ["hour", "day", "week", "month"] as const;

/** The windows of a usage limit. */
export const USAGE_LIMIT_INTERVALS = ["day", "week", "month", "year"] as const;

/** What a usage limit's window is anchored to. */
export const USAGE_LIMIT_ANCHORS = ["billing_cycle", "utc"] as const;

/** The kinds of spend limit. */
export const SPEND_LIMIT_TYPES = ["absolute", "usage_percentage"] as const;

/** What a usage alert's threshold measures. */
export const USAGE_ALERT_THRESHOLD_TYPES = ["usage", "usage_percentage", "remaining", "remaining_percentage"] as const;

/** The environment an object lives in. */
export const EnvSchema = /* @__PURE__ */ openEnum(["sandbox", "live"]);

/** A billing interval of a price. */
export const PriceIntervalSchema = /* @__PURE__ */ openEnumOf<typeof PRICE_INTERVALS>();

/** A billing interval of a price, as sent in a request. */
export const PriceIntervalParamSchema = /* @__PURE__ */ v.picklist(PRICE_INTERVALS);

/** A reset interval of a balance or plan item. */
export const ResetIntervalSchema = /* @__PURE__ */ openEnumOf<typeof RESET_INTERVALS>();

/** A reset interval of a balance or plan item, as sent in a request. */
export const ResetIntervalParamSchema = /* @__PURE__ */ v.picklist(RESET_INTERVALS);

/** How a usage price is billed. */
export const BillingMethodSchema = /* @__PURE__ */ openEnumOf<typeof BILLING_METHODS>();

/** How a usage price is billed, as sent in a request. */
export const BillingMethodParamSchema = /* @__PURE__ */ v.picklist(BILLING_METHODS);

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
