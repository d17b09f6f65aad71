import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Reward, RewardSchema } from "../models/reward.js";
import { type RewardsGetParams, RewardsGetParamsSchema } from "../models/operations/rewards-get.js";

const operation: Operation<RewardsGetParams, Reward> = {
  path: "rewards.get",
  params: RewardsGetParamsSchema,
  response: RewardSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Gets a coupon or feature grant by id, as the `coupon` or `featureGrant` of the answer.
 *
 * @example
 * ```ts
 * const res = await rewardsGet(autumn, { rewardId: "summer_sale" });
 * if (res.ok && res.value.coupon) console.log(res.value.coupon.value, res.value.coupon.duration);
 * ```
 */
export function rewardsGet(core: AutumnCore, params: RewardsGetParams, options?: RequestOptions): Promise<Result<Reward>> {
  return send(core, operation, params, options);
}
