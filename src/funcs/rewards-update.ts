import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Reward, RewardSchema } from "../models/reward.js";
import { type RewardsUpdateParams, RewardsUpdateParamsSchema } from "../models/operations/rewards-update.js";

const operation: Operation<RewardsUpdateParams, Reward> = {
  path: "rewards.update",
  params: RewardsUpdateParamsSchema,
  response: RewardSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Changes a coupon's name, plans or promo codes, or a feature grant's name,
 * grants or promo codes; what is left out keeps its value. A coupon's kind,
 * value and duration cannot change.
 *
 * @example
 * ```ts
 * const res = await rewardsUpdate(autumn, { rewardId: "summer_sale", coupon: { promoCodes: [{ code: "SUMMER25", globalMaxRedemption: 100 }] } });
 * if (!res.ok) console.error(res.error);
 * ```
 */
export function rewardsUpdate(core: AutumnCore, params: RewardsUpdateParams, options?: RequestOptions): Promise<Result<Reward>> {
  return send(core, operation, params, options);
}
