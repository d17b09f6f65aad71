import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CustomerCore, type TokenStorage } from "../src/customer-core.js";
import { balancesCheck } from "../src/funcs/balances-check.js";
import { balancesTrack } from "../src/funcs/balances-track.js";
import { customersGet } from "../src/funcs/customers-get.js";
import { customersUpdate } from "../src/funcs/customers-update.js";
import { keysRevoke } from "../src/funcs/keys-revoke.js";
import type { CustomerTokens } from "../src/models/customer-tokens.js";
import { HOUR, sharedLock, sharedStorage, tokenHarness } from "./token-harness.js";

const t = tokenHarness();
const { mint, client, refreshes } = t;

describe("a client built from a customer's tokens", () => {
  it("implies the token's customer: no customerId in params, and the request is for that customer", async () => {
    const autumn = client(await mint());
    expect(autumn.customerId).toBe(t.customerId);
    const checked = await balancesCheck(autumn, { featureId: "messages" });
    expect(checked.ok && checked.value).toMatchObject({ allowed: true, customerId: t.customerId });
    const tracked = await balancesTrack(autumn, { featureId: "messages", value: 2 });
    expect(tracked.ok && tracked.value.balance).toMatchObject({ usage: 2 });
    const customer = await customersGet(autumn);
    expect(customer.ok && customer.value.id).toBe(t.customerId);
    expect(t.sandbox.requests.at(-1)?.body).toMatchObject({ customer_id: t.customerId });
  });

  it("refuses a route a token cannot reach with CustomerTokenError, and sends nothing", async () => {
    const autumn = client(await mint());
    // @ts-expect-error customersUpdate takes an AutumnCore: a customer token cannot reach it.
    const result = await customersUpdate(autumn, { customerId: t.customerId, name: "Mallory" });
    expect(result.ok || result.error).toMatchObject({ name: "CustomerTokenError", reason: "route_not_allowed" });
    expect(t.seen).toEqual([]);
  });

  it("refuses another customer's id without sending", async () => {
    const autumn = client(await mint());
    // @ts-expect-error the customer is the token's; customerId is left out.
    const result = await balancesCheck(autumn, { customerId: "someone_else", featureId: "messages" });
    expect(result.ok || result.error).toMatchObject({ name: "RequestValidationError", field: "customerId" });
    expect(t.seen).toEqual([]);
  });

  it("refreshes before the access token expires, hands the new pair to storage, and sends the refresh token to keys.refresh only", async () => {
    const tokens = await mint();
    const storage = sharedStorage(tokens);
    const autumn = client(tokens, { storage });
    expect((await balancesCheck(autumn, { featureId: "messages" })).ok).toBe(true);
    vi.setSystemTime(Date.now() + HOUR - 30_000); // inside the default 60 s margin
    expect((await balancesCheck(autumn, { featureId: "messages" })).ok).toBe(true);
    expect(refreshes()).toBe(1);
    expect(storage.saved).toHaveLength(1);
    expect(storage.saved[0]!.refreshToken).not.toBe(tokens.refreshToken);
    const refreshTokens = new Set([tokens.refreshToken, storage.saved[0]!.refreshToken]);
    for (const request of t.seen) {
      if (request.path === "keys.refresh") expect(refreshTokens.has(request.credential)).toBe(true);
      else expect(refreshTokens.has(request.credential), `${request.path} carried a refresh token`).toBe(false);
    }
    // The access token never reached keys.refresh.
    expect(t.seen.filter((request) => request.path === "keys.refresh").every((request) => request.credential !== tokens.accessToken)).toBe(true);
  });

  it("makes exactly one refresh for 200 concurrent calls across an expiry", async () => {
    const autumn = client(await mint());
    vi.setSystemTime(Date.now() + HOUR + 1_000);
    const results = await Promise.all(Array.from({ length: 200 }, (_, index) => (index % 2 ? balancesCheck(autumn, { featureId: "messages" }) : balancesTrack(autumn, { featureId: "messages" }))));
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(refreshes()).toBe(1);
  });

  it("renews once after a 401 that says the token expired, when its own clock thought it fresh", async () => {
    const autumn = client(await mint());
    t.sandbox.advanceClock(HOUR + 1_000); // Autumn's clock is ahead of this machine's
    try {
      const result = await balancesCheck(autumn, { featureId: "messages" });
      expect(result.ok).toBe(true);
      expect(t.seen.map((request) => request.path)).toEqual(["balances.check", "keys.refresh", "balances.check"]);
    } finally {
      t.sandbox.advanceClock(-(HOUR + 1_000));
    }
  });
});

