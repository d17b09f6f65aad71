import { describe, expect, it } from "vitest";
import { CustomerCore } from "../../src/customer-core.js";
import type { CacheState } from "../../src/entitlements/cache.js";
import { applyTrackAnswer, cachedCheck, cachedTrack, cacheStats, createEntitlementCache, invalidateCustomer } from "../../src/entitlements/index.js";
import { balancesCheck } from "../../src/funcs/balances-check.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { billingAttach } from "../../src/funcs/billing-attach.js";
import { customersUpdate } from "../../src/funcs/customers-update.js";
import { entitiesCreate } from "../../src/funcs/entities-create.js";
import { keysMint } from "../../src/funcs/keys-mint.js";
import { realPause } from "../clock.js";
import { DIRECT_AND_CREDITS } from "./catalogs.js";
import { comparable, harness, requestsTo, useHarness } from "./helpers.js";


/**
 * The cache in front of the sandbox (the demo catalog: 5 messages a month on
 * the free plan every customer gets, a team plan with seats): what it loads,
 * when, what it answers, and what it leaves to Autumn. Time is the
 * sandbox's clock, moved with advanceClock.
 */
const h = useHarness();


describe("loading", () => {
  it("answers 1,000 concurrent first checks of a customer with one request", async () => {
    const customerId = await h.newCustomer();
    const cache = createEntitlementCache(h.core, { now: () => h.sandbox.now() });
    const from = h.sandbox.requests.length;
    const answers = await Promise.all(Array.from({ length: 1_000 }, () => cachedCheck(cache, { customerId, featureId: "messages" })));
    expect(answers.every((answer) => answer.ok && answer.value.allowed && answer.value.source === "cache")).toBe(true);
    expect(h.sandbox.requests.length - from).toBe(1);
    expect(requestsTo(h.sandbox, "customers.get", from)).toBe(1);
  });

  it("answers 10,000 checks of a warm customer without a request", async () => {
    const customerId = await h.newCustomer();
    await cachedCheck(h.cache, { customerId, featureId: "messages" });
    const from = h.sandbox.requests.length;
    for (let i = 0; i < 10_000; i++) {
      const answer = await cachedCheck(h.cache, { customerId, featureId: "messages", requiredBalance: (i % 7) + 1 });
      if (!answer.ok || answer.value.source !== "cache") throw new Error(`check ${i} was not answered from the cache`);
    }
    expect(h.sandbox.requests.length - from).toBe(0);
  });

  it("gives the answer balancesCheck gives, with where it came from and the snapshot's age", async () => {
    const customerId = await h.newCustomer();
    await balancesTrack(h.core, { customerId, featureId: "messages", value: 2 });
    const cached = await cachedCheck(h.cache, { customerId, featureId: "messages", requiredBalance: 3 });
    expect(comparable(cached)).toEqual(comparable(await balancesCheck(h.core, { customerId, featureId: "messages", requiredBalance: 3 })));
    expect(cached.value).toMatchObject({ allowed: true, source: "cache", balance: { remaining: 3 } });
    expect(cached.value!.ageMs).toBeGreaterThanOrEqual(0);
    h.sandbox.advanceClock(5_000);
    expect((await cachedCheck(h.cache, { customerId, featureId: "messages" })).value!.ageMs).toBeGreaterThanOrEqual(5_000);
  });

  it("gives balancesCheck's error for a customer Autumn does not have, and keeps nothing", async () => {
    const params = { customerId: "nobody_here", featureId: "messages" };
    expect(comparable(await cachedCheck(h.cache, params))).toEqual({ error: "AutumnAPIError", status: 404, code: "customer_not_found" });
    expect(comparable(await cachedCheck(h.cache, params))).toEqual(comparable(await balancesCheck(h.core, params)));
  });
});

