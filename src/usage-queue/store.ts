import type { BalancesTrackParams } from "../models/operations/balances-track.js";

/** One usage event as the queue hands it to your callbacks and reports: its key, its params, when it was added. */
export interface QueuedUsage {
  /** The `Idempotency-Key` given at `add` and sent with every attempt, in every process, until it is settled. */
  readonly idempotencyKey: string;
  /** The params of `balances.track`, as given to `add`. */
  readonly params: BalancesTrackParams;
  /** When it was added (epoch ms, the queue's clock). */
  readonly addedAt: number;
}

/**
 * An event as a store keeps it: the usage and where its delivery stands. A store changes these
 * fields only as `take`, `settle` and `retryDead` say (`startAttempt` and `settleEvent` below, or
 * the same steps in Redis's Lua).
 */
export interface StoredEvent {
  readonly key: string;
  readonly params: BalancesTrackParams;
  readonly addedAt: number;
  /** Attempts started; with `holder` it fences a settlement, so a lease that ran out cannot be settled by its old holder. */
  attempts: number;
  /** Not taken before this time (backoff). */
  nextAt: number;
  /** When the first attempt whose outcome is unknown was sent: Autumn may hold the key from then, for its window. */
  firstUncertainAt?: number | undefined;
  /** When the latest such attempt was sent: a 409 soon after it may come from that attempt, still in progress. */
  lastUncertainAt?: number | undefined;
  /** Who holds the lease (a queue object), while an attempt is in flight. */
  holder?: string | undefined;
  /** When the lease runs out; another holder may take the event after that. */
  leaseUntil?: number | undefined;
  /** When the attempt in flight started, written before it is sent: if it is never settled, its outcome is unknown. */
  attemptAt?: number | undefined;
  /** The last failure, for `deadLetters()` and debugging. */
  lastError?: string | undefined;
}

/** Why an event stopped being retried. */
export type DeadReason =
  /** Autumn refused it as it stands (customer or feature not found, invalid params): `error` says how. */
  | "refused"
  /**
   * An attempt's outcome is unknown (its answer was lost) and Autumn's claim on the key is about to
   * expire: resending it now could record it twice, so it is not resent. Check Autumn's events for
   * it (`properties`, `timestamp`), then `dropDead` it or, if it is not there, `retryDead` it.
   */
  | "outcome_unknown";

/** What was refused, in a form every store can keep. */
export interface DeadLetterError {
  readonly name: string;
  readonly message: string;
  /** The HTTP status, for an answer from Autumn. */
  readonly status?: number;
  /** Autumn's error code (`customer_not_found`, `feature_not_found`, `invalid_inputs`, …). */
  readonly code?: string;
}

/** An event the queue stopped delivering, and why. */
export interface DeadLetter extends QueuedUsage {
  readonly reason: DeadReason;
  /** The refusal, for `refused`. */
  readonly error?: DeadLetterError;
  /** When it was moved here (epoch ms). */
  readonly deadAt: number;
  /** Attempts sent. */
  readonly attempts: number;
  /** For `outcome_unknown`: when the first attempt whose outcome is unknown was sent. */
  readonly firstUncertainAt?: number;
  /** For `outcome_unknown`: when the latest attempt whose outcome is unknown was sent. Autumn recorded it between the two, or not at all. */
  readonly lastUncertainAt?: number;
  /** For `outcome_unknown`: when Autumn's claim on the key expires (`firstUncertainAt` + the window). */
  readonly windowClosesAt?: number;
}

/** How an attempt ended, for the store. */
export type Settlement =
  /** Autumn has it: forget the event, whoever holds its lease. */
  | { readonly kind: "delivered" }
  /** Try again from `nextAt`, with what this attempt taught about its uncertainty. */
  | {
      readonly kind: "retry";
      readonly nextAt: number;
      readonly firstUncertainAt: number | undefined;
      readonly lastUncertainAt: number | undefined;
      readonly lastError: string | undefined;
    }
  /** Stop retrying: keep it as a dead letter. */
  | { readonly kind: "dead"; readonly letter: DeadLetter };

