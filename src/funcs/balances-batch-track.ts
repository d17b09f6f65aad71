import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type BalancesBatchTrackParams,
  BalancesBatchTrackParamsSchema,
  type BalancesBatchTrackResponse,
  BalancesBatchTrackResponseSchema,
} from "../models/operations/balances-batch-track.js";

const operation: Operation<BalancesBatchTrackParams, BalancesBatchTrackResponse> = {
  path: "balances.batch_track",
  params: BalancesBatchTrackParamsSchema,
  response: BalancesBatchTrackResponseSchema,
  // Queues usage: retried only under its Idempotency-Key, so events are neither lost nor queued twice.
  retry: "mutation",
  // A 202 or 204 without a body still means the batch was queued.
  accepted: () => ({ success: true }),
};

/**
 * Queues 1 to 1000 usage events in one request. They are deducted in the
 * background, so the answer carries no balances.
 *
 * @example
 * ```ts
 * const res = await balancesBatchTrack(autumn, [
 *   { customerId: "user_123", featureId: "messages", value: 2 },
 *   { customerId: "user_456", eventName: "ai_chat_request" },
 * ]);
 * ```
 */
export function balancesBatchTrack(
  core: AutumnCore,
  params: BalancesBatchTrackParams,
  options?: RequestOptions,
): Promise<Result<BalancesBatchTrackResponse>> {
  return send(core, operation, params, options);
}