describe("defaults", () => {
  it("answer from a copy until 60 s old, reloading it in the background from 45 s", async () => {
    const customerId = await h.newCustomer();
    // A clock of the test's own, which no real time moves.
    let now = h.sandbox.now();
    const cache = createEntitlementCache(h.core, { now: () => now });
    await cachedCheck(cache, { customerId, featureId: "messages" });
    now += 44_999;
    await cachedCheck(cache, { customerId, featureId: "messages" });
    expect(cacheStats(cache).loads).toBe(1);
    now += 1;
    expect((await cachedCheck(cache, { customerId, featureId: "messages" })).value).toMatchObject({ source: "cache", ageMs: 45_000 });
    expect(cacheStats(cache).loads).toBe(2);

    const late = createEntitlementCache(h.core, { now: () => now, refreshAfterMs: 60_000 });
    await cachedCheck(late, { customerId, featureId: "messages" });
    now += 59_999;
    await cachedCheck(late, { customerId, featureId: "messages" });
    expect(cacheStats(late).loads).toBe(1);
    now += 1;
    expect((await cachedCheck(late, { customerId, featureId: "messages" })).value!.ageMs).toBe(0);
    expect(cacheStats(late).loads).toBe(2);
  });

  it("are those the guide's table gives", () => {
    const { settings } = createEntitlementCache(h.core) as unknown as CacheState;
    expect(settings).toMatchObject({ maxAgeMs: 60_000, refreshAfterMs: 45_000, maxStaleMs: 0, maxCustomers: 10_000, maxBytes: 50_000_000, localMaxAgeMs: 1_000, storeTimeoutMs: 250 });
    expect(settings.now).toBe(Date.now);
  });
});

describe("staleness", () => {
  it("answers from the snapshot until refreshAfterMs, then also reloads it in the background, and past maxAgeMs waits for a fresh one", async () => {
    const customerId = await h.newCustomer();
    const cache = createEntitlementCache(h.core, { now: () => h.sandbox.now(), maxAgeMs: 10_000, refreshAfterMs: 5_000 });
    await cachedCheck(cache, { customerId, featureId: "messages" });
    expect(cacheStats(cache).loads).toBe(1);
    // Usage the cache does not see: a second writer.
    await balancesTrack(h.core, { customerId, featureId: "messages", value: 4 });
    h.sandbox.advanceClock(4_000);
    expect((await cachedCheck(cache, { customerId, featureId: "messages" })).value).toMatchObject({ source: "cache", balance: { remaining: 5 } });
    expect(cacheStats(cache).loads).toBe(1);
    h.sandbox.advanceClock(2_000);
    // Still answered at once from the old snapshot; a new one is on its way.
    expect((await cachedCheck(cache, { customerId, featureId: "messages" })).value).toMatchObject({ source: "cache", balance: { remaining: 5 } });
    expect(cacheStats(cache).loads).toBe(2);
    // The reload lands without a check waiting for it: then checks answer from the new snapshot.
    let answer = await cachedCheck(cache, { customerId, featureId: "messages" });
    while (answer.value!.ageMs >= 6_000) {
      await realPause(2);
      answer = await cachedCheck(cache, { customerId, featureId: "messages" });
    }
    expect(answer.value).toMatchObject({ source: "cache", balance: { remaining: 1 } });
    expect(cacheStats(cache).loads).toBe(2);

    await balancesTrack(h.core, { customerId, featureId: "messages", value: 1 });
    h.sandbox.advanceClock(10_000);
    const fresh = await cachedCheck(cache, { customerId, featureId: "messages" });
    expect(fresh.value).toMatchObject({ source: "cache", allowed: false, balance: { remaining: 0 } });
    expect(fresh.value!.ageMs).toBeLessThan(10_000);
    expect(cacheStats(cache).loads).toBe(3);
  });

  it("never answers from before a reset, however young the snapshot", async () => {
    const customerId = await h.newCustomer();
    const cache = createEntitlementCache(h.core, { now: () => h.sandbox.now(), maxAgeMs: 90 * 86_400_000 });
    await cachedTrack(cache, { customerId, featureId: "messages", value: 5 });
    const spent = await cachedCheck(cache, { customerId, featureId: "messages" });
    expect(spent.value).toMatchObject({ allowed: false, source: "cache" });
    h.sandbox.advanceClock(spent.value!.balance!.nextResetAt! - h.sandbox.now() + 1);
    const loads = cacheStats(cache).loads;
    expect((await cachedCheck(cache, { customerId, featureId: "messages" })).value).toMatchObject({ allowed: true, source: "cache", balance: { remaining: 5 } });
    expect(cacheStats(cache).loads).toBe(loads + 1);
  });
});

