import { balancesTrack, type TrackResult } from "../funcs/balances-track.js";
import type { RequestOptions } from "../lib/config.js";
import type { SDKError } from "../lib/errors/index.js";
import type { Result } from "../lib/result.js";
import type { BalancesTrackParams } from "../models/operations/balances-track.js";
import { newKey } from "./keys.js";
import type { AddError, UsageQueue } from "./types.js";
import type { QueuedUsage } from "./store.js";

/** The answer of `trackOrQueue`: Autumn's, or during an outage a synthesised one with the event handed to the queue. */
export type TrackOrQueueResult = TrackResult & {
  /** Present when Autumn could not answer and the event went to the queue, which will record it exactly once. */
  readonly queued?: QueuedUsage;
};

/**
 * Tracks usage now, like `balancesTrack` with `failOpen`, but when Autumn is unreachable, times out
 * or answers 5xx, the event is handed to `queue` instead of being left for you to replay. It goes
 * there under the key the failed call used: that call may have been recorded, and the same key makes
 * the queue's resend count once. The answer is then synthesised (`failedOpen: true`, `balance: null`)
 * and carries `queued`.
 *
 * Refusals (a customer that does not exist, bad params) are returned as errors, as `balancesTrack`
 * returns them; they are not queued. If the queue refuses the event too (full, closed), that error
 * is returned.
 *
 * @example
 * ```ts
 * import { createUsageQueue, trackOrQueue } from "@useautumn/sdk/usage-queue";
 * const usage = createUsageQueue(autumn);
 * const res = await trackOrQueue(usage, { customerId: "user_123", featureId: "messages" });
 * if (res.ok && res.value.queued) console.warn("Autumn is down; the usage is queued");
 * ```
 */
export async function trackOrQueue(queue: UsageQueue, params: BalancesTrackParams, options?: RequestOptions): Promise<Result<TrackOrQueueResult, SDKError | AddError>> {
  const idempotencyKey = options?.idempotencyKey ?? newKey();
  const sentAt = queue.now();
  const result = await balancesTrack(queue.core, params, { ...options, idempotencyKey, failOpen: true });
  if (!result.ok || !result.value.failedOpen) return result;
  const added = queue.add(params, { idempotencyKey, sentAt });
  if (!added.ok) return added;
  return { ok: true, value: { ...result.value, queued: added.value } };
}
