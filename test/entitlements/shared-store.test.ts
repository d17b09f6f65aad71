import { describe, expect, it } from "vitest";
import { AutumnCore } from "../../src/core.js";
import {
  applyWebhookEvent,
  cachedCheck,
  cachedTrack,
  cacheStats,
  createEntitlementCache,
  type EntitlementStoreError,
  invalidateCustomer,
  type KeyValueStore,
  keyValueStore,
  type SharedStore,
} from "../../src/entitlements/index.js";
import { parseSnapshotText, snapshotText } from "../../src/entitlements/snapshot-text.js";
import { balancesCheck } from "../../src/funcs/balances-check.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import type { WebhookEvent } from "../../src/models/webhook-events.js";
import { realPause } from "../clock.js";
import { comparable, requestsTo, useHarness } from "./helpers.js";


/**
 * Several instances sharing snapshots through a store (here `keyValueStore`
 * over a Map, with the async interface of Workers KV), and what the cache
 * does when the store fails or answers garbage: it goes to Autumn, says so,
 * and never answers from something it could not read as a snapshot.
 */
const h = useHarness();


/** An async key-value store in memory, as Workers KV looks from a Worker. */
function mapStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: async (key) => data.get(key) ?? null,
    set: async (key, value) => {
      data.set(key, value);
    },
  };
}

/** A cache of another instance: its own process memory, the same shared store. */
function instance(shared: SharedStore, options: { localMaxAgeMs?: number; onStoreError?: (error: EntitlementStoreError) => void } = {}) {
  return createEntitlementCache(h.core, { now: () => h.sandbox.now(), shared, ...options });
}

describe("instances sharing a store", () => {
  it("load a customer once between them", async () => {
    const customerId = await h.newCustomer();
    const shared = keyValueStore(mapStore());
    const [a, b] = [instance(shared), instance(shared)];
    const from = h.sandbox.requests.length;
    await cachedCheck(a, { customerId, featureId: "messages" });
    const fromB = await cachedCheck(b, { customerId, featureId: "messages" });
    expect(fromB.value).toMatchObject({ source: "cache", allowed: true });
    expect(requestsTo(h.sandbox, "customers.get", from)).toBe(1);
    expect(cacheStats(b).loads).toBe(0);
  });

  it("see an invalidation made by another within localMaxAgeMs, and usage recorded by another without asking Autumn", async () => {
    const customerId = await h.newCustomer();
    const shared = keyValueStore(mapStore());
    const [a, b] = [instance(shared), instance(shared)];
    await cachedCheck(a, { customerId, featureId: "messages" });
    await cachedCheck(b, { customerId, featureId: "messages" });
    await cachedTrack(a, { customerId, featureId: "messages", value: 2 });
    // Within localMaxAgeMs, b answers from what it holds.
    expect((await cachedCheck(b, { customerId, featureId: "messages" })).value).toMatchObject({ balance: { remaining: 5 } });
    h.sandbox.advanceClock(1_000);
    const from = h.sandbox.requests.length;
    expect((await cachedCheck(b, { customerId, featureId: "messages" })).value).toMatchObject({ source: "cache", balance: { remaining: 3 } });
    expect(h.sandbox.requests.length - from).toBe(0);

    // A change the cache cannot see, then an invalidation by a: b asks Autumn once its local copy is 1 s old.
    await balancesTrack(h.core, { customerId, featureId: "messages", value: 3 });
    await invalidateCustomer(a, customerId);
    expect((await cachedCheck(b, { customerId, featureId: "messages" })).value).toMatchObject({ balance: { remaining: 3 } });
    h.sandbox.advanceClock(1_000);
    const fresh = await cachedCheck(b, { customerId, featureId: "messages" });
    expect(fresh.value).toMatchObject({ source: "cache", allowed: false, balance: { remaining: 0 } });
    expect(requestsTo(h.sandbox, "customers.get", from)).toBe(1);
  });

  it("never keep a snapshot loaded before an invalidation, wherever it was made", async () => {
    const customerId = await h.newCustomer();
    const shared = keyValueStore(mapStore());
    // An instance whose fetch holds Autumn's answer to customers.get until the test lets it go.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = new AutumnCore({
      secretKey: h.sandbox.secretKey,
      serverURL: h.sandbox.url,
      retryConfig: { limit: 0 },
      fetch: async (input, init) => {
        const answer = await fetch(input, init);
        if ((input instanceof Request ? input.url : String(input)).endsWith("/customers.get")) await held;
        return answer;
      },
    });
    const a = createEntitlementCache(slow, { now: () => h.sandbox.now(), shared });
    const b = instance(shared);
    const from = h.sandbox.requests.length;
    const pending = cachedCheck(a, { customerId, featureId: "messages" });
    while (requestsTo(h.sandbox, "customers.get", from) === 0) await realPause(2);
    // Autumn answered a; then the customer changes and b invalidates, before a's answer lands.
    await balancesTrack(h.core, { customerId, featureId: "messages", value: 5 });
    await invalidateCustomer(b, customerId);
    release();
    expect((await pending).value).toMatchObject({ allowed: true, balance: { remaining: 5 } });
    // a's write was for the generation before: no instance reads it.
    const c = instance(shared);
    expect((await cachedCheck(c, { customerId, featureId: "messages" })).value).toMatchObject({ allowed: false, balance: { remaining: 0 } });
    h.sandbox.advanceClock(1_000);
    expect((await cachedCheck(a, { customerId, featureId: "messages" })).value).toMatchObject({ allowed: false, balance: { remaining: 0 } });
  });

  it("never keep a snapshot this instance loaded before its own invalidation", async () => {
    const customerId = await h.newCustomer();
    const cache = createEntitlementCache(h.core, { now: () => h.sandbox.now() });
    const pending = cachedCheck(cache, { customerId, featureId: "messages" });
    await invalidateCustomer(cache, customerId);
    await pending;
    expect(cacheStats(cache).customers).toBe(0);
  });
});

