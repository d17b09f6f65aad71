import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CustomerCore, readTokens, type TokenLock } from "../src/customer-core.js";
import { balancesCheck } from "../src/funcs/balances-check.js";
import { keysRevoke } from "../src/funcs/keys-revoke.js";
import type { RequestOptions } from "../src/lib/config.js";
import type { Result } from "../src/lib/result.js";
import type { CustomerTokens } from "../src/models/customer-tokens.js";
import { advance, fakeClock, until } from "./clock.js";
import { HOUR, sharedLock, sharedStorage, tokenHarness } from "./token-harness.js";

/**
 * What the application hands the token client (a lock, storage, fetchTokens) may fail, or never
 * answer; the stored pair may be corrupt; the user signs out. None of it may crash the host, hold
 * every later call up, or leave a pair behind.
 */
const t = tokenHarness();
const check = (autumn: CustomerCore, options?: RequestOptions) => balancesCheck(autumn, { featureId: "messages" }, options);
const expired = () => vi.setSystemTime(Date.now() + HOUR + 1_000);
const failure = (result: Result<unknown>) => (result.ok ? "ok" : result.error);
const never = () => new Promise<never>(() => {});

/** Rejections nobody handled during the test: each would end a Node host. */
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on("unhandledRejection", onUnhandled);
});
afterEach(async () => {
  // Node reports an unhandled rejection after the microtasks of the turn that made it.
  await new Promise((resolve) => setImmediate(resolve));
  process.off("unhandledRejection", onUnhandled);
  vi.unstubAllGlobals();
  expect(unhandled).toEqual([]);
});

/** A pair whose tokens Autumn has revoked: refreshing it is refused, so the client needs fetchTokens. */
async function revokedPair(): Promise<CustomerTokens> {
  const pair = await t.mint();
  expect((await keysRevoke(t.server, { customerId: t.customerId })).ok).toBe(true);
  return pair;
}

describe("a lock that fails", () => {
  it("a lock option that rejects ends the call at once with CustomerTokenError lock_failed, and the token is not spent", async () => {
    const tokens = await t.mint();
    const storage = sharedStorage(tokens);
    const failing: TokenLock = () => Promise.reject(new Error("could not acquire the Redis lock in time"));
    expired();
    const result = await check(t.client(tokens, { storage, lock: failing }), { timeoutMs: 600_000 });
    expect(failure(result)).toMatchObject({ name: "CustomerTokenError", reason: "lock_failed", cause: { message: "could not acquire the Redis lock in time" } });
    expect(t.refreshes()).toBe(0);
    expect((await check(t.client(tokens, { storage, lock: sharedLock() }))).ok).toBe(true);
    expect(t.refreshes()).toBe(1);
  });

  it("a lock option that throws instead of returning a promise is the same failure", async () => {
    const tokens = await t.mint();
    const throwing = (() => {
      throw new Error("no lock service configured");
    }) as TokenLock;
    expired();
    expect(failure(await check(t.client(tokens, { storage: sharedStorage(tokens), lock: throwing }), { timeoutMs: 600_000 }))).toMatchObject({ name: "CustomerTokenError", reason: "lock_failed" });
  });

  it("a lock that rejects after the refresh ran (its release failed) keeps the refreshed pair", async () => {
    const tokens = await t.mint();
    const storage = sharedStorage(tokens);
    const releaseFails: TokenLock = async (_name, run) => {
      await run();
      throw new Error("lock lease lost");
    };
    const autumn = t.client(tokens, { storage, lock: releaseFails });
    expired();
    expect((await check(autumn)).ok).toBe(true);
    expect((await check(autumn)).ok).toBe(true);
    expect(t.refreshes()).toBe(1);
    expect(storage.saved).toHaveLength(1);
  });

  it("navigator.locks refusing every request (a sandboxed iframe, an opaque origin) is a browser without Web Locks: the client refreshes without them", async () => {
    const refuse = () => Promise.reject(new DOMException("The request was denied.", "SecurityError"));
    vi.stubGlobal("navigator", { locks: { request: refuse, query: refuse } });
    const tokens = await t.mint();
    const autumn = t.client(tokens, { storage: sharedStorage(tokens) });
    expired();
    expect((await check(autumn, { timeoutMs: 600_000 })).ok).toBe(true);
    expect(t.refreshes()).toBe(1);
    expired();
    expect((await check(autumn, { timeoutMs: 600_000 })).ok).toBe(true);
    expect(t.refreshes()).toBe(2);
  });
});

