import { CoreSettings } from "./core.js";
import { keysRefresh } from "./funcs/keys-refresh.js";
import type { CallBudget, CustomerScope } from "./lib/client.js";
import type { AutumnOptions } from "./lib/config.js";
import { ConfigurationError } from "./lib/errors/configuration-error.js";
import { CustomerTokenError, type CustomerTokenErrorReason } from "./lib/errors/customer-token-error.js";
import type { SDKError } from "./lib/errors/index.js";
import { RequestTimeoutError } from "./lib/errors/request-timeout-error.js";
import { RequestValidationError } from "./lib/errors/request-validation-error.js";
import { ResponseValidationError } from "./lib/errors/response-validation-error.js";
import { clientSettings } from "./lib/options.js";
import { settleWithin } from "./lib/prepare.js";
import { refreshOutcome } from "./lib/refresh-outcome.js";
import { err, ok, type Result } from "./lib/result.js";
import { backoffMs, sleep } from "./lib/retry.js";
import { claimsOf, spentByAnotherTab, spentName, type TokenLock, tokenPair, webLock, webLocks } from "./customer-tokens.js";
import type { CustomerTokens } from "./models/customer-tokens.js";

export { readTokens, type TokenLock } from "./customer-tokens.js";
export type { CustomerTokens } from "./models/customer-tokens.js";

/** Where a customer's token pair is kept between page loads, shared by every tab or client that uses it. */
export interface TokenStorage {
  /** The pair stored last (another tab may have rotated it), or nothing. */
  load(): CustomerTokens | null | undefined | Promise<CustomerTokens | null | undefined>;
  /** Stores a new pair: after every rotation, and every pair `fetchTokens` gave. */
  save(tokens: CustomerTokens): void | Promise<void>;
  /** Forgets the pair, for `signOut`. */
  clear?(): void | Promise<void>;
}


/** Options of `CustomerCore`: a customer's tokens instead of a secret key, and the client options of `AutumnCore`. */
export interface CustomerCoreOptions extends Omit<AutumnOptions, "secretKey"> {
  /** The pair `keys.mint` gave your backend (or the one stored last: `readTokens` checks one). */
  readonly tokens: CustomerTokens;
  /** Where rotated pairs are stored and read back, shared by every tab or client restored from the same pair. */
  readonly storage?: TokenStorage;
  /** Gets a new pair from your backend (which calls `keys.mint`) when refreshing is no longer possible. */
  readonly fetchTokens?: () => Promise<CustomerTokens>;
  /** Serialises refreshes across clients that share `storage` (required with it). Defaults to the Web Locks API (`navigator.locks`) where there is one. */
  readonly lock?: TokenLock;
  /** How long before the access token expires it is refreshed, in milliseconds. Default 60 000. */
  readonly refreshMarginMs?: number;
}

// The routes an access token reaches; Autumn answers 403 everywhere else.
const ROUTES: ReadonlySet<string> = new Set(["balances.check", "balances.track", "customers.get", "entities.get", "events.list", "events.aggregate"]);

type Failure = Exclude<CustomerTokenErrorReason, "route_not_allowed">;
/** Why a refresh token is not presented again. */
type Spent = "expired" | "revoked" | "refresh_lost";

const FAILURES: Record<Failure, string> = {
  expired: "The tokens expired and cannot be refreshed; give the client a new pair",
  revoked: "Autumn revoked the customer's tokens; mint a new pair",
  refresh_lost: "Two refreshes may have rotated the refresh token without a usable answer, so it is not presented again; mint a new pair",
  fetch_failed: "fetchTokens failed or gave no pair for this customer",
  lock_failed: "The lock failed before the refresh ran; the refresh token was not presented",
  signed_out: "Signed out: setTokens gives the client a new pair",
};

const failed = (reason: Failure, cause?: unknown): Result<never> => err(new CustomerTokenError({ reason, message: FAILURES[reason], cause }));

/** A refresh under way, shared by every call that needs a new token meanwhile. */
interface Rotation {
  /**
   * The budget of the call that started it, without its signal: nothing it waits for outlasts that
   * call, and a caller that lets go does not cut off a refresh others wait for (its answer would be lost).
   */
  readonly bound: CallBudget;
  /** Whether it may ask fetchTokens: the call that started it has not yet. */
  readonly mayFetch: boolean;
  /** Whether fetchTokens answered it: the calls that waited for it may not ask again. */
  fetched?: true;
  result?: Promise<Result<string>>;
}

