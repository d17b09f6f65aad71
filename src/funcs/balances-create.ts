import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type BalancesCreateParams,
  BalancesCreateParamsSchema,
  type BalancesCreateResponse,
  BalancesCreateResponseSchema,
} from "../models/operations/balances-create.js";

const operation: Operation<BalancesCreateParams, BalancesCreateResponse> = {
  path: "balances.create",
  params: BalancesCreateParamsSchema,
  response: BalancesCreateResponseSchema,
  // A change: retried only under its Idempotency-Key, so the grant cannot be made twice.
  retry: "mutation",
};

/**
 * Grants a customer (or entity) a balance of a feature outside any plan: a
 * one-off grant, or one that resets.
 *
 * @example
 * ```ts
 * const res = await balancesCreate(autumn, {
 *   customerId: "user_123",
 *   featureId: "messages",
 *   includedGrant: 500,
 *   reset: { interval: "month" },
 * });
 * ```
 */
export function balancesCreate(
  core: AutumnCore,
  params: BalancesCreateParams,
  options?: RequestOptions,
): Promise<Result<BalancesCreateResponse>> {
  return send(core, operation, params, options);
}
