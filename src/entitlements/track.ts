import type { AutumnCore } from "../core.js";
import { balancesTrack, type TrackResult } from "../funcs/balances-track.js";
import type { CustomerClient, ForCustomer } from "../lib/client.js";
import type { RequestOptions } from "../lib/config.js";
import { UnexpectedClientError } from "../lib/errors/unexpected-client-error.js";
import { err, ok, type Result } from "../lib/result.js";
import type { BalancesTrackParams } from "../models/operations/balances-track.js";
import type { CacheState, EntitlementCache } from "./cache.js";
import { applyAnswer, type UsageAnswer } from "./learn.js";
import type { EntitlementStoreError } from "./store-error.js";

/**
 * Records usage through `balancesTrack` and applies Autumn's answer to the
 * cache, so the next check sees the new balance without a reload. Returns
 * `balancesTrack`'s result unchanged. A shared store that fails to take the
 * new snapshot is reported to `onStoreError`; the track itself has happened.
 *
 * With a cache over a `CustomerCore`, leave `customerId` out: it is the token's customer.
 *
 * @example
 * ```ts
 * const res = await cachedTrack(cache, { customerId: "user_123", featureId: "messages", value: 1 });
 * if (res.ok) console.log(res.value.balance?.remaining);
 * ```
 */
export function cachedTrack(cache: EntitlementCache<CustomerClient>, params: ForCustomer<BalancesTrackParams>, options?: RequestOptions): Promise<Result<TrackResult>>;
export function cachedTrack(cache: EntitlementCache<AutumnCore>, params: BalancesTrackParams, options?: RequestOptions): Promise<Result<TrackResult>>;
export async function cachedTrack(cache: EntitlementCache, params: BalancesTrackParams | ForCustomer<BalancesTrackParams>, options?: RequestOptions): Promise<Result<TrackResult>> {
  const result = await balancesTrack(cache.client as AutumnCore, params as BalancesTrackParams, options);
  if (result.ok) await applyAnswer(cache as CacheState, result.value).catch(() => undefined);
  return result;
}

/**
 * Applies an answer of `balances.track` (or of a check with `sendEvent`) to
 * the cache, for usage recorded without `cachedTrack` (a queue that delivers
 * it later, a batch): the subject's snapshot takes the balances in the
 * answer, and the customer's other snapshots are dropped. An answer without
 * balances (usage queued by Autumn) drops them all; one made up during an
 * outage (`failedOpen`) changes nothing. Returns the shared store's failure,
 * if it failed: other instances may then answer from the snapshot from
 * before this usage, for at most `maxAgeMs`.
 *
 * @example
 * ```ts
 * const res = await balancesTrack(autumn, { customerId: "user_123", featureId: "messages" });
 * if (res.ok) await applyTrackAnswer(cache, res.value);
 * ```
 */
export async function applyTrackAnswer(cache: EntitlementCache, answer: UsageAnswer): Promise<Result<{ applied: true }, EntitlementStoreError | UnexpectedClientError>> {
  try {
    const failure = await applyAnswer(cache as CacheState, answer);
    return failure ? err(failure) : ok({ applied: true });
  } catch (cause) {
    return err(new UnexpectedClientError({ message: "applyTrackAnswer failed inside the SDK", cause }));
  }
}
