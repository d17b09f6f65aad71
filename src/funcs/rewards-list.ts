import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type RewardList,
  RewardListSchema,
  type RewardsListParams,
  RewardsListParamsSchema,
} from "../models/operations/rewards-list.js";

const operation: Operation<RewardsListParams, RewardList> = {
  path: "rewards.list",
  params: RewardsListParamsSchema,
  response: RewardListSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Lists every coupon and feature grant of the organisation.
 *
 * @example
 * ```ts
 * const res = await rewardsList(autumn);
 * if (res.ok) console.log(res.value.coupons.length, res.value.featureGrants.length);
 * ```
 */
export function rewardsList(core: AutumnCore, params: RewardsListParams = {}, options?: RequestOptions): Promise<Result<RewardList>> {
  return send(core, operation, params, options);
}