/**
 * A client that acts for one customer with that customer's tokens instead of
 * a secret key: for browsers, mobile apps, edge functions and installs where a
 * secret must not be. Pass it to `balancesCheck`, `balancesTrack`,
 * `customersGet`, `entitiesGet`, `eventsList` and `eventsAggregate` without a
 * `customerId`: the token's customer is implied. Any other function refuses it
 * with `CustomerTokenError` and sends nothing.
 *
 * It refreshes the access token shortly before it expires (and once after a
 * 401), one refresh at a time however many calls wait for it; hands every new
 * pair to `storage.save`; and, when refreshing is no longer possible, asks
 * `fetchTokens` for a new pair, or ends calls with `CustomerTokenError`.
 * Neither token appears in logs, errors, or the client serialised.
 *
 * @example
 * ```ts
 * import { CustomerCore } from "@useautumn/sdk/customer-core.js";
 * import { balancesCheck } from "@useautumn/sdk/funcs/balances-check.js";
 * const autumn = new CustomerCore({ tokens, fetchTokens: () => fetch("/api/autumn-tokens", { method: "POST" }).then((r) => r.json()) });
 * const res = await balancesCheck(autumn, { featureId: "messages" });
 * ```
 */
export class CustomerCore extends CoreSettings {
  /** The customer the tokens act for. */
  readonly customerId: string;
  declare readonly customerScope: CustomerScope;
  // Private so that logging or serialising the client never shows a token. Undefined once signed out.
  #tokens: CustomerTokens | undefined;
  readonly #storage: TokenStorage | undefined;
  readonly #fetchTokens: (() => Promise<CustomerTokens>) | undefined;
  readonly #lock: TokenLock | undefined;
  readonly #marginMs: number;
  /** Autumn's clock minus this machine's, as the last refresh answer told it (the time it issued the pair). */
  #skewMs = 0;
  #rotation: Rotation | undefined;
  /** Lets go of the lock that marks this tab's last presented refresh token spent. */
  #releaseMark: (() => void) | undefined;
  /** Refresh tokens Autumn may have rotated once without a usable answer (1), or not to present again, with why. */
  readonly #presented = new Map<string, 1 | Spent>();
  /** Access tokens Autumn answered as revoked. */
  readonly #revoked = new Set<string>();
  /** Calls that fetchTokens was asked for already. */
  readonly #fetchedFor = new WeakSet<CallBudget>();

  constructor(options: CustomerCoreOptions) {
    const { tokens, storage, fetchTokens, lock, refreshMarginMs, ...rest } = (options ?? {}) as CustomerCoreOptions;
    if ("secretKey" in rest) throw new ConfigurationError({ setting: "secretKey", message: "A CustomerCore acts with a customer's tokens; a secret key belongs in an AutumnCore on your server" });
    const settings = clientSettings(rest);
    super(settings);
    checkOption("storage", storage, (value) => typeof value.load === "function" && typeof value.save === "function", "an object with load and save functions");
    checkOption("fetchTokens", fetchTokens, (value) => typeof value === "function", "a function");
    // Without storage a client never sees the pair another one refreshed, so the lock would change nothing.
    checkOption("lock", lock, (value) => typeof value === "function" && !!storage, "a function, given with storage");
    checkOption("refreshMarginMs", refreshMarginMs, (value) => typeof value === "number" && value >= 0, "a number of milliseconds");
    const pair = tokenPair(tokens);
    if (!pair) throw new ConfigurationError({ setting: "tokens", message: "tokens must be a customer's token pair, as keys.mint answers it" });
    const customerId = claimsOf(pair.accessToken).sub as string;
    this.#tokens = pair;
    this.#storage = storage;
    this.#fetchTokens = fetchTokens;
    this.#lock = lock;
    this.#marginMs = refreshMarginMs ?? 60_000;
    this.customerId = customerId;
    const scope: CustomerScope = {
      customerId,
      routes: ROUTES,
      scoped: (path, params) => this.#scoped(path, params),
      renew: (rejected, refusal, budget) => this.#renew(rejected, refusal, budget),
    };
    Object.defineProperty(this, "customerScope", { value: Object.freeze(scope) });
    // A tab opened next restores this pair instead of minting another.
    if (storage) void this.#seed(pair);
  }

