import * as v from "valibot";
import type { AutumnCore } from "../core.js";
import { balancesCheck, type CheckResult } from "../funcs/balances-check.js";
import type { CustomerClient, ForCustomer } from "../lib/client.js";
import type { RequestOptions } from "../lib/config.js";
import { ConfigurationError } from "../lib/errors/configuration-error.js";
import { RequestAbortedError } from "../lib/errors/request-aborted-error.js";
import { UnexpectedClientError } from "../lib/errors/unexpected-client-error.js";
import { checkFailedOpen, isOutage } from "../lib/fail-open.js";
import { callSettings } from "../lib/options.js";
import { err, ok, type Result } from "../lib/result.js";
import { type BalancesCheckParams, BalancesCheckParamsSchema } from "../models/operations/balances-check.js";
import type { CacheState, EntitlementCache } from "./cache.js";
import { type Decision, decide } from "./decide.js";
import { applyAnswer, learnAbsent } from "./learn.js";
import type { Snapshot } from "./snapshot.js";
import { ageOf, lookup } from "./tiers.js";

/** Where a cached check's answer came from. */
export type CheckSource = "cache" | "network" | "stale";

/** What a cached check adds to `balancesCheck`'s answer. */
export interface CheckOrigin {
  /**
   * `cache`: decided from a snapshot no older than `maxAgeMs`. `network`: Autumn answered (`balancesCheck`),
   * or the SDK failed open (`failedOpen: true`). `stale`: decided from an older snapshot during an outage,
   * because `maxStaleMs` allows it.
   */
  readonly source: CheckSource;
  /** How old the snapshot was, in ms; 0 for a network answer. */
  readonly ageMs: number;
}

/** The answer of `cachedCheck`: `balancesCheck`'s, and where it came from. An answer from a snapshot is frozen (the cache shares it). */
export type CachedCheckResult = CheckResult & CheckOrigin;

/**
 * Checks whether a customer may use a feature, from the cache when it can:
 * the same decision and the same answer as `balancesCheck`, without a
 * request. The first check of a customer loads its snapshot (one request,
 * however many checks wait for it); later ones answer from memory until the
 * snapshot is `maxAgeMs` old, reloading it in the background before then.
 * What the cache cannot decide exactly goes to Autumn through
 * `balancesCheck`, with the same options: `sendEvent`, `lock`, `withPreview`,
 * a feature the snapshot has never seen, a feature under billing controls.
 * Bad input is refused as `balancesCheck` refuses it, and nothing is cached.
 *
 * With a cache over a `CustomerCore`, leave `customerId` out: it is the token's customer.
 *
 * @example
 * ```ts
 * const res = await cachedCheck(cache, { customerId: "user_123", featureId: "messages" });
 * if (res.ok && !res.value.allowed) showPaywall();
 * if (res.ok) console.log(res.value.source, res.value.ageMs); // "cache" 1200
 * ```
 */
export function cachedCheck(cache: EntitlementCache<CustomerClient>, params: ForCustomer<BalancesCheckParams>, options?: RequestOptions): Promise<Result<CachedCheckResult>>;
export function cachedCheck(cache: EntitlementCache<AutumnCore>, params: BalancesCheckParams, options?: RequestOptions): Promise<Result<CachedCheckResult>>;
export function cachedCheck(cache: EntitlementCache, params: BalancesCheckParams | ForCustomer<BalancesCheckParams>, options?: RequestOptions): Promise<Result<CachedCheckResult>> {
  return check(cache as CacheState, params as BalancesCheckParams, options).catch((cause: unknown) =>
    err(new UnexpectedClientError({ message: "cachedCheck failed inside the SDK", cause })),
  );
}

async function check(state: CacheState, params: BalancesCheckParams, options: RequestOptions | undefined): Promise<Result<CachedCheckResult>> {
  // The same refusals as balancesCheck, before the cache is touched: nothing wrong is ever cached.
  const scope = state.client.customerScope;
  if (scope) {
    const scoped = scope.scoped("balances.check", params);
    if (!scoped.ok) return scoped;
    params = scoped.value;
  }
  if (!v.safeParse(BalancesCheckParamsSchema, params).success) return balancesCheck(state.client as AutumnCore, params, options).then((result) => result as Result<never>);
  const settings = callSettings(state.client, options);
  if (settings instanceof ConfigurationError) return err(settings);
  if (options?.signal?.aborted) return err(new RequestAbortedError({ reason: options.signal.reason }));
  // These deduct, hold, or need Autumn's catalog: only Autumn can answer them.
  if (params.sendEvent || params.lock !== undefined || params.withPreview) return network(state, params, options);

  const found = await lookup(state, params.customerId, params.entityId);
  const required = params.requiredBalance ?? 1;
  if (found.snapshot) {
    const decision = decide(found.snapshot, params.featureId, required);
    return decision ? answer(state, params, found.snapshot, decision, "cache") : network(state, params, options, found.snapshot);
  }
  // No snapshot could be loaded. An outage is answered here, as balancesCheck would answer it, without asking again.
  if (!isOutage(found.error)) return network(state, params, options);
  const stale = found.last && staleDecision(state, found.last, params.featureId, required);
  if (stale) return answer(state, params, found.last!, stale, "stale");
  return settings.failOpen ? ok({ ...checkFailedOpen(params, found.error), source: "network", ageMs: 0 }) : err(found.error);
}

/** A decision from a snapshot past `maxAgeMs`, when `maxStaleMs` allows one and nothing in it has fallen due. */
function staleDecision(state: CacheState, snapshot: Snapshot, featureId: string, required: number): Decision | undefined {
  const now = state.settings.now();
  const { maxStaleMs } = state.settings;
  if (maxStaleMs === 0 || now - snapshot.loadedAt >= maxStaleMs) return undefined;
  if (snapshot.validUntil !== null && now >= snapshot.validUntil) return undefined;
  return decide(snapshot, featureId, required);
}

function answer(state: CacheState, params: BalancesCheckParams, snapshot: Snapshot, decision: Decision, source: "cache" | "stale"): Result<CachedCheckResult> {
  state.counts[source === "cache" ? "cacheAnswers" : "staleAnswers"]++;
  return ok({
    allowed: decision.allowed,
    customerId: params.customerId,
    ...(params.entityId === undefined ? {} : { entityId: params.entityId }),
    requiredBalance: decision.requiredBalance,
    balance: snapshot.balances[decision.featureId] ?? null,
    flag: snapshot.flags[decision.featureId] ?? null,
    source,
    ageMs: ageOf(state, snapshot),
  });
}

/** Autumn's answer, through balancesCheck; what it teaches is kept: usage it recorded, a feature the subject has none of. */
async function network(state: CacheState, params: BalancesCheckParams, options: RequestOptions | undefined, snapshot?: Snapshot): Promise<Result<CachedCheckResult>> {
  state.counts.networkAnswers++;
  const result = await balancesCheck(state.client as AutumnCore, params, options);
  if (!result.ok) return result;
  const value = result.value;
  if (!value.failedOpen) {
    if (params.sendEvent || params.lock !== undefined) await applyAnswer(state, value);
    else if (snapshot) learnAbsent(state, snapshot, params, value);
  }
  return { ...result, value: { ...value, source: "network", ageMs: 0 } };
}
