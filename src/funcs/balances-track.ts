import type { AutumnCore } from "../core.js";
import type { Client, CustomerClient, ForCustomer } from "../lib/client.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { FailOpenMarker } from "../lib/fail-open.js";
import type { Result } from "../lib/result.js";
import { type BalancesTrackParams, BalancesTrackParamsSchema } from "../models/operations/balances-track.js";
import { type TrackResponse, TrackResponseSchema } from "../models/track-response.js";

/**
 * The answer of `balancesTrack`: Autumn's, or during an outage with `failOpen`,
 * a synthesised one. A synthesised answer means the usage may not have been
 * recorded: replay it later with the same `idempotencyKey` to record it once.
 */
export type TrackResult = TrackResponse & FailOpenMarker;

const operation: Operation<BalancesTrackParams, TrackResult> = {
  path: "balances.track",
  params: BalancesTrackParamsSchema,
  response: TrackResponseSchema,
  // Records usage: retried only under its Idempotency-Key, so usage is neither lost nor counted twice.
  retry: "mutation",
  // Queued: the usage was accepted, its balance is not known yet.
  accepted: queued,
  // Opted in: an outage must not fail the caller's request. Nothing is known of the balance.
  failOpen: (params, cause) => ({ ...queued(params), failedOpen: true, failOpenCause: cause }),
};

function queued(params: BalancesTrackParams): TrackResponse {
  return {
    customerId: params.customerId,
    ...(params.entityId === undefined ? {} : { entityId: params.entityId }),
    ...(params.eventName === undefined ? {} : { eventName: params.eventName }),
    value: params.value ?? 1,
    balance: null,
  };
}

/**
 * Records usage of a feature (or of an event name mapped to features) and
 * returns the updated balance. A negative `value` credits the balance back.
 * When Autumn queues the event and answers without a body (202 or 204), the
 * value echoes the params with `balance: null`.
 *
 * With a `CustomerCore` (a customer's token), leave `customerId` out: it is the token's customer.
 *
 * @example
 * ```ts
 * const res = await balancesTrack(autumn, { customerId: "user_123", featureId: "messages", value: 1 });
 * if (res.ok) console.log(res.value.balance?.remaining);
 * ```
 */
export function balancesTrack(core: CustomerClient, params: ForCustomer<BalancesTrackParams>, options?: RequestOptions): Promise<Result<TrackResult>>;
export function balancesTrack(core: AutumnCore, params: BalancesTrackParams, options?: RequestOptions): Promise<Result<TrackResult>>;
export function balancesTrack(core: Client, params: BalancesTrackParams | ForCustomer<BalancesTrackParams>, options?: RequestOptions): Promise<Result<TrackResult>> {
  return send(core, operation, params as BalancesTrackParams, options);
}
