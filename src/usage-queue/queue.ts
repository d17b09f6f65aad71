import * as v from "valibot";
import type { AutumnCore } from "../core.js";
import { balancesTrack, type TrackResult } from "../funcs/balances-track.js";
import { ConfigurationError } from "../lib/errors/configuration-error.js";
import type { SDKError } from "../lib/errors/index.js";
import { RequestValidationError } from "../lib/errors/request-validation-error.js";
import { toIssues } from "../lib/issues.js";
import { callSettings } from "../lib/options.js";
import { err, ok, type Result } from "../lib/result.js";
import { backoffMs } from "../lib/retry.js";
import { type BalancesTrackParams, BalancesTrackParamsSchema } from "../models/operations/balances-track.js";
import { QueueClosedError } from "./errors/queue-closed-error.js";
import { QueueFullError } from "./errors/queue-full-error.js";
import { QueueStoreError } from "./errors/queue-store-error.js";
import { newKey } from "./keys.js";
import { memoryStore } from "./memory-store.js";
import { queueSettings, type UsageQueueOptions } from "./options.js";
import { outcomeOf } from "./outcome.js";
import { type DeadLetter, type DeadLetterError, type QueuedUsage, type Settlement, type StoredEvent, usageOf } from "./store.js";

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

/**
 * A usage queue over `core`: events are checked and stored by `add`, then delivered in the
 * background, each by one `balances.track` under its own `Idempotency-Key`.
 *
 * Why that route: Autumn keeps a key it accepted and answers a second request with it 409, and
 * releases it after any failure but a 409 (a 429, another 4xx, a 5xx, a crash). So resending an event
 * under its key, after a lost answer, a crash, or from another instance, records it at most once,
 * and a 409 proves it was recorded. `balances.batch_track` is not used: its items carry no key, and it
 * answers 202 even when some items were not enqueued, so a batch whose answer is lost can be neither
 * resent (it would count the rest twice) nor given up (it would lose them).
 *
 * Bad options throw a `ConfigurationError` naming the option.
 *
 * @example
 * ```ts
 * import { createUsageQueue } from "@useautumn/sdk/usage-queue";
 * const usage = createUsageQueue(autumn);
 * const added = usage.add({ customerId: "user_123", featureId: "messages", value: 1 });
 * if (!added.ok) console.error(added.error);
 * ```
 */