describe("lost refresh answers", () => {
  it("repeats a refresh whose answer was lost once, and the grace window answers it", async () => {
    const autumn = client(await mint());
    vi.setSystemTime(Date.now() + HOUR + 1_000);
    t.dropRefreshAnswers = 1;
    const result = await balancesCheck(autumn, { featureId: "messages" });
    expect(result.ok).toBe(true);
    expect(refreshes()).toBe(2);
    // Not revoked: the client keeps working through later rotations.
    vi.setSystemTime(Date.now() + HOUR + 1_000);
    expect((await balancesCheck(autumn, { featureId: "messages" })).ok).toBe(true);
  });

  it("ends with refresh_lost after a second lost answer, never presenting the token a third time, and nothing is revoked", async () => {
    const autumn = client(await mint());
    vi.setSystemTime(Date.now() + HOUR + 1_000);
    t.dropRefreshAnswers = 2;
    const first = await balancesCheck(autumn, { featureId: "messages" });
    expect(first.ok || first.error).toMatchObject({ name: "CustomerTokenError", reason: "refresh_lost" });
    const again = await balancesTrack(autumn, { featureId: "messages" });
    expect(again.ok || again.error).toMatchObject({ name: "CustomerTokenError", reason: "refresh_lost" });
    expect(refreshes()).toBe(2);
    // The customer's tokens were not revoked: a pair minted now works at once.
    expect((await balancesCheck(client(await mint()), { featureId: "messages" })).ok).toBe(true);
  });

  it("asks fetchTokens for a new pair when refreshing is no longer possible", async () => {
    const fetchTokens = vi.fn(() => mint());
    const autumn = client(await mint(), { fetchTokens });
    vi.setSystemTime(Date.now() + HOUR + 1_000);
    t.dropRefreshAnswers = 2;
    expect((await balancesCheck(autumn, { featureId: "messages" })).ok).toBe(true);
    expect(fetchTokens).toHaveBeenCalledTimes(1);
  });
});

describe("two tabs restored from one stored pair", () => {
  it("with a shared lock and storage, take turns refreshing and never revoke each other", async () => {
    const tokens = await mint();
    const storage = sharedStorage(tokens);
    const lock = sharedLock();
    const tabA = client(tokens, { storage, lock });
    const tabB = client(tokens, { storage, lock });
    for (let hour = 1; hour <= 4; hour++) {
      vi.setSystemTime(Date.now() + HOUR + 1_000);
      // A tab asleep for a turn wakes with a pair two rotations old in memory: it reads storage first.
      const tabs = hour === 3 ? [tabA] : [tabA, tabB];
      const results = await Promise.all(tabs.flatMap((tab) => [balancesCheck(tab, { featureId: "messages" }), balancesTrack(tab, { featureId: "messages" })]));
      expect(results.filter((result) => !result.ok), `hour ${hour}`).toEqual([]);
    }
    expect(refreshes()).toBe(4);
    expect((await balancesCheck(tabB, { featureId: "messages" })).ok).toBe(true);
  });

  it("without a lock, two tabs refreshing the same pair at once are both answered (the grace case)", async () => {
    const tokens = await mint();
    const storage = sharedStorage(tokens);
    const tabA = client(tokens, { storage });
    const tabB = client(tokens, { storage });
    vi.setSystemTime(Date.now() + HOUR + 1_000);
    const [a, b] = await Promise.all([balancesCheck(tabA, { featureId: "messages" }), balancesCheck(tabB, { featureId: "messages" })]);
    expect(a.ok && b.ok).toBe(true);
    vi.setSystemTime(Date.now() + HOUR + 1_000);
    const [c, d] = await Promise.all([balancesCheck(tabA, { featureId: "messages" }), balancesCheck(tabB, { featureId: "messages" })]);
    expect(c.ok && d.ok).toBe(true);
  });
});

/**
 * A lock manager shared by tabs, as navigator.locks is: requests for a name wait their turn (or, with
 * `ifAvailable`, get null at once when it is held); query lists held locks.
 */
function sharedLockManager() {
  const held = new Map<string, number>();
  const queues = new Map<string, Promise<unknown>>();
  const hold = async (name: string, run: (lock: unknown) => unknown) => {
    held.set(name, (held.get(name) ?? 0) + 1);
    try {
      return await run({ name });
    } finally {
      const left = held.get(name)! - 1;
      if (left) held.set(name, left);
      else held.delete(name);
    }
  };
  return {
    request(name: string, ...args: [(lock: unknown) => unknown] | [{ ifAvailable?: boolean }, (lock: unknown) => unknown]): Promise<unknown> {
      const run = args.length === 1 ? args[0] : args[1];
      if (args.length === 2 && args[0].ifAvailable && held.has(name)) return Promise.resolve().then(() => run(null));
      const turn = (queues.get(name) ?? Promise.resolve()).then(() => hold(name, run));
      queues.set(name, turn.catch(() => undefined));
      return turn;
    },
    query: async () => ({ held: [...held.keys()].map((name) => ({ name })) }),
  };
}

/** Storage as localStorage is across tabs: a tab sees its own writes at once, the other tabs' `lagMs` later. */
function laggingStorage(initial: CustomerTokens, lagMs: number): () => TokenStorage {
  const views: { pair: CustomerTokens }[] = [];
  return () => {
    const view = { pair: initial };
    views.push(view);
    return {
      load: () => view.pair,
      save: (tokens) => {
        view.pair = tokens;
        for (const other of views) if (other !== view) setTimeout(() => (other.pair = tokens), lagMs);
      },
    };
  };
}

