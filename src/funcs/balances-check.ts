import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/request.js";
import type { Result } from "../lib/result.js";
import {
  type CheckParams,
  CheckParamsSchema,
  type CheckResponse,
  CheckResponseSchema,
} from "../models/operations/balances-check.js";

const operation: Operation<CheckParams, CheckResponse> = {
  path: "balances.check",
  params: CheckParamsSchema,
  response: CheckResponseSchema,
  // A plain check only reads; with sendEvent or a lock it deducts, so it is retried only under its Idempotency-Key.
  retry: (params) => (params.sendEvent || params.lock !== undefined ? "mutation" : "read"),
};

/**
 * Checks whether a customer may use a feature now; with `sendEvent: true` it
 * also deducts `requiredBalance` in the same call.
 *
 * @example
 * ```ts
 * const res = await balancesCheck(autumn, { customerId: "user_123", featureId: "messages", requiredBalance: 3 });
 * if (res.ok && !res.value.allowed) showPaywall();
 * ```
 */
export function balancesCheck(core: AutumnCore, params: CheckParams, options?: RequestOptions): Promise<Result<CheckResponse>> {
  return send(core, operation, params, options);
}