describe("keyValueStore", () => {
  it("reads with two gets, invalidates with one set, and keys by customer, generation and subject", async () => {
    const customerId = await h.newCustomer();
    const store = mapStore();
    const calls: string[] = [];
    const counted: KeyValueStore = {
      get: (key) => (calls.push(`get ${key}`), store.get(key)),
      set: (key, value, ttlMs) => (calls.push(`set ${key}`), store.set(key, value, ttlMs)),
    };
    const cache = instance(keyValueStore(counted, { prefix: "app:" }));
    await cachedCheck(cache, { customerId, featureId: "messages" });
    expect(calls).toEqual([`get app:g/${customerId}`, `get app:s/${customerId}//`, `set app:s/${customerId}//`]);
    calls.length = 0;
    await invalidateCustomer(cache, customerId);
    expect(calls).toEqual([expect.stringMatching(new RegExp(`^set app:g/${customerId}$`))]);
  });
});

describe("a store that fails", () => {
  const throwing: SharedStore = {
    read: async () => {
      throw new Error("connection lost");
    },
    write: async () => {
      throw new Error("connection lost");
    },
    replace: async () => {
      throw new Error("connection lost");
    },
  };

  it("leaves checks to Autumn's loads, with the right answers, and reports each failure", async () => {
    const customerId = await h.newCustomer();
    const reported: EntitlementStoreError[] = [];
    const cache = instance(throwing, { onStoreError: (error) => reported.push(error) });
    const cached = await cachedCheck(cache, { customerId, featureId: "messages" });
    expect(comparable(cached)).toEqual(comparable(await balancesCheck(h.core, { customerId, featureId: "messages" })));
    expect(reported.map((error) => [error.name, error.operation, error.reason, error.customerId])).toEqual([["EntitlementStoreError", "read", "failed", customerId]]);
    expect(reported[0]!.cause).toBeInstanceOf(Error);
    expect(cacheStats(cache).storeErrors).toBe(1);
  });

  it("still answers from a copy within maxAgeMs when Autumn is down too", async () => {
    const customerId = await h.newCustomer();
    const cache = instance(throwing);
    await cachedCheck(cache, { customerId, featureId: "messages" });
    h.sandbox.advanceClock(1_000);
    h.sandbox.fail({ kind: "status", status: 503 }, { times: 5 });
    try {
      expect((await cachedCheck(cache, { customerId, featureId: "messages" })).value).toMatchObject({ source: "cache", allowed: true, ageMs: 1_000 });
    } finally {
      h.sandbox.clearFaults();
    }
  });

  it("makes an invalidation and a webhook fail, so the caller can answer Autumn with an error and get it again", async () => {
    const customerId = await h.newCustomer();
    const cache = instance(throwing);
    expect((await invalidateCustomer(cache, customerId)).error).toMatchObject({ name: "EntitlementStoreError", operation: "replace" });
    const event = { type: "billing.updated", known: true, deliveryId: "msg_1", signedAt: Date.now(), data: { customerId, planChanges: [], tags: [] } } as WebhookEvent;
    expect((await applyWebhookEvent(cache, event)).error).toMatchObject({ name: "EntitlementStoreError" });
    // Not counted as applied: the redelivery is applied.
    expect((await applyWebhookEvent(instance(keyValueStore(mapStore())), event)).value).toMatchObject({ action: "dropped" });
  });

  it("gives up on a store that does not answer within storeTimeoutMs", async () => {
    const customerId = await h.newCustomer();
    const hanging: SharedStore = { read: () => new Promise(() => {}), write: () => new Promise(() => {}), replace: () => new Promise(() => {}) };
    const reported: EntitlementStoreError[] = [];
    const cache = createEntitlementCache(h.core, { now: () => h.sandbox.now(), shared: hanging, storeTimeoutMs: 20, onStoreError: (error) => reported.push(error) });
    expect((await cachedCheck(cache, { customerId, featureId: "messages" })).value).toMatchObject({ allowed: true, source: "cache" });
    expect(reported.map((error) => error.operation)).toEqual(["read"]);
    expect(String((reported[0]!.cause as Error).message)).toMatch(/did not answer within 20 ms/);
  });

  it("gives up on a store that does not answer within 250 ms by default", async () => {
    const customerId = await h.newCustomer();
    const hanging: SharedStore = { read: () => new Promise(() => {}), write: () => new Promise(() => {}), replace: () => new Promise(() => {}) };
    const reported: EntitlementStoreError[] = [];
    const cache = createEntitlementCache(h.core, { now: () => h.sandbox.now(), shared: hanging, onStoreError: (error) => reported.push(error) });
    expect((await cachedCheck(cache, { customerId, featureId: "messages" })).value).toMatchObject({ allowed: true });
    expect(String((reported[0]!.cause as Error).message)).toMatch(/within 250 ms/);
  });

  it("keeps working when the hook itself throws", async () => {
    const customerId = await h.newCustomer();
    const cache = instance(throwing, {
      onStoreError: () => {
        throw new Error("hook bug");
      },
    });
    expect((await cachedCheck(cache, { customerId, featureId: "messages" })).value).toMatchObject({ allowed: true });
  });
});