describe("tabs in a browser (Web Locks, storage that reaches other tabs late)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("three tabs across an expiry make one refresh: the others wait for its pair instead of presenting the token again", async () => {
    vi.stubGlobal("navigator", { locks: sharedLockManager() });
    const tokens = await mint();
    const tab = laggingStorage(tokens, 300);
    const tabs = [client(tokens, { storage: tab() }), client(tokens, { storage: tab() }), client(tokens, { storage: tab() })];
    vi.setSystemTime(Date.now() + HOUR + 1_000);
    const results = await Promise.all(tabs.map((each) => balancesCheck(each, { featureId: "messages" })));
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(refreshes()).toBe(1);
    // Nothing was revoked: a later round works in every tab.
    vi.setSystemTime(Date.now() + HOUR + 1_000);
    const later = await Promise.all(tabs.map((each) => balancesTrack(each, { featureId: "messages" })));
    expect(later.filter((result) => !result.ok)).toEqual([]);
  });

  it("stores the pair a client was made with, so a tab opened next restores it instead of minting", async () => {
    const tokens = await mint();
    const saved: CustomerTokens[] = [];
    client(tokens, { storage: { load: () => null, save: (pair) => void saved.push(pair) } });
    await vi.waitFor(() => expect(saved).toEqual([tokens]));
  });
});

describe("revoked tokens", () => {
  it("end calls cleanly with CustomerTokenError revoked, and then send nothing more", async () => {
    const autumn = client(await mint());
    expect((await balancesCheck(autumn, { featureId: "messages" })).ok).toBe(true);
    expect((await keysRevoke(t.server, { customerId: t.customerId })).ok).toBe(true);
    const result = await balancesCheck(autumn, { featureId: "messages" });
    expect(result.ok || result.error).toMatchObject({ name: "CustomerTokenError", reason: "revoked" });
    const before = t.seen.length;
    const again = await balancesTrack(autumn, { featureId: "messages" });
    expect(again.ok || again.error).toMatchObject({ name: "CustomerTokenError", reason: "revoked" });
    expect(t.seen.length).toBe(before);
  });

  it("recover through fetchTokens, once per call", async () => {
    const fetchTokens = vi.fn(() => mint());
    const autumn = client(await mint(), { fetchTokens });
    expect((await keysRevoke(t.server, { customerId: t.customerId })).ok).toBe(true);
    expect((await balancesCheck(autumn, { featureId: "messages" })).ok).toBe(true);
    expect(fetchTokens).toHaveBeenCalledTimes(1);
  });

  it("an indefinite token needs no refresh, and ends with revoked after keys.revoke", async () => {
    const autumn = client(await mint(t.customerId, true));
    vi.setSystemTime(Date.now() + 30 * 24 * HOUR);
    expect((await balancesCheck(autumn, { featureId: "messages" })).ok).toBe(true);
    expect(refreshes()).toBe(0);
    expect((await keysRevoke(t.server, { customerId: t.customerId })).ok).toBe(true);
    const result = await balancesCheck(autumn, { featureId: "messages" });
    expect(result.ok || result.error).toMatchObject({ name: "CustomerTokenError", reason: "revoked" });
  });
});

describe("the tokens never leak", () => {
  it("not into the debug log, errors, or the client serialised or inspected", async () => {
    const tokens = await mint();
    const lines: string[] = [];
    const autumn = client(tokens, { debugLogger: { debug: (line: unknown) => void lines.push(String(line)) } });
    vi.setSystemTime(Date.now() + HOUR + 1_000);
    expect((await balancesCheck(autumn, { featureId: "messages" })).ok).toBe(true);
    t.dropRefreshAnswers = 2;
    vi.setSystemTime(Date.now() + HOUR + 1_000);
    const failed = await balancesCheck(autumn, { featureId: "messages" });
    expect(failed.ok).toBe(false);
    const texts = [...lines, JSON.stringify(autumn), inspect(autumn, { depth: Infinity, showHidden: true }), JSON.stringify(failed), inspect(failed, { depth: Infinity, showHidden: true }), String(failed.error?.stack)];
    const jwts = texts.join("\n").match(/am_jwt_[\w-]+\.[\w-]+\.[\w-]+/g) ?? [];
    expect(jwts).toEqual([]);
    expect(lines.some((line) => line.includes("keys.refresh"))).toBe(true);
  });

  it("a malformed pair is refused by the constructor without quoting it", () => {
    const thrown = (() => {
      try {
        new CustomerCore({ tokens: { accessToken: "am_jwt_not-a-jwt", expiresAt: 1 } });
      } catch (error) {
        return error as Error;
      }
    })();
    expect(thrown).toMatchObject({ name: "ConfigurationError", setting: "tokens" });
    expect(String(thrown)).not.toContain("not-a-jwt");
    expect(() => new CustomerCore({ tokens: { accessToken: "x", expiresAt: 1 }, secretKey: "am_sk_test_tokens" } as never)).toThrow(/secret key/);
  });
});