/** What a store holds, for `stats()` and `close()`. */
export interface StoreCounts {
  /** Waiting to be sent (new, or backing off). */
  readonly pending: number;
  /** Leased to an attempt that has not ended. */
  readonly inFlight: number;
  /** Dead letters, `outcome_unknown` ones included. */
  readonly dead: number;
  /** Dead letters whose outcome is unknown. */
  readonly outcomeUnknown: number;
  /** When the next event falls due (a backoff ends, a lease runs out); undefined when none is waiting. */
  readonly nextDueAt: number | undefined;
}

/** A value now, or later from a store that talks to a server. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Where a usage queue keeps its events. `memoryStore()` (the default), `fileStore()` from
 * `@useautumn/sdk/usage-queue/file` and `redisStore()` from `@useautumn/sdk/usage-queue/redis`
 * implement it; each says what it promises. A store is used by one queue object; a shared store
 * (Redis) is shared by giving each queue its own store over the same keys.
 */
export interface UsageStore {
  /** Whether what it holds outlives the process (a file, Redis). */
  readonly durable: boolean;
  /**
   * Keeps `event` before returning, unless it holds `capacity` events or more: then false. An event
   * whose key it already holds is kept once. Throws only when it cannot keep it (a full disk).
   */
  add(event: StoredEvent, capacity: number): boolean;
  /**
   * Leases up to `count` events due at `now` to `holder` until `now + leaseMs`: pending ones whose
   * backoff is over and leased ones whose lease ran out (the attempt of those becomes uncertain).
   * Records that an attempt starts at `now` before returning them. Returns copies.
   */
  take(holder: string, count: number, now: number, leaseMs: number): MaybePromise<StoredEvent[]>;
  /**
   * Settles the attempt `holder` made with `event` (as `take` returned it): `delivered` always, the
   * others only while that attempt still holds the lease. Whether it applied.
   */
  settle(holder: string, event: StoredEvent, settlement: Settlement): MaybePromise<boolean>;
  counts(now: number): MaybePromise<StoreCounts>;
  deadLetters(): MaybePromise<DeadLetter[]>;
  /** Moves a dead letter back to pending, due at `now`, under the same key; false when there is none. */
  retryDead(key: string, now: number): MaybePromise<boolean>;
  /** Forgets a dead letter; false when there is none. */
  dropDead(key: string): MaybePromise<boolean>;
  /** Lets go of its resources. Returns what it held that ends with the process (none for a durable store). */
  close(): MaybePromise<QueuedUsage[]>;
}

/** The usage of a stored event, as callbacks and reports show it. */
export function usageOf(event: { key: string; params: BalancesTrackParams; addedAt: number }): QueuedUsage {
  return { idempotencyKey: event.key, params: event.params, addedAt: event.addedAt };
}

/** Whether `event` may be taken at `now`: pending with its backoff over, or leased with the lease run out. */
export function isDue(event: StoredEvent, now: number): boolean {
  return event.holder === undefined ? event.nextAt <= now : event.leaseUntil! <= now;
}

/**
 * Leases `event` to `holder` for an attempt starting at `now`. An attempt that started before and
 * was never settled (its holder crashed, or its lease ran out) may have reached Autumn: its time
 * joins the uncertain ones.
 */
export function startAttempt(event: StoredEvent, holder: string, now: number, leaseMs: number): void {
  const previous = event.attemptAt;
  if (previous !== undefined) {
    event.firstUncertainAt = Math.min(event.firstUncertainAt ?? previous, previous);
    event.lastUncertainAt = Math.max(event.lastUncertainAt ?? previous, previous);
  }
  event.attempts++;
  event.holder = holder;
  event.leaseUntil = now + leaseMs;
  event.attemptAt = now;
}

/** Whether `holder`'s attempt `taken` still holds `stored`'s lease. */
export function holdsLease(stored: StoredEvent, holder: string, taken: StoredEvent): boolean {
  return stored.holder === holder && stored.attempts === taken.attempts;
}

/** Puts a leased event back to pending as `settlement` says. */
export function release(event: StoredEvent, settlement: Extract<Settlement, { kind: "retry" }>): void {
  event.holder = event.leaseUntil = event.attemptAt = undefined;
  event.nextAt = settlement.nextAt;
  event.firstUncertainAt = settlement.firstUncertainAt;
  event.lastUncertainAt = settlement.lastUncertainAt;
  event.lastError = settlement.lastError;
}