describe("refusals", () => {
  it.each([
    ["a customer id Autumn refuses", { customerId: "not an id", featureId: "messages" }],
    ["no feature", { customerId: "cache_user_1" }],
    ["a feature id that is not a string", { customerId: "cache_user_1", featureId: 7 }],
    ["a required balance that is not a number", { customerId: "cache_user_1", featureId: "messages", requiredBalance: "1" }],
    ["an unknown field", { customerId: "cache_user_1", featureId: "messages", requiredQuantity: 1 }],
  ])("gives balancesCheck's RequestValidationError for %s, sends nothing and keeps nothing", async (_name, params) => {
    const cache = createEntitlementCache(h.core);
    const from = h.sandbox.requests.length;
    const cached = await cachedCheck(cache, params as never);
    const direct = await balancesCheck(h.core, params as never);
    expect(cached.ok).toBe(false);
    expect(cached.error).toEqual(direct.error);
    expect(cached.error!.name).toBe("RequestValidationError");
    expect(h.sandbox.requests.length - from).toBe(0);
    expect(cacheStats(cache)).toMatchObject({ customers: 0, loads: 0 });
  });

  it("refuses a bad per-call option and an aborted signal as balancesCheck does, before any request", async () => {
    const customerId = await h.newCustomer();
    await cachedCheck(h.cache, { customerId, featureId: "messages" });
    const from = h.sandbox.requests.length;
    const bad = await cachedCheck(h.cache, { customerId, featureId: "messages" }, { timeoutMs: -1 });
    expect(bad.error).toMatchObject({ name: "ConfigurationError", setting: "timeoutMs" });
    const controller = new AbortController();
    controller.abort(new Error("gone"));
    expect((await cachedCheck(h.cache, { customerId, featureId: "messages" }, { signal: controller.signal })).error!.name).toBe("RequestAbortedError");
    expect(h.sandbox.requests.length - from).toBe(0);
  });

  it.each([
    ["0", () => createEntitlementCache(h.core, { maxAgeMs: 0 }), "maxAgeMs"],
    ["a refresh after the maximum age", () => createEntitlementCache(h.core, { maxAgeMs: 1_000, refreshAfterMs: 2_000 }), "refreshAfterMs"],
    ["a stale window shorter than the maximum age", () => createEntitlementCache(h.core, { maxAgeMs: 1_000, maxStaleMs: 500 }), "maxStaleMs"],
    ["an unknown option", () => createEntitlementCache(h.core, { ttl: 5 } as never), "ttl"],
    ["a store without read, write and replace", () => createEntitlementCache(h.core, { shared: { get: () => null } as never }), "shared"],
    ["no client", () => createEntitlementCache(undefined as never), "client"],
  ])("refuses %s with a ConfigurationError naming it", (_name, make, setting) => {
    expect(make).toThrow(expect.objectContaining({ name: "ConfigurationError", setting }));
  });
});

