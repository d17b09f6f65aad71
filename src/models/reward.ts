import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { inbound } from "../lib/wire.js";
import { openEnumOf } from "./open-enum.js";
import type { COUPON_DURATIONS, COUPON_TYPES, GRANT_EXPIRY_INTERVALS } from "./shared.js";

/** A discount on the customer's invoices, redeemed with one of its promo codes. */
export const CouponSchema = /* @__PURE__ */ inbound({
  /** Your id for the coupon. */
  id: v.string(),
  /** The coupon's display name. */
  name: v.optional(v.nullable(v.string())),
  /** The kind of discount. */
  type: openEnumOf<readonly [...typeof COUPON_TYPES, "invoice_credits"]>(),
  /** The discount: a percentage for `percentage_discount`, an amount otherwise. */
  value: v.number(),
  /** How long the discount applies once redeemed. */
  duration: inbound({
    /** The unit of the duration. */
    type: openEnumOf<typeof COUPON_DURATIONS>(),
    /** How many units; null for `one_off` and `forever`. */
    length: v.nullable(v.number()),
  }),
  /** The plans the discount applies to; null for every plan. */
  planIds: v.nullable(v.array(v.string())),
  /** The codes customers redeem the coupon with. */
  promoCodes: v.array(
    inbound({
      /** The code customers enter. */
      code: v.string(),
      /** How many times the code can be redeemed across all customers; null for no limit. */
      globalMaxRedemption: v.optional(v.nullable(v.number())),
      /** Whether the code applies to a customer's first transaction only. */
      firstTimeTransaction: v.optional(v.nullable(v.boolean())),
    }),
  ),
  /** Epoch ms of creation. */
  createdAt: v.number(),
});
/** A coupon. */
export type Coupon = CatalogAnswer<v.InferOutput<typeof CouponSchema>>;

/** Feature balances granted to the customer who redeems one of its promo codes. */
export const FeatureGrantSchema = /* @__PURE__ */ inbound({
  /** Your id for the grant. */
  id: v.string(),
  /** The grant's display name. */
  name: v.optional(v.nullable(v.string())),
  /** What is granted, one entry per feature. */
  grants: v.array(
    inbound({
      /** The feature granted. */
      featureId: v.string(),
      /** The amount granted; null for an on/off feature. */
      included: v.nullable(v.number()),
      /** How long the amount lasts; null for good. */
      expiry: v.nullable(
        inbound({
          /** The unit of the lifetime. */
          type: openEnumOf<typeof GRANT_EXPIRY_INTERVALS>(),
          /** How many units. */
          length: v.number(),
        }),
      ),
    }),
  ),
  /** The codes customers redeem the grant with. */
  promoCodes: v.array(
    inbound({
      /** The code customers enter. */
      code: v.string(),
      /** How many times the code can be redeemed; null for no limit. */
      maxUses: v.nullable(v.number()),
    }),
  ),
  /** Epoch ms of creation. */
  createdAt: v.number(),
});
/** A feature grant. */
export type FeatureGrant = CatalogAnswer<v.InferOutput<typeof FeatureGrantSchema>>;

/**
 * A reward, as `rewards.create`, `rewards.get` and `rewards.update` answer it:
 * a coupon or a feature grant, whichever it is. A kind of reward this SDK does
 * not know yet comes back with neither.
 */
export const RewardSchema = /* @__PURE__ */ inbound({
  /** The reward, when it is a coupon. */
  coupon: v.optional(CouponSchema),
  /** The reward, when it is a feature grant. */
  featureGrant: v.optional(FeatureGrantSchema),
});
/** A reward: a coupon or a feature grant. */
export type Reward = CatalogAnswer<v.InferOutput<typeof RewardSchema>>;
