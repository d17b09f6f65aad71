import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type BalancesDeleteParams,
  BalancesDeleteParamsSchema,
  type BalancesDeleteResponse,
  BalancesDeleteResponseSchema,
} from "../models/operations/balances-delete.js";

const operation: Operation<BalancesDeleteParams, BalancesDeleteResponse> = {
  path: "balances.delete",
  params: BalancesDeleteParamsSchema,
  response: BalancesDeleteResponseSchema,
  // A change: retried only under its Idempotency-Key, so a repeat cannot delete a second balance.
  retry: "mutation",
};

/**
 * Deletes a balance that has no price attached.
 *
 * @example
 * ```ts
 * const res = await balancesDelete(autumn, { customerId: "user_123", featureId: "messages", balanceId: "promo_2025" });
 * ```
 */
export function balancesDelete(
  core: AutumnCore,
  params: BalancesDeleteParams,
  options?: RequestOptions,
): Promise<Result<BalancesDeleteResponse>> {
  return send(core, operation, params, options);
}
