import * as v from "valibot";
import type { CatalogParams } from "../lib/catalog.js";
import { outbound, type WireObject } from "../lib/wire.js";
import { CatalogIdSchema } from "./billing-params.js";
import { distinct, rule } from "./rules.js";
import { COUPON_DURATIONS, COUPON_TYPES, GRANT_EXPIRY_INTERVALS } from "./shared.js";
import { NonEmptyParamSchema, PositiveCountParamSchema } from "./params.js";

const codeOf = (promo: WireObject) => promo["code"];

/** The plans a coupon applies to, each once; null for every plan. */
export const CouponPlanIdsSchema = /* @__PURE__ */ v.nullable(
  v.pipe(v.array(CatalogIdSchema), v.minLength(1, "give at least one plan, or null for every plan"), distinct<string>("give each plan once")),
);

/** The codes a coupon is redeemed with, each once. */
export const CouponPromoCodesSchema = /* @__PURE__ */ v.pipe(
  v.array(
    outbound({
      /** The code customers enter. */
      code: NonEmptyParamSchema,
      /** How many times the code can be redeemed across all customers; null for no limit. */
      globalMaxRedemption: v.optional(v.nullable(PositiveCountParamSchema)),
      /** Whether the code applies to a customer's first transaction only. */
      firstTimeTransaction: v.optional(v.nullable(v.boolean())),
    }),
  ),
  distinct("give each promo code once", codeOf),
);

/** What a feature grant grants, at least one feature, each once. */
export const GrantsParamsSchema = /* @__PURE__ */ v.pipe(
  v.array(
    outbound({
      /** The feature granted. */
      featureId: CatalogIdSchema,
      /** The amount granted, 0 or more; null for an on/off feature. */
      included: v.nullable(v.pipe(v.number(), v.minValue(0))),
      /** How long the amount lasts; null for good. */
      expiry: v.nullable(
        outbound({
          /** The unit of the lifetime. */
          type: v.picklist(GRANT_EXPIRY_INTERVALS),
          /** How many units, a whole number above zero. */
          length: PositiveCountParamSchema,
        }),
      ),
    }),
  ),
  v.minLength(1, "give at least one grant"),
  distinct("give each feature once", (grant: WireObject) => grant["feature_id"]),
);

/** The codes a feature grant is redeemed with, at least one, each once. */
export const GrantPromoCodesSchema = /* @__PURE__ */ v.pipe(
  v.array(
    outbound({
      /** The code customers enter. */
      code: NonEmptyParamSchema,
      /** How many times the code can be redeemed; null for no limit. */
      maxUses: v.nullable(PositiveCountParamSchema),
    }),
  ),
  v.minLength(1, "give at least one promo code"),
  distinct("give each promo code once", codeOf),
);

/** A coupon to create. */
export const CouponCreateParamsSchema = /* @__PURE__ */ v.pipe(
  outbound({
    /** Your id for the coupon. */
    id: CatalogIdSchema,
    /** The coupon's display name. */
    name: NonEmptyParamSchema,
    /** The kind of discount. */
    type: v.picklist(COUPON_TYPES),
    /** The discount: a percentage (at most 100) or an amount, above zero. */
    value: v.pipe(v.number(), v.gtValue(0, "must be above zero")),
    /** How long the discount applies once redeemed. */
    duration: v.pipe(
      outbound({
        /** The unit of the duration. */
        type: v.picklist(COUPON_DURATIONS),
        /** How many months for `months`; null for `one_off` and `forever`. */
        length: v.nullable(PositiveCountParamSchema),
      }),
      rule("length", "a number of months for months, null for one_off and forever", (wire) => (wire["type"] === "months") !== (wire["length"] !== null)),
    ),
    /** The plans the discount applies to, each once; null for every plan. */
    planIds: CouponPlanIdsSchema,
    /** The codes customers redeem the coupon with, each once. */
    promoCodes: CouponPromoCodesSchema,
  }),
  rule("value", "a percentage discount is at most 100", (wire) => wire["type"] === "percentage_discount" && (wire["value"] as number) > 100),
);

/** A coupon to create. */
export type CouponCreateParams = CatalogParams<v.InferInput<typeof CouponCreateParamsSchema>>;

/** A feature grant to create. */
export const FeatureGrantCreateParamsSchema = /* @__PURE__ */ outbound({
  /** Your id for the grant. */
  id: CatalogIdSchema,
  /** The grant's display name. */
  name: NonEmptyParamSchema,
  /** What is granted, one entry per feature. */
  grants: GrantsParamsSchema,
  /** The codes customers redeem the grant with. */
  promoCodes: GrantPromoCodesSchema,
});
/** A feature grant to create. */
export type FeatureGrantCreateParams = CatalogParams<v.InferInput<typeof FeatureGrantCreateParamsSchema>>;

/** A reward is a coupon or a feature grant: a request naming both is refused, and so is one naming neither when `required`. */
// @__NO_SIDE_EFFECTS__
export function oneReward(required: boolean) {
  return rule("coupon", required ? "give exactly one of coupon and featureGrant" : "give coupon or featureGrant, not both", (wire) => {
    const given = Number(wire["coupon"] !== undefined) + Number(wire["feature_grant"] !== undefined);
    return given > 1 || (required && given === 0);
  });
}
