import * as v from "valibot";
import { outbound, type WireObject } from "../../lib/wire.js";
import {
  type CouponCreateParams,
  CouponCreateParamsSchema,
  type FeatureGrantCreateParams,
  FeatureGrantCreateParamsSchema,
  oneReward,
} from "../reward-params.js";

/** Params of `rewards.create`: a coupon or a feature grant. */
export type RewardsCreateParams =
  | { /** The coupon to create. */ coupon: CouponCreateParams; featureGrant?: undefined }
  | { /** The feature grant to create. */ featureGrant: FeatureGrantCreateParams; coupon?: undefined };

/** Params of `rewards.create`: exactly one of a coupon and a feature grant. */
export const RewardsCreateParamsSchema = /* @__PURE__ */ v.pipe(
  outbound({
    /** The coupon to create. */
    coupon: v.optional(CouponCreateParamsSchema),
    /** The feature grant to create. */
    featureGrant: v.optional(FeatureGrantCreateParamsSchema),
  }),
  oneReward(true),
) as v.GenericSchema<RewardsCreateParams, WireObject>;