  /** Stores the pair the client was made with, unless the storage holds it or a newer one. */
  async #seed(pair: CustomerTokens): Promise<void> {
    const bound = this.#bound();
    const stored = await this.#load(bound);
    if (this.#tokens !== pair || (stored && (stored.expiresAt ?? 0) >= (pair.expiresAt ?? 0))) return;
    await settled(bound, () => this.#storage?.save(pair));
  }

  /** The access token for the next request, refreshed first when it is about to expire. */
  credential(budget: CallBudget): Result<string> | Promise<Result<string>> {
    const tokens = this.#tokens;
    if (!tokens) return failed("signed_out");
    // A pair known to be revoked is not sent again: straight to a new pair, or the error.
    return this.#fresh(tokens) && !this.#revoked.has(tokens.accessToken) ? ok(tokens.accessToken) : this.#rotate(tokens, undefined, budget);
  }

  /** Replaces the pair, e.g. with one your backend minted after the user signed in again. */
  setTokens(tokens: CustomerTokens): void {
    const pair = this.#ours(tokens);
    if (!pair) {
      throw new ConfigurationError({ setting: "tokens", message: `tokens must be a pair keys.mint gave for ${this.customerId}` });
    }
    this.#tokens = pair;
  }

  /**
   * Forgets the pair: here, and in storage through `storage.clear`. Later calls end with
   * `CustomerTokenError` (`signed_out`) without sending anything, until `setTokens` gives a new pair.
   * A refresh under way is not used. Never rejects.
   */
  async signOut(): Promise<void> {
    this.#tokens = undefined;
    this.#presented.clear();
    this.#revoked.clear();
    this.#releaseMark?.();
    await settled(this.#bound(), () => this.#storage?.clear?.());
  }

  /** A budget of the client's `timeoutMs` from now, for work no call waits for. */
  #bound(): CallBudget {
    return { deadline: Date.now() + this.timeoutMs, timeoutMs: this.timeoutMs, signal: undefined };
  }

  /** Whether the access token is good for longer than the margin, by Autumn's clock. */
  #fresh(tokens: CustomerTokens, marginMs = this.#marginMs): boolean {
    return tokens.expiresAt === null || Date.now() + this.#skewMs < tokens.expiresAt - marginMs;
  }

