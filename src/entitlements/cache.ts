import type { Client } from "../lib/client.js";
import { ConfigurationError } from "../lib/errors/configuration-error.js";
import { LocalTier } from "./local.js";
import { type CacheSettings, cacheSettings, type EntitlementCacheOptions } from "./options.js";
import type { Result } from "../lib/result.js";
import type { SDKError } from "../lib/errors/index.js";
import type { Snapshot } from "./snapshot.js";

/**
 * An entitlement cache: snapshots of customers' balances and flags, from
 * which `cachedCheck` answers without a request, kept current by the usage
 * recorded through it and by Autumn's webhooks. Made by
 * `createEntitlementCache`; bound to the client it was made with (its
 * environment, its key or its customer's token).
 */
export interface EntitlementCache<TClient extends Client = Client> {
  /** The client its snapshots come from and its network checks go through. */
  readonly client: TClient;
}

/** What a cache has done since it was made. */
export interface CacheStats {
  /** Customers whose snapshots this process holds. */
  readonly customers: number;
  /** The JSON size of those snapshots, in characters. */
  readonly bytes: number;
  /** Checks answered from a snapshot. */
  readonly cacheAnswers: number;
  /** Checks answered from a stale snapshot during an outage. */
  readonly staleAnswers: number;
  /** Checks answered by `balancesCheck`, because the cache could not decide them. */
  readonly networkAnswers: number;
  /** Snapshots loaded from Autumn (`customers.get`, `entities.get`). */
  readonly loads: number;
  /** Loads that failed. */
  readonly loadFailures: number;
  /** Shared store operations that failed or answered garbage. */
  readonly storeErrors: number;
}

/** A load in flight: the checks that need the same snapshot wait for this one. */
export interface Load {
  readonly customerId: string;
  readonly promise: Promise<Result<Snapshot, SDKError>>;
  /** False once the customer was invalidated: its answer then serves the checks waiting, and is not kept. */
  current: boolean;
}

/** The cache's state, behind the `EntitlementCache` its functions take. */
export interface CacheState extends EntitlementCache {
  readonly settings: CacheSettings;
  readonly local: LocalTier;
  /** Loads in flight, by customer id and subject. */
  readonly loads: Map<string, Load>;
  /** Webhook deliveries applied lately, oldest first, to skip a repeat. */
  readonly deliveries: Set<string>;
  readonly counts: { -readonly [K in Exclude<keyof CacheStats, "customers" | "bytes">]: number };
}

/**
 * Makes an entitlement cache over a client: an `AutumnCore` on a server, a
 * `CustomerCore` in a browser (it then holds the token's customer only).
 * Nothing is loaded until the first check. Throws a ConfigurationError naming
 * a bad option.
 *
 * @example
 * ```ts
 * const cache = createEntitlementCache(autumn, { maxAgeMs: 30_000 });
 * const res = await cachedCheck(cache, { customerId: "user_123", featureId: "messages" });
 * if (res.ok && !res.value.allowed) showPaywall();
 * ```
 */
export function createEntitlementCache<TClient extends Client>(client: TClient, options?: EntitlementCacheOptions): EntitlementCache<TClient> {
  if (typeof (client as Partial<Client> | undefined)?.credential !== "function") {
    throw new ConfigurationError({ setting: "client", message: "Pass an AutumnCore or a CustomerCore as the client" });
  }
  const settings = cacheSettings(options);
  const state: CacheState = {
    client,
    settings,
    local: new LocalTier(settings.maxCustomers, settings.maxBytes),
    loads: new Map(),
    deliveries: new Set(),
    counts: { cacheAnswers: 0, staleAnswers: 0, networkAnswers: 0, loads: 0, loadFailures: 0, storeErrors: 0 },
  };
  return state as CacheState & EntitlementCache<TClient>;
}

/** The counts of a cache's work since it was made, and what it holds now. */
export function cacheStats(cache: EntitlementCache): CacheStats {
  const state = cache as CacheState;
  return { ...state.counts, customers: state.local.customers, bytes: state.local.bytes };
}