describe("fetchTokens, storage and locks within the call's budget", () => {
  it("fetchTokens is asked once in a call, even when Autumn refuses the pair it gave", async () => {
    const fetchTokens = vi.fn(revokedPair);
    const autumn = t.client(await revokedPair(), { fetchTokens });
    expired();
    expect(failure(await check(autumn))).toMatchObject({ name: "CustomerTokenError", reason: "revoked" });
    expect(fetchTokens).toHaveBeenCalledTimes(1);
  });

  it("what fetchTokens and storage.load return is checked like any pair, even an object whose getters throw", async () => {
    const hostile = { get accessToken(): string { throw new Error("getter"); } } as unknown as CustomerTokens;
    const tokens = await revokedPair();
    const autumn = t.client(tokens, { fetchTokens: async () => hostile, storage: { load: () => hostile, save: () => {} } });
    expect(failure(await check(autumn))).toMatchObject({ name: "CustomerTokenError", reason: "fetch_failed" });
    const someoneElse = { accessToken: `am_jwt_e30.${Buffer.from(JSON.stringify({ sub: "someone_else" })).toString("base64url")}.sig`, expiresAt: Date.now() + HOUR };
    const other = t.client(tokens, { fetchTokens: async () => someoneElse });
    expect(failure(await check(other))).toMatchObject({ name: "CustomerTokenError", reason: "fetch_failed" });
  });

  it("a fetchTokens that never settles ends the call when its budget does, and the next call asks again", async () => {
    fakeClock();
    const fetchTokens = vi.fn<() => Promise<CustomerTokens>>().mockImplementationOnce(never).mockImplementation(() => t.mint());
    const autumn = t.client(await revokedPair(), { fetchTokens });
    const first = check(autumn, { timeoutMs: 5_000 });
    await until(() => fetchTokens.mock.calls.length === 1);
    await advance(5_000);
    expect(failure(await first)).toMatchObject({ name: "RequestTimeoutError" });
    expect(failure(await check(autumn))).toBe("ok");
    expect(fetchTokens).toHaveBeenCalledTimes(2);
  });

  it("a storage.load that never settles ends the call when its budget does, and the next call reads it again", async () => {
    const tokens = await t.mint();
    const storage = sharedStorage(tokens);
    let stuck = false;
    const autumn = t.client(tokens, { storage: { ...storage, load: () => (stuck ? never() : storage.load()) } });
    expired();
    stuck = true;
    expect(failure(await check(autumn, { timeoutMs: 300 }))).toMatchObject({ name: "RequestTimeoutError" });
    stuck = false;
    expect((await check(autumn)).ok).toBe(true);
    expect(t.refreshes()).toBe(1);
  });

  it("a lock that is never granted ends the call when its budget does, and the next call asks for it again", async () => {
    const tokens = await t.mint();
    let grant = false;
    const lock: TokenLock = (_name, run) => (grant ? run() : never());
    const autumn = t.client(tokens, { storage: sharedStorage(tokens), lock });
    expired();
    expect(failure(await check(autumn, { timeoutMs: 300 }))).toMatchObject({ name: "RequestTimeoutError" });
    grant = true;
    expect((await check(autumn)).ok).toBe(true);
    expect(t.refreshes()).toBe(1);
  });

  it("a call's signal ends its wait at once; the refresh it started goes on, and the next call uses its pair", async () => {
    const tokens = await t.mint();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const lock: TokenLock = async (_name, run) => (await gate, run());
    const autumn = t.client(tokens, { storage: sharedStorage(tokens), lock });
    expired();
    const controller = new AbortController();
    const waiting = check(autumn, { signal: controller.signal });
    controller.abort();
    expect(failure(await waiting)).toMatchObject({ name: "RequestAbortedError" });
    open();
    expect((await check(autumn)).ok).toBe(true);
    expect(t.refreshes()).toBe(1);
  });
});

