import * as v from "valibot";
import type { AutumnCore } from "../core.js";
import { balancesTrack } from "../funcs/balances-track.js";
import { ConfigurationError } from "../lib/errors/configuration-error.js";
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
import { type Decision, decide, pastWindow } from "./decide.js";
import { queueSettings, type UsageQueueOptions } from "./options.js";
import { type QueuedUsage, type Settlement, type StoredEvent, usageOf } from "./store.js";
import type { AddError, AddOptions, CloseReport, FlushReport, UsageQueue } from "./types.js";

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
    const letter = pastWindow(event, settings, event.attemptAt!);
    if (letter) return carryOut(event, { settlement: { kind: "dead", letter }, verdict: true, askedMs: 0 });
    const result = await balancesTrack(core, event.params, {
      idempotencyKey: event.key,
      // One attempt per call: the queue schedules the next one, and records each in the store first.
      retries: 0,
      timeoutMs: settings.attemptTimeoutMs,
      // A synthesised "allowed" answer would settle an event that was never recorded.
      failOpen: false,
      signal: stop.signal,
    });
    const at = now();
    const decision = decide(event, result, settings, at);
    if (decision.verdict) failures = 0;
    else {
      // An outage or a rate limit concerns every event: the whole queue waits, honouring Retry-After.
      pausedUntil = Math.max(pausedUntil, at + Math.max(decision.askedMs, backoffMs(retry, ++failures)));
      wakeAt(pausedUntil);
    }
    return carryOut(event, decision);
  }

  /** Settles the event as decided, then tells the app (once: only the settlement that applied does). */
  async function carryOut(event: StoredEvent, { settlement, answer }: Decision): Promise<void> {
    if (!(await settle(event, settlement))) return;
    if (settlement.kind === "retry") return wakeAt(settlement.nextAt);
    if (settlement.kind === "dead") {
      totals.dead++;
      return notify(settings.onDead, settlement.letter);
    }
    totals.delivered++;
    notify(settings.onDelivered, usageOf(event), answer);
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