describe("a store that answers garbage", () => {
  it.each([
    ["not a snapshot", () => "hello"],
    ["JSON without the mark", (text: string) => text.slice(1)],
    ["a truncated snapshot", (text: string) => text.slice(0, text.length / 2)],
    ["another version", (text: string) => text.replace('"v":1', '"v":2')],
    ["a balance of the wrong type", (text: string) => text.replace('"remaining":5', '"remaining":"lots"')],
    ["another customer's snapshot", (text: string) => text.replace(/"customerId":"[^"]+"/, '"customerId":"someone_else"')],
    ["a number", () => 42],
  ])("reads %s as a miss, reports it, and answers from Autumn", async (_name, spoil) => {
    const customerId = await h.newCustomer();
    const cleanStore = mapStore();
    await cachedCheck(instance(keyValueStore(cleanStore)), { customerId, featureId: "messages" });
    const [key, text] = [...cleanStore.data].find(([, value]) => value.startsWith("~"))!;
    // The stored snapshot claims more than the customer has: a garbage read must not make it an answer.
    const generous = text.replace('"remaining":5', '"remaining":5000').replace('"granted":5', '"granted":5000');
    const spoiled = spoil(generous);
    const store = { get: async (asked: string) => (asked === key ? spoiled : cleanStore.data.get(asked) ?? null), set: async () => {} } as unknown as KeyValueStore;
    const reported: EntitlementStoreError[] = [];
    const cache = instance(keyValueStore(store), { onStoreError: (error) => reported.push(error) });
    const answer = await cachedCheck(cache, { customerId, featureId: "messages", requiredBalance: 6 });
    expect(answer.value).toMatchObject({ allowed: false, balance: { remaining: 5 } });
    expect(reported.map((error) => error.reason)).toEqual(["garbage"]);
  });

  it("takes a well-formed snapshot back as it was written", async () => {
    const customerId = await h.newCustomer();
    const store = mapStore();
    const cache = instance(keyValueStore(store));
    await cachedCheck(cache, { customerId, featureId: "messages" });
    const text = [...store.data.values()].find((value) => value.startsWith("~"))!;
    const snapshot = parseSnapshotText(text, customerId, undefined)!;
    expect(snapshot).toMatchObject({ customerId, entityId: undefined });
    expect(snapshotText(snapshot)).toBe(text);
    expect(parseSnapshotText(text, customerId, "an_entity")).toBeUndefined();
  });
});
