import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/request.js";
import * as retryPolicy from "../lib/retry-policy.js";
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
  retry: retryPolicy.balancesDelete,
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
