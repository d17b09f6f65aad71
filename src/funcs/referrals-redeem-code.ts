import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type ReferralsRedeemCodeParams,
  ReferralsRedeemCodeParamsSchema,
  type ReferralsRedeemCodeResponse,
  ReferralsRedeemCodeResponseSchema,
} from "../models/operations/referrals-redeem-code.js";

const operation: Operation<ReferralsRedeemCodeParams, ReferralsRedeemCodeResponse> = {
  path: "referrals.redeem_code",
  params: ReferralsRedeemCodeParamsSchema,
  response: ReferralsRedeemCodeResponseSchema,
  // Records a redemption, which a repeat would find already made: retried only under its Idempotency-Key.
  retry: "mutation",
};

/**
 * Redeems a referral code for the customer who was referred. A customer
 * cannot redeem their own code, nor the same code twice.
 *
 * @example
 * ```ts
 * const res = await referralsRedeemCode(autumn, { code: "REF-7QX2", customerId: "user_456" });
 * if (res.ok) console.log(res.value.rewardId);
 * ```
 */
export function referralsRedeemCode(core: AutumnCore, params: ReferralsRedeemCodeParams, options?: RequestOptions): Promise<Result<ReferralsRedeemCodeResponse>> {
  return send(core, operation, params, options);
}
