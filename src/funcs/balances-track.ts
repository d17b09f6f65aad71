import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/request.js";
import type { Result } from "../lib/result.js";
import { type TrackParams, TrackParamsSchema } from "../models/operations/balances-track.js";
import { type TrackResponse, TrackResponseSchema } from "../models/track-response.js";

const operation: Operation<TrackParams, TrackResponse> = {
  path: "balances.track",
  params: TrackParamsSchema,
  response: TrackResponseSchema,
  // Records usage: retried only under its Idempotency-Key, so usage is neither lost nor counted twice.
  retry: "mutation",
};

/**
 * Records usage of a feature (or of an event name mapped to features) and
 * returns the updated balance. A negative `value` credits the balance back.
 *
 * @example
 * ```ts
 * const res = await balancesTrack(autumn, { customerId: "user_123", featureId: "messages", value: 1 });
 * if (res.ok) console.log(res.value.balance?.remaining);
 * ```
 */
export function balancesTrack(core: AutumnCore, params: TrackParams, options?: RequestOptions): Promise<Result<TrackResponse>> {
  return send(core, operation, params, options);
}
