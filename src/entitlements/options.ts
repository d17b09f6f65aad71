import { ConfigurationError } from "../lib/errors/configuration-error.js";
import type { SharedStore } from "./shared-store.js";
import type { EntitlementStoreError } from "./store-error.js";

/** Options of `createEntitlementCache`. Every one is optional. */
export interface EntitlementCacheOptions {
  /**
   * The oldest a snapshot may be to answer a check, in ms (default 60,000). Past it, a check waits for
   * a fresh one. This bounds how long a change the cache did not see (usage recorded elsewhere, a plan
   * changed without a webhook reaching the cache) can go unnoticed.
   */
  readonly maxAgeMs?: number;
  /** From this age on, a check answered from a snapshot also reloads it in the background (default ¾ of `maxAgeMs`). */
  readonly refreshAfterMs?: number;
  /**
   * During an outage (Autumn unreachable, timing out or answering 5xx), answer from a snapshot up to this
   * old, marked `source: "stale"`. Default 0: never; such a check fails, or fails open, as `balancesCheck`
   * does. When set, at least `maxAgeMs`.
   */
  readonly maxStaleMs?: number;
  /** The most customers whose snapshots this process keeps (default 10,000); the least recently used go first. */
  readonly maxCustomers?: number;
  /** The most JSON, in characters, those snapshots may add up to (default 50,000,000). */
  readonly maxBytes?: number;
  /** A store shared by every instance (`redisStore`, `keyValueStore`). Without one, each process keeps its own snapshots. */
  readonly shared?: SharedStore;
  /**
   * With a shared store: how long this process reuses a snapshot before reading the shared store again,
   * in ms (default 1,000). An invalidation made by another instance reaches this one within this time.
   */
  readonly localMaxAgeMs?: number;
  /**
   * With a shared store: how long one of its operations may take, in ms (default 250). One that takes longer
   * counts as failed, and the check goes on without it, so a store that hangs cannot hold checks up.
   */
  readonly storeTimeoutMs?: number;
  /** The clock, in epoch ms (default `Date.now`). Autumn's times (resets, expiries) are compared with it. */
  readonly now?: () => number;
  /** Called when the shared store fails or answers garbage; the check goes on without it. */
  readonly onStoreError?: (error: EntitlementStoreError) => void;
}

/** The options with their defaults, checked. */
export interface CacheSettings {
  readonly maxAgeMs: number;
  readonly refreshAfterMs: number;
  readonly maxStaleMs: number;
  readonly maxCustomers: number;
  readonly maxBytes: number;
  readonly shared: SharedStore | undefined;
  readonly localMaxAgeMs: number;
  readonly storeTimeoutMs: number;
  readonly now: () => number;
  readonly onStoreError: ((error: EntitlementStoreError) => void) | undefined;
}

const positive = (value: unknown) => typeof value === "number" && value > 0 && Number.isFinite(value);
const count = (value: unknown) => Number.isInteger(value) && (value as number) > 0;
const fn = (value: unknown) => typeof value === "function";

const RULES: Record<keyof EntitlementCacheOptions, readonly [(value: unknown) => boolean, string]> = {
  maxAgeMs: [positive, "a number of milliseconds above 0"],
  refreshAfterMs: [positive, "a number of milliseconds above 0"],
  maxStaleMs: [(value) => value === 0 || positive(value), "0 or a number of milliseconds"],
  maxCustomers: [count, "a whole number above 0"],
  maxBytes: [count, "a whole number above 0"],
  shared: [(value) => typeof value === "object" && value !== null && ["read", "write", "replace"].every((name) => fn((value as Record<string, unknown>)[name])), "a shared store (redisStore, keyValueStore)"],
  localMaxAgeMs: [(value) => value === 0 || positive(value), "0 or a number of milliseconds"],
  storeTimeoutMs: [positive, "a number of milliseconds above 0"],
  now: [fn, "a function returning epoch ms"],
  onStoreError: [fn, "a function"],
};

/** Checks the options and fills in the defaults. Throws a ConfigurationError naming the first bad one. */
export function cacheSettings(options: EntitlementCacheOptions = {}): CacheSettings {
  if (typeof options !== "object" || options === null) throw new ConfigurationError({ setting: "options", message: "Pass the cache's options as an object" });
  for (const [name, value] of Object.entries(options)) {
    const rule = RULES[name as keyof EntitlementCacheOptions];
    if (!rule) throw new ConfigurationError({ setting: name, message: `Unknown option ${name}` });
    if (value !== undefined && !rule[0](value)) throw new ConfigurationError({ setting: name, message: `Invalid option ${name}: expected ${rule[1]}` });
  }
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const refreshAfterMs = options.refreshAfterMs ?? maxAgeMs * 0.75;
  const maxStaleMs = options.maxStaleMs ?? 0;
  if (refreshAfterMs > maxAgeMs) throw new ConfigurationError({ setting: "refreshAfterMs", message: "Invalid option refreshAfterMs: expected at most maxAgeMs" });
  if (maxStaleMs !== 0 && maxStaleMs < maxAgeMs) throw new ConfigurationError({ setting: "maxStaleMs", message: "Invalid option maxStaleMs: expected 0 or at least maxAgeMs" });
  return {
    maxAgeMs,
    refreshAfterMs,
    maxStaleMs,
    maxCustomers: options.maxCustomers ?? 10_000,
    maxBytes: options.maxBytes ?? 50_000_000,
    shared: options.shared,
    localMaxAgeMs: options.localMaxAgeMs ?? 1_000,
    storeTimeoutMs: options.storeTimeoutMs ?? 250,
    now: options.now ?? Date.now,
    onStoreError: options.onStoreError,
  };
}
