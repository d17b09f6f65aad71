import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type DeleteBalanceParams,
  DeleteBalanceParamsSchema,
  type DeleteBalanceResponse,
  DeleteBalanceResponseSchema,
} from "../models/operations/balances-delete.js";

const operation: Operation<DeleteBalanceParams, DeleteBalanceResponse> = {
  path: "balances.delete",
  params: DeleteBalanceParamsSchema,
  response: DeleteBalanceResponseSchema,
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
  params: DeleteBalanceParams,
  options?: RequestOptions,
): Promise<Result<DeleteBalanceResponse>> {
  return send(core, operation, params, options);
}
