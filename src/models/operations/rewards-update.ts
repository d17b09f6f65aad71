import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound, type WireObject } from "../../lib/wire.js";
import { CatalogIdSchema } from "../billing-params.js";
import { CouponPlanIdsSchema, CouponPromoCodesSchema, GrantPromoCodesSchema, GrantsParamsSchema, oneReward } from "../reward-params.js";
import { NonEmptyParamSchema } from "../params.js";

/** What can change on a coupon; its kind, value and duration cannot. */
export const CouponUpdateParamsSchema = /* @__PURE__ */ outbound({
  /** The coupon's display name. */
  name: v.optional(NonEmptyParamSchema),
  /** The plans the discount applies to, each once; null for every plan. */
  planIds: v.optional(CouponPlanIdsSchema),
  /** The codes customers redeem the coupon with; they replace the current ones. */
  promoCodes: v.optional(CouponPromoCodesSchema),
});
/** What can change on a coupon. */
export type CouponUpdateParams = CatalogParams<v.InferInput<typeof CouponUpdateParamsSchema>>;

/** What can change on a feature grant. */
export const FeatureGrantUpdateParamsSchema = /* @__PURE__ */ outbound({
  /** The grant's display name. */
  name: v.optional(NonEmptyParamSchema),
  /** What is granted; replaces the current grants. */
  grants: v.optional(GrantsParamsSchema),
  /** The codes customers redeem the grant with; they replace the current ones. */
  promoCodes: v.optional(GrantPromoCodesSchema),
});
/** What can change on a feature grant. */
export type FeatureGrantUpdateParams = CatalogParams<v.InferInput<typeof FeatureGrantUpdateParamsSchema>>;

/** Params of `rewards.update`: the reward, and the changes to it as the coupon or feature grant it is. */
export type RewardsUpdateParams = {
  /** The reward to change. */
  rewardId: string;
} & (
  | { /** Changes to the reward, a coupon. */ coupon?: CouponUpdateParams; featureGrant?: undefined }
  | { /** Changes to the reward, a feature grant. */ featureGrant?: FeatureGrantUpdateParams; coupon?: undefined }
);

/** Params of `rewards.update`; fields left out keep their value. */
export const RewardsUpdateParamsSchema = /* @__PURE__ */ v.pipe(
  outbound({
    /** The reward to change. */
    rewardId: CatalogIdSchema,
    /** Changes to the reward, a coupon. */
    coupon: v.optional(CouponUpdateParamsSchema),
    /** Changes to the reward, a feature grant. */
    featureGrant: v.optional(FeatureGrantUpdateParamsSchema),
  }),
  oneReward(false),
) as v.GenericSchema<RewardsUpdateParams, WireObject>;
