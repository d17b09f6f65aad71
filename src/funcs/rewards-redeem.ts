import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type RewardsRedeemParams,
  RewardsRedeemParamsSchema,
  type RewardsRedeemResponse,
  RewardsRedeemResponseSchema,
} from "../models/operations/rewards-redeem.js";

const operation: Operation<RewardsRedeemParams, RewardsRedeemResponse> = {
  path: "rewards.redeem",
  params: RewardsRedeemParamsSchema,
  response: RewardsRedeemResponseSchema,
  // Grants the reward; a repeat could grant it again, so only under its Idempotency-Key.
  retry: "mutation",
};

/**
 * Redeems a promo code for a customer: a coupon's discount applies to their
 * invoices, a feature grant's balances are granted (and listed in the answer).
 *
 * @example
 * ```ts
 * const res = await rewardsRedeem(autumn, { code: "BETA2024", customerId: "user_123" });
 * if (res.ok) for (const granted of res.value.entitlementsGranted) console.log(granted.featureId, granted.balance);
 * ```
 */
export function rewardsRedeem(core: AutumnCore, params: RewardsRedeemParams, options?: RequestOptions): Promise<Result<RewardsRedeemResponse>> {
  return send(core, operation, params, options);
}
