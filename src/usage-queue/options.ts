import type { TrackResult } from "../funcs/balances-track.js";
import { ConfigurationError } from "../lib/errors/configuration-error.js";
import { problem, type Spec } from "../lib/options.js";
import type { DeadLetter, QueuedUsage, UsageStore } from "./store.js";

/** Options of `createUsageQueue`. Every one is optional; the defaults are in `QUEUE_DEFAULTS`. */
export interface UsageQueueOptions {
  /** Where events are kept: `memoryStore()` (default), `fileStore()` or `redisStore()`. */
  readonly store?: UsageStore;
  /**
   * How many events added since the last delivery pass start the next one (on the next tick, so a
   * burst of adds goes together). Each event is one request, so waiting for more only delays them.
   */
  readonly flushAt?: number;
  /** How often a delivery pass runs anyway (backoffs ending, other instances' events); `0` turns it off. */
  readonly flushIntervalMs?: number;
  /** The most events the store may hold (pending, in flight and dead letters); adding more is a `QueueFullError`. */
  readonly capacity?: number;
  /** The most attempts in flight at once. */
  readonly concurrency?: number;
  /** The time budget of one attempt. */
  readonly attemptTimeoutMs?: number;
  /** How long an attempt holds its event; another holder may take it after that. Must exceed `attemptTimeoutMs`. */
  readonly leaseMs?: number;
  /** Backoff between attempts: exponential from `initialDelayMs`, capped at `maxDelayMs`, half of each delay random. */
  readonly retry?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  /** How long Autumn keeps an idempotency key it accepted (24 h unless your organisation set longer). */
  readonly idempotencyWindowMs?: number;
  /**
   * An event whose outcome is unknown is not resent later than this before the window closes (for the
   * clocks' skew and the attempt's own time): it becomes an `outcome_unknown` dead letter instead.
   */
  readonly windowMarginMs?: number;
  /**
   * A 409 `duplicate_idempotency_key` less than this after an attempt whose outcome is unknown may come
   * from that attempt, still in progress at Autumn and holding the key; if it then fails, Autumn releases
   * the key and the event was never recorded. Such a 409 is checked again this long after that attempt.
   */
  readonly confirmDuplicateAfterMs?: number;
  /** Called once per event delivered, with Autumn's answer (undefined when a 409 settled it: the answer went to an earlier attempt). */
  readonly onDelivered?: (event: QueuedUsage, answer: TrackResult | undefined) => void;
  /** Called once per event moved to the dead letters. */
  readonly onDead?: (letter: DeadLetter) => void;
  /** The queue's clock (epoch ms), for decisions about time: backoff, leases, the key's window. */
  readonly now?: () => number;
}

/** The defaults, in one place. */
export const QUEUE_DEFAULTS = {
  flushAt: 1,
  flushIntervalMs: 1_000,
  capacity: 10_000,
  concurrency: 8,
  attemptTimeoutMs: 10_000,
  leaseMs: 60_000,
  retry: { initialDelayMs: 500, maxDelayMs: 30_000 },
  idempotencyWindowMs: 24 * 60 * 60 * 1000,
  windowMarginMs: 60 * 60 * 1000,
  confirmDuplicateAfterMs: 60_000,
  /** Not an option of the queue: `close()`'s deadline when none is given. */
  closeDeadlineMs: 10_000,
} as const;

const count = [(value: unknown) => Number.isInteger(value) && (value as number) >= 1, "a whole number, 1 or more"] as const;
const duration = [(value: unknown) => typeof value === "number" && value > 0 && value < Infinity, "a number of milliseconds above 0"] as const;
const delay = [(value: unknown) => typeof value === "number" && value >= 0 && value < Infinity, "a number of milliseconds, 0 or more"] as const;
const fn = [(value: unknown) => typeof value === "function", "a function"] as const;

const SPEC: Spec = {
  store: [(value: Partial<UsageStore>) => typeof value?.take === "function" && typeof value.settle === "function", "a store: memoryStore(), fileStore(…) or redisStore(…)"],
  flushAt: count,
  flushIntervalMs: delay,
  capacity: count,
  concurrency: count,
  attemptTimeoutMs: duration,
  leaseMs: duration,
  retry: { initialDelayMs: delay, maxDelayMs: delay },
  idempotencyWindowMs: duration,
  windowMarginMs: delay,
  confirmDuplicateAfterMs: delay,
  onDelivered: fn,
  onDead: fn,
  now: fn,
  // What other event queues call these settings.
  batchSize: "flushAt",
  maxQueueSize: "capacity",
  flushInterval: "flushIntervalMs",
  // Attempts go on until Autumn records or refuses the event, or the key's window is about to close.
  maxRetries: "retry",
};

/** The settings a queue runs with: the options checked, with their defaults. */
export type QueueSettings = Required<Omit<UsageQueueOptions, "store" | "onDelivered" | "onDead" | "retry">> &
  Pick<typeof QUEUE_DEFAULTS, "closeDeadlineMs"> &
  Pick<UsageQueueOptions, "onDelivered" | "onDead"> & { readonly retry: { readonly initialDelayMs: number; readonly maxDelayMs: number } };

/** The options that were given a value: one left undefined keeps its default. */
function given<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([name, value]) => value !== undefined && name !== "store")) as Partial<T>;
}

/** Checks a queue's options and fills in the defaults. Throws a ConfigurationError naming the first bad option. */
export function queueSettings(options: UsageQueueOptions = {}): QueueSettings {
  const refused = problem(SPEC, options, "options");
  if (refused) throw refused;
  const settings: QueueSettings = {
    ...QUEUE_DEFAULTS,
    now: Date.now,
    ...given(options),
    retry: { ...QUEUE_DEFAULTS.retry, ...given(options.retry ?? {}) },
  } as QueueSettings;
  // A lease that ran out while its attempt was still waiting would let a second holder send the event at the same time.
  if (settings.leaseMs <= settings.attemptTimeoutMs) {
    throw new ConfigurationError({ setting: "leaseMs", message: `Invalid option leaseMs: expected more than attemptTimeoutMs (${settings.attemptTimeoutMs} ms)` });
  }
  if (settings.windowMarginMs >= settings.idempotencyWindowMs) {
    throw new ConfigurationError({ setting: "windowMarginMs", message: `Invalid option windowMarginMs: expected less than idempotencyWindowMs (${settings.idempotencyWindowMs} ms)` });
  }
  return settings;
}
