import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type CreateBalanceParams,
  CreateBalanceParamsSchema,
  type CreateBalanceResponse,
  CreateBalanceResponseSchema,
} from "../models/operations/balances-create.js";

const operation: Operation<CreateBalanceParams, CreateBalanceResponse> = {
  path: "balances.create",
  params: CreateBalanceParamsSchema,
  response: CreateBalanceResponseSchema,
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
  params: CreateBalanceParams,
  options?: RequestOptions,
): Promise<Result<CreateBalanceResponse>> {
  return send(core, operation, params, options);
}
