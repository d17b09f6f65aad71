import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { NonEmptyParamSchema } from "../params.js";

/** Params of `referrals.redeemCode`. */
export const ReferralsRedeemCodeParamsSchema = /* @__PURE__ */ outbound({
  /** The referral code to redeem. */
  code: NonEmptyParamSchema,
  /** The customer redeeming it, who was referred. */
  customerId: CustomerIdSchema,
});
/** Params of `referrals.redeemCode`. */
export type ReferralsRedeemCodeParams = CatalogParams<v.InferInput<typeof ReferralsRedeemCodeParamsSchema>>;

/** The answer to `referrals.redeemCode`: the redemption and the reward it earns. */
export const ReferralsRedeemCodeResponseSchema = /* @__PURE__ */ inbound({
  /** The redemption's id. */
  id: v.string(),
  /** The customer who redeemed the code. */
  customerId: v.string(),
  /** The reward the redemption earns. */
  rewardId: v.string(),
});
/** The answer to `referrals.redeemCode`. */
export type ReferralsRedeemCodeResponse = CatalogAnswer<v.InferOutput<typeof ReferralsRedeemCodeResponseSchema>>;
