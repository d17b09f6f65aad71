import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CouponSchema, FeatureGrantSchema } from "../reward.js";

/** `rewards.list` takes no params; unknown keys are refused. */
export const RewardsListParamsSchema = /* @__PURE__ */ outbound({});
/** Params of `rewards.list`: none. */
export type RewardsListParams = CatalogParams<v.InferInput<typeof RewardsListParamsSchema>>;

/** Every reward of the organisation, by kind; the lists are not paginated. */
export const RewardListSchema = /* @__PURE__ */ inbound({
  /** The coupons. */
  coupons: v.array(CouponSchema),
  /** The feature grants. */
  featureGrants: v.array(FeatureGrantSchema),
});
/** Every reward, by kind. */
export type RewardList = CatalogAnswer<v.InferOutput<typeof RewardListSchema>>;
/** The answer to `rewards.list`: every reward, by kind. */
export type RewardsListResponse = RewardList;
