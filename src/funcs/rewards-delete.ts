import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type RewardsDeleteParams,
  RewardsDeleteParamsSchema,
  type RewardsDeleteResponse,
  RewardsDeleteResponseSchema,
} from "../models/operations/rewards-delete.js";

const operation: Operation<RewardsDeleteParams, RewardsDeleteResponse> = {
  path: "rewards.delete",
  params: RewardsDeleteParamsSchema,
  response: RewardsDeleteResponseSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Deletes a coupon or feature grant.
 *
 * @example
 * ```ts
 * const res = await rewardsDelete(autumn, { rewardId: "summer_sale" });
 * if (!res.ok) console.error(res.error);
 * ```
 */
export function rewardsDelete(core: AutumnCore, params: RewardsDeleteParams, options?: RequestOptions): Promise<Result<RewardsDeleteResponse>> {
  return send(core, operation, params, options);
}
