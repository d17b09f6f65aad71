import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type FinalizeLockParams,
  FinalizeLockParamsSchema,
  type FinalizeLockResponse,
  FinalizeLockResponseSchema,
} from "../models/operations/balances-finalize.js";

const operation: Operation<FinalizeLockParams, FinalizeLockResponse> = {
  path: "balances.finalize",
  params: FinalizeLockParamsSchema,
  response: FinalizeLockResponseSchema,
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
  params: FinalizeLockParams,
  options?: RequestOptions,
): Promise<Result<FinalizeLockResponse>> {
  return send(core, operation, params, options);
}