describe("what goes to Autumn", () => {
  it("applies the balances of a check with sendEvent, and of cachedTrack, so the next check needs no reload", async () => {
    const customerId = await h.newCustomer();
    const cache = createEntitlementCache(h.core, { now: () => h.sandbox.now() });
    await cachedCheck(cache, { customerId, featureId: "messages" });
    const sent = await cachedCheck(cache, { customerId, featureId: "messages", sendEvent: true, requiredBalance: 2 });
    expect(sent.value).toMatchObject({ source: "network", allowed: true });
    await cachedTrack(cache, { customerId, featureId: "messages", value: 1 });
    const from = h.sandbox.requests.length;
    const after = await cachedCheck(cache, { customerId, featureId: "messages", requiredBalance: 2 });
    expect(after.value).toMatchObject({ source: "cache", allowed: true, balance: { remaining: 2, usage: 3 } });
    expect(comparable(after)).toEqual(comparable(await balancesCheck(h.core, { customerId, featureId: "messages", requiredBalance: 2 })));
    expect(h.sandbox.requests.length - from).toBe(1);
    expect(cacheStats(cache).loads).toBe(1);
  });

  it("asks Autumn about a feature the customer has never had, once, then answers it from the snapshot", async () => {
    const customerId = await h.newCustomer();
    const from = h.sandbox.requests.length;
    const first = await cachedCheck(h.cache, { customerId, featureId: "seats" });
    const second = await cachedCheck(h.cache, { customerId, featureId: "seats" });
    expect(first.value).toMatchObject({ source: "network", allowed: false, balance: null, flag: null });
    expect(second.value).toMatchObject({ source: "cache", allowed: false, balance: null, flag: null });
    expect(comparable(second)).toEqual(comparable(first));
    expect(requestsTo(h.sandbox, "balances.check", from)).toBe(1);
  });

  it("leaves to Autumn every check of a feature under billing controls", async () => {
    const customerId = await h.newCustomer();
    await customersUpdate(h.core, { customerId, billingControls: { usageLimits: [{ featureId: "messages", limit: 3, interval: "day" }] } });
    await invalidateCustomer(h.cache, customerId);
    const from = h.sandbox.requests.length;
    for (let i = 0; i < 3; i++) expect((await cachedCheck(h.cache, { customerId, featureId: "messages" })).value).toMatchObject({ source: "network" });
    expect(requestsTo(h.sandbox, "balances.check", from)).toBe(3);
  });

  it("leaves withPreview and lock to Autumn", async () => {
    const customerId = await h.newCustomer();
    await cachedCheck(h.cache, { customerId, featureId: "messages" });
    expect((await cachedCheck(h.cache, { customerId, featureId: "messages", withPreview: true })).value).toMatchObject({ source: "network" });
    const locked = await cachedCheck(h.cache, { customerId, featureId: "messages", requiredBalance: 2, lock: { enabled: true, lockId: `lock_${customerId}` } });
    expect(locked.value).toMatchObject({ source: "network", allowed: true });
    // The units held show at once.
    expect((await cachedCheck(h.cache, { customerId, featureId: "messages", requiredBalance: 4 })).value).toMatchObject({ source: "cache", allowed: false });
  });
});

describe("usage of a feature a credit system pays for", () => {
  it("takes every balance the track answers (the feature's and the credits'), so no check loads again", async () => {
    const credits = await harness({ catalog: DIRECT_AND_CREDITS.catalog });
    try {
      const customerId = await credits.newCustomer();
      await cachedCheck(credits.cache, { customerId, featureId: "credits" });
      // 10 messages of its own, then 5 more paid at 2 credits each: both balances change.
      const tracked = await cachedTrack(credits.cache, { customerId, featureId: "messages", value: 15 });
      expect(tracked.value?.balances).toMatchObject({ messages: { remaining: 0 }, credits: { remaining: 90 } });
      const from = credits.sandbox.requests.length;
      for (const [featureId, requiredBalance] of [["messages", 1], ["credits", 90], ["credits", 91]] as const) {
        const cached = await cachedCheck(credits.cache, { customerId, featureId, requiredBalance });
        expect(cached.value?.source, `${featureId} ${requiredBalance}`).toBe("cache");
        expect(comparable(cached)).toEqual(comparable(await balancesCheck(credits.core, { customerId, featureId, requiredBalance })));
      }
      expect(requestsTo(credits.sandbox, "customers.get", from)).toBe(0);
      expect(cacheStats(credits.cache).loads).toBe(1);
    } finally {
      await credits.close();
    }
  });
});

