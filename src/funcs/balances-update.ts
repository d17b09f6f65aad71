import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type BalancesUpdateParams,
  BalancesUpdateParamsSchema,
  type BalancesUpdateResponse,
  BalancesUpdateResponseSchema,
} from "../models/operations/balances-update.js";

const operation: Operation<BalancesUpdateParams, BalancesUpdateResponse> = {
  path: "balances.update",
  params: BalancesUpdateParamsSchema,
  response: BalancesUpdateResponseSchema,
  // A change (addToBalance adds again on a repeat): retried only under its Idempotency-Key.
  retry: "mutation",
};

/**
 * Changes a balance: sets what is left (`remaining`), adds to it
 * (`addToBalance`) or sets the usage, the grant, or the reset and expiry times.
 *
 * @example
 * ```ts
 * const res = await balancesUpdate(autumn, { customerId: "user_123", featureId: "messages", addToBalance: 100 });
 * ```
 */
export function balancesUpdate(
  core: AutumnCore,
  params: BalancesUpdateParams,
  options?: RequestOptions,
): Promise<Result<BalancesUpdateResponse>> {
  return send(core, operation, params, options);
}
