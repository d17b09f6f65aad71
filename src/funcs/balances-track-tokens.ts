import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type BalancesTrackTokensParams, BalancesTrackTokensParamsSchema } from "../models/operations/balances-track-tokens.js";
import { type TrackResponse, TrackResponseSchema } from "../models/track-response.js";

const operation: Operation<BalancesTrackTokensParams, TrackResponse> = {
  path: "balances.track_tokens",
  params: BalancesTrackTokensParamsSchema,
  response: TrackResponseSchema,
  // Records usage: retried only under its Idempotency-Key, so usage is neither lost nor counted twice.
  retry: "mutation",
};

/**
 * Records the tokens of one LLM call against the customer's AI credit system;
 * Autumn prices them from the model's costs and markup.
 *
 * @example
 * ```ts
 * const res = await balancesTrackTokens(autumn, {
 *   customerId: "user_123",
 *   modelId: "anthropic/claude-sonnet-4-20250514",
 *   inputTokens: 1200,
 *   outputTokens: 350,
 * });
 * ```
 */
export function balancesTrackTokens(
  core: AutumnCore,
  params: BalancesTrackTokensParams,
  options?: RequestOptions,
): Promise<Result<TrackResponse>> {
  return send(core, operation, params, options);
}
