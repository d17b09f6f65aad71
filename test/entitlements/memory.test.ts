import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { AutumnCore } from "../../src/core.js";
import { cachedCheck, cacheStats, createEntitlementCache } from "../../src/entitlements/index.js";
import { realPause } from "../clock.js";
import { fixture } from "../helpers.js";

/**
 * The cache under 100,000 distinct customers: it keeps no more than its
 * bounds, and the process's memory shows it. Autumn is a `fetch` that
 * answers `customers.get` with a real customer's wire JSON under the id
 * asked for (the network is all that is replaced).
 */
const CUSTOMERS = 100_000;
/** A time within the fixture customer's billing period. */
const now = () => 1_772_000_000_000;

function autumn(): AutumnCore {
  // As asked with expand: ["balances.feature", …].
  const customer = fixture("customer");
  const balances = customer["balances"] as Record<string, Record<string, unknown>>;
  for (const [id, balance] of Object.entries(balances)) balance["feature"] = { id, name: id, type: "metered", consumable: true, archived: false };
  return new AutumnCore({
    secretKey: "am_sk_test_memory",
    serverURL: "https://api.autumn.test",
    retryConfig: { limit: 0 },
    // A short budget: each call's timer (and what it holds) is gone soon after the loop.
    timeoutMs: 2_000,
    fetch: async (input) => {
      const request = input as Request;
      const { customer_id: id } = (await request.json()) as { customer_id: string };
      return new Response(JSON.stringify({ ...customer, id }), { status: 200, headers: { "content-type": "application/json" } });
    },
  });
}

/** The heap once every call's timer has run out and what fetch left behind is finalised (which takes turns of the event loop). */
async function settledHeap(): Promise<number> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  await realPause(2_100);
  for (let round = 0; round < 5; round++) {
    gc();
    await realPause(100);
  }
  return process.memoryUsage().heapUsed;
}

describe("memory", () => {
  it("stays within maxCustomers and maxBytes under 100,000 distinct customers", { timeout: 600_000 }, async () => {
    const cache = createEntitlementCache(autumn(), { maxCustomers: 1_000, maxBytes: 400_000, now });
    const before = await settledHeap();
    let most = 0;
    for (let i = 0; i < CUSTOMERS; i += 100) {
      const batch = Array.from({ length: 100 }, (_, j) => cachedCheck(cache, { customerId: `user_${i + j}`, featureId: "messages" }));
      for (const answer of await Promise.all(batch)) if (!answer.ok || answer.value.source !== "cache") throw new Error(JSON.stringify(answer.error));
      const { customers, bytes } = cacheStats(cache);
      expect(bytes).toBeLessThanOrEqual(400_000);
      most = Math.max(most, customers);
    }
    const grown = (await settledHeap()) - before;
    expect(cacheStats(cache).loads).toBe(CUSTOMERS);
    // The byte bound binds first: the fixture customer is about 1,000 characters of snapshot.
    expect(most).toBeLessThanOrEqual(1_000);
    expect(most).toBeGreaterThan(100);
    // 100,000 snapshots would take well over 100 MB; the bounded cache keeps a few megabytes.
    expect(grown).toBeLessThan(20_000_000);
  });

  it("keeps the most recently used customers", async () => {
    const cache = createEntitlementCache(autumn(), { maxCustomers: 3, now });
    for (const id of ["a", "b", "c"]) await cachedCheck(cache, { customerId: id, featureId: "messages" });
    await cachedCheck(cache, { customerId: "a", featureId: "messages" });
    await cachedCheck(cache, { customerId: "d", featureId: "messages" });
    expect(cacheStats(cache)).toMatchObject({ customers: 3, loads: 4 });
    await cachedCheck(cache, { customerId: "a", featureId: "messages" });
    expect(cacheStats(cache).loads).toBe(4);
    await cachedCheck(cache, { customerId: "b", featureId: "messages" });
    expect(cacheStats(cache).loads).toBe(5);
  });
});