export function createUsageQueue(core: AutumnCore, options?: UsageQueueOptions): UsageQueue {
  const settings = queueSettings(options);
  const store = options?.store ?? memoryStore();
  const { now, capacity, concurrency, retry } = settings;
  // Who holds this queue's leases; made on first use, since Workers refuse randomness at module scope, where a queue is often created.
  let holder: string | undefined;
  // Aborts attempts still in flight when close()'s deadline comes.
  const stop = new AbortController();
  const totals = { delivered: 0, dead: 0 };
  let closed = false;
  let storeClosed = false;
  let lastStoreError: QueueStoreError | undefined;
  // Consecutive attempts that failed to reach a verdict, and the whole queue's pause after them.
  let failures = 0;
  let pausedUntil = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let wake: ReturnType<typeof setTimeout> | undefined;
  let wakeTime = Infinity;
  let kicked = false;
  let sinceKick = 0;
  let pumping: Promise<void> | undefined;
  let again = false;

  function add(params: BalancesTrackParams, addOptions?: AddOptions): Result<QueuedUsage, AddError> {
    if (closed) return err(new QueueClosedError());
    const parsed = v.safeParse(BalancesTrackParamsSchema, params);
    if (!parsed.success) return err(new RequestValidationError({ issues: toIssues(parsed.issues) }));
    let key: string | undefined;
    let sentAt: number | undefined;
    if (addOptions !== undefined) {
      // The key is checked as a call's own would be, so that a bad one is refused now rather than at every attempt.
      const refused = addOptions.idempotencyKey === undefined ? undefined : callSettings(core, { idempotencyKey: addOptions.idempotencyKey });
      if (refused instanceof ConfigurationError) return err(refused);
      key = addOptions.idempotencyKey;
      sentAt = addOptions.sentAt;
      if (sentAt !== undefined && !Number.isFinite(sentAt)) return err(new RequestValidationError({ issues: [{ path: "sentAt", message: "expected epoch milliseconds" }] }));
    }
    const at = now();
    // A shallow copy: the caller's object may change after add returns.
    const event: StoredEvent = { key: key ?? newKey(), params: { ...params }, addedAt: at, attempts: 0, nextAt: at };
    if (sentAt !== undefined) {
      event.firstUncertainAt = sentAt;
      // The earlier call may still be running at Autumn until now.
      event.lastUncertainAt = Math.max(sentAt, at);
    }
    let stored: boolean;
    try {
      stored = store.add(event, capacity);
    } catch (cause) {
      return err(new QueueStoreError({ message: "The usage queue's store could not keep the event", cause }));
    }
    if (!stored) return err(new QueueFullError({ capacity }));
    startInterval();
    if (++sinceKick >= settings.flushAt) {
      sinceKick = 0;
      kick();
    }
    return ok(usageOf(event));
  }

  /** A delivery pass on the next tick, so that adds made together are taken together. */
  function kick(): void {
    if (kicked) return;
    kicked = true;
    setTimeout(() => {
      kicked = false;
      void pump();
    }, 0);
  }

  /**
   * A delivery pass at `time` (the queue's clock), when a backoff or a pause this queue set ends,
   * rather than at the next interval. One timer, for the soonest; unreferenced, like the interval.
   */
  function wakeAt(time: number): void {
    if (closed || time >= wakeTime) return;
    clearTimeout(wake);
    wakeTime = time;
    // setTimeout fires at once past 2^31-1 ms: a Retry-After of weeks would otherwise wake it in a loop.
    wake = setTimeout(() => {
      wake = undefined;
      wakeTime = Infinity;
      void pump();
    }, Math.min(Math.max(0, time - now()), 2_147_483_647));
    (wake as { unref?: () => void }).unref?.();
  }

  // Started on the first add, not here: Workers refuse timers outside a request.
  function startInterval(): void {
    if (timer !== undefined || settings.flushIntervalMs === 0 || closed) return;
    timer = setInterval(() => void pump(), settings.flushIntervalMs);
    // An interval must not keep a Node process alive; close() clears it.
    (timer as { unref?: () => void }).unref?.();
  }

  /** Runs delivery passes until one finds nothing due; joins the running one (then runs one more). Never rejects. */
  function pump(): Promise<void> {
    again = true;
    pumping ??= (async () => {
      while (again && !storeClosed) {
        again = false;
        await deliverDue();
      }
    })()
      // Nothing inside is expected to throw (a store's failure is caught where it is used); a flush must never reject.
      .catch((cause: unknown) => storeFailed(cause))
      .finally(() => (pumping = undefined));
    return pumping;
  }

  /** Keeps up to `concurrency` attempts in flight while events are due and the queue is not paused. */
  async function deliverDue(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    let exhausted = false;
    for (;;) {
      const room = concurrency - inFlight.size;
      if (!exhausted && room > 0 && !stop.signal.aborted && now() >= pausedUntil) {
        let taken: StoredEvent[] = [];
        try {
          taken = await store.take((holder ??= newKey()), room, now(), settings.leaseMs);
        } catch (cause) {
          // The store is unreachable: the attempts in flight still end and settle; the queue pauses.
          storeFailed(cause);
        }
        exhausted = taken.length < room;
        for (const event of taken) {
          const running: Promise<void> = attempt(event).then(() => void inFlight.delete(running));
          inFlight.add(running);
        }
        if (taken.length > 0) continue;
      }
      if (inFlight.size === 0) return;
      await Promise.race(inFlight);
      // A slot is free: events may have come (another add, another instance).
      exhausted = false;
    }
  }

  /** One attempt of one event, and its settlement. Never rejects. */
  async function attempt(event: StoredEvent): Promise<void> {
    const sentAt = event.attemptAt!;
    const closesAt = event.firstUncertainAt === undefined ? undefined : event.firstUncertainAt + settings.idempotencyWindowMs;
    // Autumn may have recorded it and will soon forget the key: a resend could record it twice.
    if (closesAt !== undefined && sentAt >= closesAt - settings.windowMarginMs) {
      return bury(
        event,
        { reason: "outcome_unknown", firstUncertainAt: event.firstUncertainAt!, lastUncertainAt: event.lastUncertainAt ?? event.firstUncertainAt!, windowClosesAt: closesAt },
        // The attempt taken for it is not sent.
        event.attempts - 1,
      );
    }
    const result = await balancesTrack(core, event.params, {
      idempotencyKey: event.key,
      // One attempt per call: the queue schedules the next one, and records each in the store first.
      retries: 0,
      timeoutMs: settings.attemptTimeoutMs,
      // A synthesised "allowed" answer would settle an event that was never recorded.
      failOpen: false,
      signal: stop.signal,
    });
    if (result.ok) return deliver(event, result.value);
    const outcome = outcomeOf(result.error);
    const at = now();
    if (outcome === "duplicate" || outcome === "delivered" || outcome === "refused") failures = 0;
    switch (outcome) {
      case "delivered":
        return deliver(event, undefined);
      case "duplicate":
        // A 409 soon after an attempt whose outcome is unknown may come from that attempt, still holding the key.
        if (event.lastUncertainAt !== undefined && at < event.lastUncertainAt + settings.confirmDuplicateAfterMs) {
          return reschedule(event, event.lastUncertainAt + settings.confirmDuplicateAfterMs, event.firstUncertainAt, event.lastUncertainAt, result.error);
        }
        return deliver(event, undefined);
      case "refused":
        return bury(event, { reason: "refused", error: summary(result.error) });
      default: {
        failures++;
        const asked = result.error.name === "AutumnAPIError" ? (result.error.retryAfterMs ?? 0) : 0;
        // An outage or a rate limit concerns every event: the whole queue waits, honouring Retry-After.
        pausedUntil = Math.max(pausedUntil, at + Math.max(asked, backoffMs(retry, failures)));
        wakeAt(pausedUntil);
        const uncertain = outcome === "unknown";
        return reschedule(
          event,
          at + Math.max(asked, backoffMs(retry, event.attempts)),
          uncertain ? Math.min(event.firstUncertainAt ?? sentAt, sentAt) : event.firstUncertainAt,
          uncertain ? Math.max(event.lastUncertainAt ?? sentAt, sentAt) : event.lastUncertainAt,
          result.error,
        );
      }
    }
  }

  async function deliver(event: StoredEvent, answer: TrackResult | undefined): Promise<void> {
    if (!(await settle(event, { kind: "delivered" }))) return;
    totals.delivered++;
    notify(settings.onDelivered, usageOf(event), answer);
  }

  async function bury(event: StoredEvent, fields: Omit<DeadLetter, keyof QueuedUsage | "deadAt" | "attempts">, attempts = event.attempts): Promise<void> {
    const letter: DeadLetter = { ...usageOf(event), ...fields, deadAt: now(), attempts };
    if (!(await settle(event, { kind: "dead", letter }))) return;
    totals.dead++;
    notify(settings.onDead, letter);
  }

  async function reschedule(event: StoredEvent, nextAt: number, firstUncertainAt: number | undefined, lastUncertainAt: number | undefined, error: SDKError): Promise<void> {
    if (await settle(event, { kind: "retry", nextAt: Math.round(nextAt), firstUncertainAt, lastUncertainAt, lastError: error.message })) wakeAt(nextAt);
  }

  /** Whether the settlement applied. A store that fails leaves the lease to run out: the next holder resends under the key. */
  async function settle(event: StoredEvent, settlement: Settlement): Promise<boolean> {
    try {
      return await store.settle(holder!, event, settlement);
    } catch (cause) {
      storeFailed(cause);
      return false;
    }
  }

  function storeFailed(cause: unknown): void {
    lastStoreError = new QueueStoreError({ message: "The usage queue's store failed", cause });
    failures++;
    pausedUntil = Math.max(pausedUntil, now() + backoffMs(retry, failures));
    wakeAt(pausedUntil);
  }

  function notify<A extends unknown[]>(callback: ((...args: A) => void) | undefined, ...args: A): void {
    try {
      callback?.(...args);
    } catch (error) {
      // An app's callback that throws must not stop delivery; its error is the app's to see in the debug log.
      core.debugLogger?.debug("[autumn] usage queue callback threw", error);
    }
  }

  async function report(before: typeof totals): Promise<FlushReport> {
    const counts = await useStore(() => store.counts(now()));
    const storeError = counts.ok ? lastStoreError : counts.error;
    lastStoreError = undefined;
    return {
      delivered: totals.delivered - before.delivered,
      dead: totals.dead - before.dead,
      pending: counts.ok ? counts.value.pending : 0,
      inFlight: counts.ok ? counts.value.inFlight : 0,
      ...(storeError && { storeError }),
    };
  }

  /** A store operation as a Result. After close, only reads: a change would wait for a delivery that never comes. */
  async function useStore<T>(operation: () => T | Promise<T>, changes = false): Promise<Result<T, QueueStoreError>> {
    if (changes && storeClosed) return err(new QueueStoreError({ message: "The usage queue is closed", cause: undefined }));
    try {
      return ok(await operation());
    } catch (cause) {
      return err(new QueueStoreError({ message: "The usage queue's store failed", cause }));
    }
  }

  let closing: Promise<CloseReport> | undefined;

  async function drainAndClose(closeOptions?: { readonly deadlineMs?: number }): Promise<CloseReport> {
    const before = { ...totals };
    closed = true;
    clearInterval(timer);
    clearTimeout(wake);
    const deadlineMs = closeOptions?.deadlineMs ?? settings.closeDeadlineMs;
    const deadline = Date.now() + deadlineMs;
    const abort = setTimeout(() => stop.abort(), deadlineMs);
    try {
      for (;;) {
        await pump();
        // A durable store keeps what is left for the next run; the memory store loses it, so its backoffs are waited out.
        if (store.durable || stop.signal.aborted) break;
        const counts = await useStore(() => store.counts(now()));
        if (!counts.ok || counts.value.nextDueAt === undefined) break;
        const wait = Math.max(counts.value.nextDueAt, pausedUntil) - now();
        if (Date.now() + wait >= deadline) break;
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait)));
      }
    } finally {
      clearTimeout(abort);
    }
    const left = await report(before);
    let lost: readonly QueuedUsage[] = [];
    if (!storeClosed) {
      storeClosed = true;
      try {
        lost = await store.close();
      } catch (cause) {
        return { ...left, lost, storeError: new QueueStoreError({ message: "The usage queue's store failed to close", cause }) };
      }
    }
    return { ...left, lost };
  }

  return {
    core,
    now,
    add,
    async flush() {
      const before = { ...totals };
      await pump();
      return report(before);
    },
    close: (closeOptions) => (closing ??= drainAndClose(closeOptions)),
    async stats() {
      const counts = await useStore(() => store.counts(now()));
      if (!counts.ok) return counts;
      const { pending, inFlight, dead, outcomeUnknown } = counts.value;
      return ok({ pending, inFlight, delivered: totals.delivered, dead, outcomeUnknown });
    },
    deadLetters: () => useStore(() => store.deadLetters()),
    retryDead: async (key) => {
      const revived = await useStore(() => store.retryDead(key, now()), true);
      if (revived.ok && revived.value) kick();
      return revived;
    },
    dropDead: (key) => useStore(() => store.dropDead(key), true),
  };
}

/** A refusal as every store can keep it: no headers, no body. */
function summary(error: SDKError): DeadLetterError {
  return {
    name: error.name,
    message: error.message,
    ...(error.name === "AutumnAPIError" && { status: error.status, ...(error.code !== undefined && { code: error.code }) }),
  };
}