  #scoped<TParams>(path: string, params: TParams): Result<TParams> {
    if (!ROUTES.has(path)) {
      return err(new CustomerTokenError({ reason: "route_not_allowed", message: `${path} is not reachable with a customer token; call it from your server with the secret key` }));
    }
    const given = (params as { customerId?: unknown } | undefined)?.customerId;
    if (given !== undefined && given !== this.customerId) {
      return err(new RequestValidationError({ issues: [{ path: "customerId", message: "a customer token acts only for its own customer; leave customerId out" }] }));
    }
    return ok({ ...params, customerId: this.customerId });
  }

  /** After a 401 for `rejected`: the token another call already renewed, or a refreshed one. */
  async #renew(rejected: string, refusal: SDKError, budget: CallBudget): Promise<Result<string>> {
    if (/revoked/i.test(refusal.message)) this.#revoked.add(rejected);
    const tokens = this.#tokens;
    if (!tokens) return failed("signed_out");
    if (tokens.accessToken !== rejected && this.#fresh(tokens)) return ok(tokens.accessToken);
    return settleWithin(this.#rotate(tokens, rejected, budget), budget);
  }

  /** One rotation at a time: every call that needs a new token waits for the same one. */
  async #rotate(seen: CustomerTokens, rejected: string | undefined, budget: CallBudget): Promise<Result<string>> {
    let rotation = this.#rotation;
    // One past its budget is not joined: it may be stuck in a lock, storage or fetchTokens that never answers.
    if (!rotation || Date.now() >= rotation.bound.deadline) {
      const started: Rotation = (rotation = this.#rotation = { bound: { ...budget, signal: undefined }, mayFetch: !this.#fetchedFor.has(budget) });
      started.result = this.#locked(started, seen, rejected).then((result) => {
        if (this.#rotation === started) this.#rotation = undefined;
        return result;
      });
    }
    const result = await rotation.result!;
    if (rotation.fetched) this.#fetchedFor.add(budget);
    // It ran out of the budget of the call that started it; this call has time left for one of its own.
    if (result.error?.name === "RequestTimeoutError" && rotation.bound.deadline < budget.deadline && Date.now() < budget.deadline) return this.#rotate(seen, rejected, budget);
    return result;
  }

  /**
   * The refresh under the lock. A lock that fails before it runs the refresh ends it (Web Locks that
   * refuse, as in a sandboxed iframe, are a browser without them: the grace answers two tabs at once);
   * one not granted within the budget times out, and if granted later, runs nothing.
   */
  #locked(rotation: Rotation, seen: CustomerTokens, rejected: string | undefined): Promise<Result<string>> {
    const lock = this.#lock ?? webLock();
    let granted: Promise<Result<string>> | undefined;
    const run = () => (granted ??= this.#refresh(rotation, seen, rejected));
    if (!lock) return run();
    const held = new Promise((done) => done(lock(`autumn-tokens:${this.customerId}`, run))).then(
      () => granted ?? failed("lock_failed"),
      (cause: unknown) => granted ?? (this.#lock ? failed("lock_failed", cause) : run()),
    );
    return settleWithin(held, rotation.bound);
  }

  async #refresh(rotation: Rotation, seen: CustomerTokens, rejected: string | undefined): Promise<Result<string>> {
    const { bound } = rotation;
    // Granted the lock after its budget ran out: nothing is left to do it for.
    if (Date.now() >= bound.deadline) return timedOut(bound);
    // Another tab, or another client restored from the same pair, may have rotated it while this one waited.
    this.#takeNewer(await this.#load(bound));
    // Under the Web Lock a tab can still read the pair from before another tab's refresh: storage reaches
    // tabs later than the lock does. That tab marked the refresh token spent with a lock of its own, so
    // wait for its new pair to arrive rather than present the token a second time.
    const before = this.#tokens?.refreshToken;
    if (before && (await spentByAnotherTab(this.customerId, before))) this.#takeNewer(await this.#awaitStored(before, bound));
    const current = this.#tokens;
    if (!current) return failed("signed_out");
    // The access token is used until it expires, whatever happens to refreshing it.
    const lasting = (marginMs?: number) => current.accessToken !== rejected && !this.#revoked.has(current.accessToken) && this.#fresh(current, marginMs);
    if (current !== seen && lasting()) return ok(current.accessToken);

    const { refreshToken } = current;
    // Autumn judges whether the refresh token expired: this machine's clock may be wrong.
    const presented = refreshToken ? await this.#present(refreshToken, current, bound) : failed(this.#revoked.has(current.accessToken) ? "revoked" : "expired");
    // Signed out, or handed a pair by setTokens, meanwhile: that decision stands.
    if (this.#tokens !== current) return this.#superseded();
    if (presented.ok) return presented;
    const spent = presented.error.name === "CustomerTokenError" && presented.error.reason;
    if (spent === "revoked") this.#revoked.add(current.accessToken);
    if (lasting(0)) return ok(current.accessToken);
    if (!spent || !this.#fetchTokens || !rotation.mayFetch) return presented;
    // Refreshing is no longer possible: ask the application for a new pair, once per call.
    const fetchTokens = this.#fetchTokens;
    const fetched = await settled(bound, async () => this.#ours(await fetchTokens()));
    // One that never answered was not asked, as far as the calls waiting for it go: they may ask again.
    if (fetched.error instanceof RequestTimeoutError) return err(fetched.error);
    rotation.fetched = true;
    return fetched.value ? this.#adopt(fetched.value, current, bound) : failed("fetch_failed", fetched.error);
  }

  /**
   * Presents the refresh token until an answer settles it, within the budget and the retries: the new
   * pair's access token; the error that ended the call while the token is still unspent; or
   * `CustomerTokenError` saying why it is spent (refused for good, or two answers that may have rotated
   * it were lost), with the last error as its cause.
   */
  async #present(refreshToken: string, current: CustomerTokens, bound: CallBudget): Promise<Result<string>> {
    let cause: SDKError | undefined;
    for (let attempt = 1; this.#tokens === current; attempt++) {
      const presented = this.#presented.get(refreshToken);
      if (presented && presented !== 1) return failed(presented, cause);
      const timeoutMs = bound.deadline - Date.now();
      if (timeoutMs <= 0) return timedOut(bound);
      const answer = await keysRefresh(this, { refreshToken }, { timeoutMs, retries: 0 });
      const pair = this.#ours(answer.value);
      if (pair) {
        // When Autumn issued the pair, by its clock: freshness is judged by that clock from now on.
        const { iat } = claimsOf(pair.accessToken);
        if (typeof iat === "number") this.#skewMs = iat * 1000 - Date.now();
        await this.#markSpent(refreshToken);
        return this.#adopt(pair, current, bound);
      }
      // A pair that fails the checks every pair passes was still issued: the refresh may have rotated the token.
      cause = answer.error ?? new ResponseValidationError({ status: 200, issues: [{ path: "access_token", message: "not a token of this customer" }], rawBody: WITHHELD, headers: {} });
      const outcome = answer.ok ? "lost" : refreshOutcome(cause);
      // A lost answer is one of its two presentations; an expired or revoked token is never presented again.
      const state = outcome === "lost" ? (presented ? "refresh_lost" : 1) : outcome === "expired" || outcome === "revoked" ? outcome : presented;
      if (state) this.#presented.set(refreshToken, state);
      if (state && state !== 1) continue;
      // Unspent, refused, or lost once: another try, unless the budget or the retries would run out first.
      const wait = outcome === "refused" ? Infinity : ((cause as { retryAfterMs?: number }).retryAfterMs ?? backoffMs(this.retryConfig, attempt));
      const { limit, maxRetryAfterMs } = this.retryConfig;
      if (attempt > limit || wait > maxRetryAfterMs || Date.now() + wait >= bound.deadline) return err(cause);
      await sleep(wait, undefined);
    }
    return this.#superseded();
  }

  /** Puts `tokens` in use in place of `from` and stores them; a sign-out or `setTokens` meanwhile stands. */
  async #adopt(tokens: CustomerTokens, from: CustomerTokens, bound: CallBudget): Promise<Result<string>> {
    if (this.#tokens !== from) return this.#superseded();
    this.#tokens = tokens;
    // The pair is in use here either way; a storage that fails or hangs only loses it for other tabs.
    await settled(bound, () => this.#storage?.save(tokens));
    return ok(tokens.accessToken);
  }

  /** What a refresh started from a pair that was replaced meanwhile gives: the pair now in use, or the sign-out. */
  #superseded(): Result<string> {
    return this.#tokens ? ok(this.#tokens.accessToken) : failed("signed_out");
  }

  /** Takes `stored` if it is a newer pair than the one in use. */
  #takeNewer(stored: CustomerTokens | undefined): void {
    const tokens = this.#tokens;
    if (tokens && stored && stored.accessToken !== tokens.accessToken && (stored.expiresAt ?? 0) > (tokens.expiresAt ?? 0)) this.#tokens = stored;
  }

  /** The stored pair that replaced the one with `refreshToken`, once it reaches this tab (a few seconds at most). */
  async #awaitStored(refreshToken: string, bound: CallBudget): Promise<CustomerTokens | undefined> {
    for (let waited = 0; waited < 3_000 && Date.now() < bound.deadline; waited += 50) {
      const stored = await this.#load(bound);
      if (stored && stored.refreshToken !== refreshToken) return stored;
      await sleep(50, undefined);
    }
    return undefined;
  }

  /**
   * Holds a Web Lock named after a refresh token this tab has just presented, until its next refresh: the
   * lock manager tells every tab at once, where storage may lag. Held by another tab already, or refused
   * (a sandboxed iframe), it is not waited for.
   */
  async #markSpent(refreshToken: string): Promise<void> {
    const locks = webLocks();
    if (!locks) return;
    const previous = this.#releaseMark;
    await new Promise<void>((granted) => {
      new Promise((done) =>
        done(
          locks.request(spentName(this.customerId, refreshToken), { ifAvailable: true }, (held) => {
            granted();
            return held && new Promise<void>((release) => (this.#releaseMark = release));
          }),
        ),
      ).catch(granted);
    });
    previous?.();
  }

  /** The pair in storage, if it is one for this customer; nothing when storage fails or is late. */
  async #load(bound: CallBudget): Promise<CustomerTokens | undefined> {
    return (await settled(bound, async () => this.#ours(await this.#storage?.load()))).value;
  }

  /** `value` if it is a token pair for this client's customer. */
  #ours(value: unknown): CustomerTokens | undefined {
    const pair = tokenPair(value);
    return pair && claimsOf(pair.accessToken).sub === this.customerId ? pair : undefined;
  }
}

const WITHHELD = "[withheld: the answer holds credentials]";

const timedOut = ({ timeoutMs }: CallBudget): Result<never> => err(new RequestTimeoutError({ timeoutMs, attempts: 0 }));

/** Code the application gave (a storage, fetchTokens) run within `bound`: its value, what it threw, or the timeout. Never rejects. */
const settled = <T>(bound: CallBudget, work: () => T | PromiseLike<T>): Promise<Result<T, unknown>> => settleWithin(new Promise<T>((done) => done(work() as T)).then(ok, err), bound);

function checkOption<T>(setting: string, value: T | undefined, check: (value: T) => boolean, expected: string): void {
  if (value !== undefined && !check(value)) throw new ConfigurationError({ setting, message: `Invalid option ${setting}: expected ${expected}` });
}
