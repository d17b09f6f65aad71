import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type BalancesFinalizeParams,
  BalancesFinalizeParamsSchema,
  type BalancesFinalizeResponse,
  BalancesFinalizeResponseSchema,
} from "../models/operations/balances-finalize.js";

const operation: Operation<BalancesFinalizeParams, BalancesFinalizeResponse> = {
  path: "balances.finalize",
  params: BalancesFinalizeParamsSchema,
  response: BalancesFinalizeResponseSchema,
  // Settles held usage: retried only under its Idempotency-Key, so it is settled once.
  retry: "mutation",
};

/**
 * Settles the units held by a lock (`lock` on check or track): `confirm`
 * keeps the deduction, `release` gives the units back.
 *
 * @example
 * ```ts
 * const res = await balancesFinalize(autumn, { lockId: "job_42", action: "confirm", overrideValue: 7 });
 * ```
 */
export function balancesFinalize(
  core: AutumnCore,
  params: BalancesFinalizeParams,
  options?: RequestOptions,
): Promise<Result<BalancesFinalizeResponse>> {
  return send(core, operation, params, options);
}