describe("usage recorded elsewhere", () => {
  it("shows at once when its answer is applied with applyTrackAnswer", async () => {
    const customerId = await h.newCustomer();
    const cache = createEntitlementCache(h.core, { now: () => h.sandbox.now() });
    await cachedCheck(cache, { customerId, featureId: "messages" });
    const tracked = await balancesTrack(h.core, { customerId, featureId: "messages", value: 4 });
    expect((await applyTrackAnswer(cache, tracked.value!)).value).toEqual({ applied: true });
    expect((await cachedCheck(cache, { customerId, featureId: "messages", requiredBalance: 2 })).value).toMatchObject({ source: "cache", allowed: false, balance: { remaining: 1 } });
    expect(cacheStats(cache).loads).toBe(1);
    // The caller's answer is still the caller's to change.
    tracked.value!.balance!.remaining = 99;
  });

  it("makes the next check load again when Autumn queued it, and changes nothing when the SDK made the answer up", async () => {
    const customerId = await h.newCustomer();
    const cache = createEntitlementCache(h.core, { now: () => h.sandbox.now() });
    await cachedCheck(cache, { customerId, featureId: "messages" });
    await applyTrackAnswer(cache, { customerId, value: 1, balance: null, failedOpen: true } as never);
    await cachedCheck(cache, { customerId, featureId: "messages" });
    expect(cacheStats(cache).loads).toBe(1);
    const queued = await balancesTrack(h.core, { customerId, featureId: "messages", value: 2, async: true });
    expect(queued.value).toMatchObject({ balance: null });
    await applyTrackAnswer(cache, queued.value!);
    expect((await cachedCheck(cache, { customerId, featureId: "messages" })).value).toMatchObject({ balance: { remaining: 3 } });
    expect(cacheStats(cache).loads).toBe(2);
  });
});

describe("answers from memory", () => {
  it("are frozen: they share the cache's objects", async () => {
    const customerId = await h.newCustomer();
    const answer = await cachedCheck(h.cache, { customerId, featureId: "messages" });
    expect(() => {
      answer.value!.balance!.remaining = 1_000;
    }).toThrow(TypeError);
    expect((await cachedCheck(h.cache, { customerId, featureId: "messages" })).value!.balance!.remaining).toBe(5);
  });
});

describe("entities", () => {
  it("answers an entity's check from its own snapshot and its customer's, as balancesCheck does", async () => {
    const customerId = await h.newCustomer();
    await billingAttach(h.core, { customerId, planId: "team" });
    await entitiesCreate(h.core, { customerId, entityId: "ada", featureId: "seats" });
    await billingAttach(h.core, { customerId, planId: "seat", entityId: "ada" });
    const cache = createEntitlementCache(h.core, { now: () => h.sandbox.now() });
    const from = h.sandbox.requests.length;
    const cached = await cachedCheck(cache, { customerId, entityId: "ada", featureId: "messages", requiredBalance: 55 });
    expect(cached.value).toMatchObject({ source: "cache", allowed: true });
    expect(requestsTo(h.sandbox, "customers.get", from) + requestsTo(h.sandbox, "entities.get", from)).toBe(2);
    expect(comparable(cached)).toEqual(comparable(await balancesCheck(h.core, { customerId, entityId: "ada", featureId: "messages", requiredBalance: 55 })));
    await cachedTrack(cache, { customerId, entityId: "ada", featureId: "messages", value: 8 });
    const after = await cachedCheck(cache, { customerId, entityId: "ada", featureId: "messages", requiredBalance: 53 });
    expect(comparable(after)).toEqual(comparable(await balancesCheck(h.core, { customerId, entityId: "ada", featureId: "messages", requiredBalance: 53 })));
    expect(after.value).toMatchObject({ source: "cache", allowed: false });
  });
});

describe("with a customer's token", () => {
  it("answers the token's customer from memory, and records usage through the cache", async () => {
    const customerId = await h.newCustomer();
    const minted = await keysMint(h.core, { customerId });
    if (!minted.ok) throw minted.error;
    const browser = new CustomerCore({ tokens: minted.value, serverURL: h.sandbox.url });
    const cache = createEntitlementCache(browser, { now: () => h.sandbox.now() });
    expect((await cachedCheck(cache, { featureId: "messages" })).value).toMatchObject({ customerId, allowed: true, source: "cache" });
    await cachedTrack(cache, { featureId: "messages", value: 5 });
    const from = h.sandbox.requests.length;
    expect((await cachedCheck(cache, { featureId: "messages" })).value).toMatchObject({ customerId, allowed: false, source: "cache" });
    expect(h.sandbox.requests.length - from).toBe(0);
    const other = await cachedCheck(cache, { customerId: "someone_else", featureId: "messages" } as never);
    expect(other.error).toMatchObject({ name: "RequestValidationError", field: "customerId" });
  });
});
