import { CoreSettings } from "./core.js";
import { keysRefresh } from "./funcs/keys-refresh.js";
import type { CustomerScope } from "./lib/client.js";
import type { AutumnOptions } from "./lib/config.js";
import { ConfigurationError } from "./lib/errors/configuration-error.js";
import { CustomerTokenError, type CustomerTokenErrorReason } from "./lib/errors/customer-token-error.js";
import type { SDKError } from "./lib/errors/index.js";
import { RequestValidationError } from "./lib/errors/request-validation-error.js";
import { clientSettings, isCredential } from "./lib/options.js";
import { err, ok, type Result } from "./lib/result.js";
import type { CustomerTokens } from "./models/customer-tokens.js";

export type { CustomerTokens } from "./models/customer-tokens.js";

/** Where a customer's token pair is kept between page loads, shared by every tab or client that uses it. */
export interface TokenStorage {
  /** The pair stored last (another tab may have rotated it), or nothing. */
  load(): CustomerTokens | null | undefined | Promise<CustomerTokens | null | undefined>;
  /** Stores a new pair: after every rotation, and every pair `fetchTokens` gave. */
  save(tokens: CustomerTokens): void | Promise<void>;
}

/** Runs `refresh` while holding the lock `name`, so that one refresh of a pair happens at a time across tabs. */
export type TokenLock = <T>(name: string, refresh: () => Promise<T>) => Promise<T>;

/** Options of `CustomerCore`: a customer's tokens instead of a secret key, and the client options of `AutumnCore`. */
export interface CustomerCoreOptions extends Omit<AutumnOptions, "secretKey"> {
  /** The pair `keys.mint` gave your backend (or the one stored last). */
  readonly tokens: CustomerTokens;
  /** Where rotated pairs are stored and read back, shared by every tab or client restored from the same pair. */
  readonly storage?: TokenStorage;
  /** Gets a new pair from your backend (which calls `keys.mint`) when refreshing is no longer possible. */
  readonly fetchTokens?: () => Promise<CustomerTokens>;
  /** Serialises refreshes across tabs. Defaults to the Web Locks API (`navigator.locks`) where there is one. */
  readonly lock?: TokenLock;
  /** How long before the access token expires it is refreshed, in milliseconds. Default 60 000. */
  readonly refreshMarginMs?: number;
}

// The routes an access token reaches; Autumn answers 403 everywhere else.
const ROUTES: ReadonlySet<string> = new Set(["balances.check", "balances.track", "customers.get", "entities.get", "events.list", "events.aggregate"]);

