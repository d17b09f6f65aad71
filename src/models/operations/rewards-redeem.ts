import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { NonEmptyParamSchema } from "../params.js";

/** Params of `rewards.redeem`. */
export const RewardsRedeemParamsSchema = /* @__PURE__ */ outbound({
  /** The promo code to redeem. */
  code: NonEmptyParamSchema,
  /** The customer redeeming it. */
  customerId: CustomerIdSchema,
});
/** Params of `rewards.redeem`. */
export type RewardsRedeemParams = CatalogParams<v.InferInput<typeof RewardsRedeemParamsSchema>>;

/** The answer to `rewards.redeem`: the reward redeemed and the balances it granted. */
export const RewardsRedeemResponseSchema = /* @__PURE__ */ inbound({
  /** The reward the code belongs to. */
  rewardId: v.string(),
  /** The balances granted; empty for a coupon. */
  entitlementsGranted: v.array(
    inbound({
      /** The feature granted. */
      featureId: v.string(),
      /** The amount granted. */
      balance: v.number(),
    }),
  ),
});
/** The answer to `rewards.redeem`. */
export type RewardsRedeemResponse = CatalogAnswer<v.InferOutput<typeof RewardsRedeemResponseSchema>>;
