import type { AutumnCore } from "../core.js";
import type { ConfigurationError } from "../lib/errors/configuration-error.js";
import type { RequestValidationError } from "../lib/errors/request-validation-error.js";
import type { Result } from "../lib/result.js";
import type { BalancesTrackParams } from "../models/operations/balances-track.js";
import type { QueueClosedError } from "./errors/queue-closed-error.js";
import type { QueueFullError } from "./errors/queue-full-error.js";
import type { QueueStoreError } from "./errors/queue-store-error.js";
import type { DeadLetter, QueuedUsage } from "./store.js";

/** Options of one `add`. */
export interface AddOptions {
  /** Your own `Idempotency-Key` for the event (one per event, reused by nothing else). Default: a random UUID. */
  readonly idempotencyKey?: string;
  /**
   * When an earlier call under this key may have reached Autumn (epoch ms, the queue's clock): the
   * event is then treated as possibly recorded since that time (the key's window starts there, and a
   * 409 is confirmed before it is trusted). `trackOrQueue` sets it.
   */
  readonly sentAt?: number;
}

/** Why `add` refused an event. Nothing was stored. */
export type AddError = RequestValidationError | ConfigurationError | QueueFullError | QueueClosedError | QueueStoreError;

/** What a queue holds and has done. */
export interface QueueStats {
  /** Waiting to be sent: new, or backing off. */
  readonly pending: number;
  /** Being sent now (by this queue, or, with a shared store, by any of its instances). */
  readonly inFlight: number;
  /** Delivered by this queue object since it was created. */
  readonly delivered: number;
  /** Dead letters, `outcomeUnknown` ones included. */
  readonly dead: number;
  /** Dead letters whose outcome is unknown (`reason: "outcome_unknown"`): reconcile them. */
  readonly outcomeUnknown: number;
}

/** What a `flush()` did and left. */
export interface FlushReport {
  /** Events delivered while it ran. */
  readonly delivered: number;
  /** Events moved to the dead letters while it ran. */
  readonly dead: number;
  /** Events still waiting after it: backing off (an outage, a Retry-After), or added meanwhile. */
  readonly pending: number;
  /** Events still being sent after it (by another instance, with a shared store). */
  readonly inFlight: number;
  /** Set when the store could not be read or written (Redis unreachable); counts it could not read are 0. */
  readonly storeError?: QueueStoreError;
}

/** What `close()` did and left. */
export interface CloseReport extends FlushReport {
  /**
   * Undelivered events that end with this process: everything `pending` with the memory store, and
   * with Redis any event not yet pushed to it. Empty for a durable store's own events (they wait there).
   */
  readonly lost: readonly QueuedUsage[];
}

/** A usage queue: `add` stores an event at once, delivery happens in the background, exactly once. */
export interface UsageQueue {
  /** The client events are delivered with. */
  readonly core: AutumnCore;
  /** The queue's clock. */
  readonly now: () => number;
  /**
   * Checks `params` as `balancesTrack` would, gives the event its idempotency key and stores it,
   * all before returning; delivery happens later. Never throws.
   */
  add(params: BalancesTrackParams, options?: AddOptions): Result<QueuedUsage, AddError>;
  /**
   * Delivers every event that is due, and resolves when each is settled (delivered or dead) or
   * handed back to the store (backing off). Never rejects: fit for `waitUntil(queue.flush())`.
   */
  flush(): Promise<FlushReport>;
  /**
   * Refuses further adds, stops the interval, delivers what is due (and, with a store that ends
   * with the process, waits out backoffs) until `deadlineMs` (default 10 s), aborts attempts still in
   * flight then, and closes the store. Never rejects; reports what is left.
   */
  close(options?: { readonly deadlineMs?: number }): Promise<CloseReport>;
  stats(): Promise<Result<QueueStats, QueueStoreError>>;
  deadLetters(): Promise<Result<readonly DeadLetter[], QueueStoreError>>;
  /** Sends a dead letter again, under its key. For `outcome_unknown`, only once Autumn's events show it is not there. */
  retryDead(idempotencyKey: string): Promise<Result<boolean, QueueStoreError>>;
  /** Forgets a dead letter. */
  dropDead(idempotencyKey: string): Promise<Result<boolean, QueueStoreError>>;
}
