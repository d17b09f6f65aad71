import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Reward, RewardSchema } from "../models/reward.js";
import { type RewardsCreateParams, RewardsCreateParamsSchema } from "../models/operations/rewards-create.js";

const operation: Operation<RewardsCreateParams, Reward> = {
  path: "rewards.create",
  params: RewardsCreateParamsSchema,
  response: RewardSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Creates a reward: a coupon (a discount on invoices) or a feature grant
 * (balances), each redeemed with its promo codes. Give exactly one of
 * `coupon` and `featureGrant`.
 *
 * @example
 * ```ts
 * const res = await rewardsCreate(autumn, {
 *   coupon: { id: "summer_sale", name: "Summer sale", type: "percentage_discount", value: 20, duration: { type: "months", length: 3 }, planIds: null, promoCodes: [{ code: "SUMMER20" }] },
 * });
 * if (res.ok) console.log(res.value.coupon?.promoCodes);
 * ```
 */
export function rewardsCreate(core: AutumnCore, params: RewardsCreateParams, options?: RequestOptions): Promise<Result<Reward>> {
  return send(core, operation, params, options);
}