const FAILURES: Record<Exclude<CustomerTokenErrorReason, "route_not_allowed">, string> = {
  expired: "The customer's tokens expired and cannot be refreshed; give the client a new pair (fetchTokens or setTokens)",
  revoked: "Autumn revoked the customer's tokens; mint a new pair on your server",
  refresh_lost: "Two answers to a token refresh were lost, so the refresh token is not presented again; mint a new pair on your server",
  fetch_failed: "fetchTokens failed or did not return a token pair",
};

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
  // Private so that logging or serialising the client never shows a token.
  #tokens: CustomerTokens;
  readonly #storage: TokenStorage | undefined;
  readonly #fetchTokens: (() => Promise<CustomerTokens>) | undefined;
  readonly #lock: TokenLock | undefined;
  readonly #marginMs: number;
  #rotation: Promise<Result<string>> | undefined;
  /** Lets go of the lock that marks this tab's last presented refresh token spent. */
  #releaseMark: (() => void) | undefined;
  /** Refresh tokens not to present again, with why: Autumn refused them, or they may have been used twice. */
  readonly #spent = new Map<string, Exclude<CustomerTokenErrorReason, "route_not_allowed" | "fetch_failed">>();
  /** Access tokens Autumn answered as revoked. */
  readonly #revoked = new Set<string>();

  constructor(options: CustomerCoreOptions) {
    const { tokens, storage, fetchTokens, lock, refreshMarginMs, ...rest } = (options ?? {}) as CustomerCoreOptions;
    if ("secretKey" in rest) throw new ConfigurationError({ setting: "secretKey", message: "A CustomerCore acts with a customer's tokens; a secret key belongs in an AutumnCore on your server" });
    const settings = clientSettings(rest);
    super(settings);
    checkOption("storage", storage, (value) => typeof value.load === "function" && typeof value.save === "function", "an object with load and save functions");
    checkOption("fetchTokens", fetchTokens, (value) => typeof value === "function", "a function");
    checkOption("lock", lock, (value) => typeof value === "function", "a function");
    checkOption("refreshMarginMs", refreshMarginMs, (value) => typeof value === "number" && value >= 0, "a number of milliseconds");
    const pair = tokenPair(tokens);
    if (!pair) throw new ConfigurationError({ setting: "tokens", message: "tokens must be the pair keys.mint answers: { accessToken: \"am_jwt_…\", refreshToken?, expiresAt, refreshExpiresAt? }" });
    const customerId = subjectOf(pair.accessToken);
    if (customerId === undefined) throw new ConfigurationError({ setting: "tokens", message: "tokens.accessToken is not an Autumn customer token (am_jwt_ and a JWT naming its customer)" });
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
      renew: (rejected, refusal) => this.#renew(rejected, refusal),
    };
    Object.defineProperty(this, "customerScope", { value: Object.freeze(scope) });
    // A tab opened next restores this pair instead of minting another.
    if (storage) void this.#seed(pair);
  }

  /** Stores the pair the client was made with, unless the storage holds it or a newer one. */
  async #seed(pair: CustomerTokens): Promise<void> {
    const stored = await this.#load();
    if (stored && (stored.accessToken === pair.accessToken || (stored.expiresAt ?? 0) >= (pair.expiresAt ?? 0))) return;
    try {
      await this.#storage?.save(pair);
    } catch {
      // As in #adopt: a storage that fails only loses the pair for other tabs.
    }
  }

  /** The access token for the next request, refreshed first when it is about to expire. */
  credential(): Result<string> | Promise<Result<string>> {
    const tokens = this.#tokens;
    // A pair known to be revoked is not sent again: straight to a new pair, or the error.
    const usable = this.#fresh(tokens) && !this.#revoked.has(tokens.accessToken);
    return usable ? ok(tokens.accessToken) : this.#rotate(tokens, undefined);
  }

  /** Replaces the pair, e.g. with one your backend minted after the user signed in again. */
  setTokens(tokens: CustomerTokens): void {
    const pair = tokenPair(tokens);
    if (!pair || subjectOf(pair.accessToken) !== this.customerId) {
      throw new ConfigurationError({ setting: "tokens", message: `tokens must be a pair keys.mint gave for ${this.customerId}` });
    }
    this.#tokens = pair;
  }

  #fresh(tokens: CustomerTokens): boolean {
    return tokens.expiresAt === null || Date.now() < tokens.expiresAt - this.#marginMs;
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
  #renew(rejected: string, refusal: SDKError): Promise<Result<string>> {
    if (/revoked/i.test(refusal.message)) this.#revoked.add(rejected);
    const tokens = this.#tokens;
    if (tokens.accessToken !== rejected && this.#fresh(tokens)) return Promise.resolve(ok(tokens.accessToken));
    return this.#rotate(tokens, rejected);
  }

  /** One rotation at a time: every call that needs a new token waits for the same one. */
  #rotate(seen: CustomerTokens, rejected: string | undefined): Promise<Result<string>> {
    if (!this.#rotation) {
      const name = `autumn-tokens:${this.customerId}`;
      const lock = this.#lock ?? webLock();
      const run = () => this.#refresh(seen, rejected);
      this.#rotation = (lock ? lock(name, run) : run()).finally(() => {
        this.#rotation = undefined;
      });
    }
    return this.#rotation;
  }

  async #refresh(seen: CustomerTokens, rejected: string | undefined): Promise<Result<string>> {
    // Another tab, or another client restored from the same pair, may have rotated it while this one waited.
    this.#takeNewer(await this.#load());
    // Under the Web Lock a tab can still read the pair from before another tab's refresh: storage reaches
    // tabs later than the lock does. That tab marked the refresh token spent with a lock of its own, so
    // wait for its new pair to arrive rather than present the token a second time.
    const { refreshToken: before } = this.#tokens;
    if (before && (await spentByAnotherTab(this.customerId, before))) this.#takeNewer(await this.#awaitStored(before));
    const current = this.#tokens;
    if (current !== seen && current.accessToken !== rejected && this.#fresh(current) && !this.#revoked.has(current.accessToken)) return ok(current.accessToken);

    let reason: Exclude<CustomerTokenErrorReason, "route_not_allowed"> = this.#revoked.has(current.accessToken) ? "revoked" : "expired";
    let cause: SDKError | undefined;
    const { refreshToken } = current;
    if (refreshToken && (current.refreshExpiresAt ?? Infinity) > Date.now()) {
      reason = this.#spent.get(refreshToken) ?? reason;
      if (!this.#spent.has(refreshToken)) {
        const answer = await keysRefresh(this, { refreshToken });
        if (answer.ok) {
          await this.#markSpent(refreshToken);
          return this.#adopt(answer.value);
        }
        cause = answer.error;
        reason = refreshFailure(answer.error);
        // Refused, or possibly used twice: presenting it again could only be taken for theft.
        this.#spent.set(refreshToken, reason);
      }
    }
    // Refreshing is no longer possible: ask the application for a new pair, once per call.
    if (this.#fetchTokens) {
      let fetched: CustomerTokens | undefined;
      try {
        fetched = tokenPair(await this.#fetchTokens());
      } catch (thrown) {
        return err(new CustomerTokenError({ reason: "fetch_failed", message: FAILURES.fetch_failed, cause: thrown }));
      }
      if (fetched && subjectOf(fetched.accessToken) === this.customerId) return this.#adopt(fetched);
      return err(new CustomerTokenError({ reason: "fetch_failed", message: FAILURES.fetch_failed }));
    }
    return err(new CustomerTokenError({ reason, message: FAILURES[reason], cause }));
  }

  async #adopt(tokens: CustomerTokens): Promise<Result<string>> {
    this.#tokens = tokens;
    try {
      await this.#storage?.save(tokens);
    } catch {
      // The pair is in use here either way; a storage that fails only loses it for other tabs.
    }
    return ok(tokens.accessToken);
  }

  /** Takes `stored` if it is a newer pair than the one in use. */
  #takeNewer(stored: CustomerTokens | undefined): void {
    if (stored && stored.accessToken !== this.#tokens.accessToken && (stored.expiresAt ?? 0) > (this.#tokens.expiresAt ?? 0)) this.#tokens = stored;
  }

  /** The stored pair that replaced the one with `refreshToken`, once it reaches this tab (a few seconds at most). */
  async #awaitStored(refreshToken: string): Promise<CustomerTokens | undefined> {
    for (let waited = 0; waited < 3_000; waited += 50) {
      const stored = await this.#load();
      if (stored && stored.refreshToken !== refreshToken) return stored;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return undefined;
  }

  /**
   * Holds a Web Lock named after a refresh token this tab has just presented, until its next refresh: the
   * lock manager tells every tab at once, where storage may lag.
   */
  async #markSpent(refreshToken: string): Promise<void> {
    const locks = webLocks();
    if (!locks) return;
    const previous = this.#releaseMark;
    await new Promise<void>((granted) => {
      void locks.request(spentName(this.customerId, refreshToken), () => {
        granted();
        return new Promise<void>((release) => {
          this.#releaseMark = release;
        });
      });
    });
    previous?.();
  }

  async #load(): Promise<CustomerTokens | undefined> {
    try {
      const stored = tokenPair(await this.#storage?.load());
      return stored && subjectOf(stored.accessToken) === this.customerId ? stored : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Why a refresh failed: refused as revoked or stolen, refused otherwise, or its answer lost (twice, after the one repeat). */
function refreshFailure(error: SDKError): Exclude<CustomerTokenErrorReason, "route_not_allowed" | "fetch_failed"> {
  if (error.name === "AutumnAPIError" && error.status < 500 && error.status !== 429) return /revoked|reuse/i.test(error.message) ? "revoked" : "expired";
  return "refresh_lost";
}

interface LockManager {
  request(name: string, run: () => unknown): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

/** The Web Locks API where the runtime has one (browsers). */
function webLocks(): LockManager | undefined {
  return (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
}

/** The Web Lock that serialises refreshes across tabs. */
function webLock(): TokenLock | undefined {
  const locks = webLocks();
  return locks ? ((name, run) => locks.request(name, run)) as TokenLock : undefined;
}

/** The name of the lock a tab holds after presenting a refresh token: its customer and the token's signature end. */
function spentName(customerId: string, refreshToken: string): string {
  return `autumn-tokens:${customerId}:spent:${refreshToken.slice(-16)}`;
}

/** Whether a tab holds the lock saying it presented `refreshToken` already. */
async function spentByAnotherTab(customerId: string, refreshToken: string): Promise<boolean> {
  const locks = webLocks();
  if (!locks) return false;
  const name = spentName(customerId, refreshToken);
  try {
    return ((await locks.query()).held ?? []).some((lock) => lock.name === name);
  } catch {
    return false;
  }
}

function checkOption<T>(setting: string, value: T | undefined, check: (value: T) => boolean, expected: string): void {
  if (value !== undefined && !check(value)) throw new ConfigurationError({ setting, message: `Invalid option ${setting}: expected ${expected}` });
}

/** A token pair as the SDK keeps it, or undefined when `value` is not one. */
function tokenPair(value: unknown): CustomerTokens | undefined {
  const pair = value as Partial<CustomerTokens> | null | undefined;
  if (!pair || typeof pair.accessToken !== "string" || !isCredential(pair.accessToken)) return undefined;
  if (pair.expiresAt !== null && typeof pair.expiresAt !== "number") return undefined;
  if (pair.refreshToken !== undefined && (typeof pair.refreshToken !== "string" || !isCredential(pair.refreshToken))) return undefined;
  return {
    accessToken: pair.accessToken,
    ...(pair.refreshToken === undefined ? {} : { refreshToken: pair.refreshToken }),
    expiresAt: pair.expiresAt,
    ...(typeof pair.refreshExpiresAt === "number" ? { refreshExpiresAt: pair.refreshExpiresAt } : {}),
  };
}

/** The customer a token names (its JWT `sub`), read without verifying: Autumn verifies it. */
function subjectOf(token: string): string | undefined {
  if (!token.startsWith("am_jwt_")) return undefined;
  try {
    const payload = token.slice(7).split(".")[1] ?? "";
    const json = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { sub?: unknown };
    return typeof json.sub === "string" && json.sub !== "" ? json.sub : undefined;
  } catch {
    return undefined;
  }
}