describe("starting from a stored pair, and signing out", () => {
  it("readTokens gives the pair a storage holds, or undefined for anything else, and never throws", async () => {
    const pair = await t.mint();
    expect(readTokens(JSON.stringify(pair))).toEqual(pair);
    expect(readTokens(pair)).toEqual(pair);
    const notAJwt = { ...pair, accessToken: "am_jwt_not-a-jwt" };
    for (const bad of [null, undefined, "", "null", "{", "[]", "{}", 42, JSON.stringify(notAJwt), { ...pair, expiresAt: "soon" }, { ...pair, refreshToken: "secret" }]) {
      expect(readTokens(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it("a corrupt stored pair falls back to fetchTokens, as the README's page does", async () => {
    localStorageLike.setItem("autumn-tokens", '{"accessToken": "am_jwt_tru');
    const fetchTokens = vi.fn(() => t.mint());
    const autumn = new CustomerCore({
      tokens: readTokens(localStorageLike.getItem("autumn-tokens")) ?? (await fetchTokens()),
      serverURL: t.sandbox.url,
      storage: { load: () => readTokens(localStorageLike.getItem("autumn-tokens")), save: (tokens) => localStorageLike.setItem("autumn-tokens", JSON.stringify(tokens)) },
      fetchTokens,
    });
    expect((await check(autumn)).ok).toBe(true);
    expect(fetchTokens).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(readTokens(localStorageLike.getItem("autumn-tokens"))?.accessToken).toBeDefined());
  });

  it("signOut forgets the pair in memory and in storage; later calls end with signed_out, sending nothing and asking fetchTokens nothing", async () => {
    const tokens = await t.mint();
    const storage = sharedStorage(tokens);
    const fetchTokens = vi.fn(() => t.mint());
    const autumn = t.client(tokens, { storage, fetchTokens });
    expect((await check(autumn)).ok).toBe(true);
    await autumn.signOut();
    expect(storage.cleared).toBe(1);
    expect(storage.load()).toBe(null);
    const sent = t.seen.length;
    expect(failure(await check(autumn))).toMatchObject({ name: "CustomerTokenError", reason: "signed_out" });
    expired();
    expect(failure(await check(autumn))).toMatchObject({ name: "CustomerTokenError", reason: "signed_out" });
    expect(t.seen.length).toBe(sent);
    expect(fetchTokens).not.toHaveBeenCalled();
    // The same customer signs in again.
    autumn.setTokens(await t.mint());
    expect((await check(autumn)).ok).toBe(true);
  });

  it("a refresh whose answer arrives after signOut is neither used nor stored", async () => {
    const tokens = await t.mint();
    const storage = sharedStorage(tokens);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let refreshing = false;
    const slowRefresh: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      if (String(input instanceof Request ? input.url : input).endsWith("/keys.refresh")) {
        refreshing = true;
        await gate;
      }
      return answer;
    };
    const autumn = t.client(tokens, { storage, fetch: slowRefresh });
    expired();
    const call = check(autumn);
    await vi.waitFor(() => expect(refreshing).toBe(true));
    await autumn.signOut();
    open();
    expect(failure(await call)).toMatchObject({ name: "CustomerTokenError", reason: "signed_out" });
    expect(storage.saved).toEqual([]);
    expect(storage.load()).toBe(null);
  });
});

describe("lock without storage", () => {
  it("is refused: without storage a client cannot see the pair another one refreshed, so the lock would change nothing", async () => {
    const tokens = await t.mint();
    const thrown = (() => {
      try {
        t.client(tokens, { lock: sharedLock() });
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toMatchObject({ name: "ConfigurationError", setting: "lock" });
  });
});

/** localStorage as a page has it: strings in, strings out. */
const localStorageLike = (() => {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
})();
