import { describe, expect, it } from "vitest";
import { applyTrackAnswer, cachedCheck, cacheStats, createEntitlementCache, invalidateCustomer } from "../../src/entitlements/index.js";
import { balancesCheck } from "../../src/funcs/balances-check.js";
import { createUsageQueue } from "../../src/usage-queue/index.js";
import { realPause } from "../clock.js";
import { comparable, requestsTo, useHarness } from "./helpers.js";

/**
 * The usage queue's deliveries kept in the cache, wired as docs/entitlement-cache.md shows it: each
 * answer Autumn gives a delivery is applied, so the next check sees the usage without a load; a
 * delivery settled by an earlier attempt's answer (no answer here) makes the next check load again.
 */
const h = useHarness();

describe("the usage queue wired to the cache", () => {
  it("a delivered event updates the cached balance: the next check answers from memory as Autumn would", async () => {
    const customerId = await h.newCustomer();
    const cache = createEntitlementCache(h.core, { now: () => h.sandbox.now() });
    const usage = createUsageQueue(h.core, {
      flushIntervalMs: 0,
      onDelivered: (event, answer) => void (answer ? applyTrackAnswer(cache, answer) : invalidateCustomer(cache, event.params.customerId)),
    });
    try {
      expect((await cachedCheck(cache, { customerId, featureId: "messages" })).value?.source).toBe("cache");
      for (let i = 0; i < 3; i++) expect(usage.add({ customerId, featureId: "messages" }).ok).toBe(true);
      await usage.flush();
      expect((await usage.stats()).value).toMatchObject({ pending: 0, delivered: 3 });

      const from = h.sandbox.requests.length;
      const cached = await cachedCheck(cache, { customerId, featureId: "messages", requiredBalance: 2 });
      expect(cached.value).toMatchObject({ source: "cache", balance: { remaining: 2 } });
      expect(requestsTo(h.sandbox, "customers.get", from)).toBe(0);
      expect(cacheStats(cache).loads).toBe(1);
      expect(comparable(cached)).toEqual(comparable(await balancesCheck(h.core, { customerId, featureId: "messages", requiredBalance: 2 })));
    } finally {
      await usage.close({ deadlineMs: 1_000 });
    }
  });

  it("a delivery an earlier attempt settled (409) makes the next check load the customer again", async () => {
    const customerId = await h.newCustomer();
    const cache = createEntitlementCache(h.core, { now: () => h.sandbox.now() });
    const usage = createUsageQueue(h.core, {
      flushIntervalMs: 0,
      // The sandbox finishes an attempt before it cuts the connection: its 409 can be believed at once.
      confirmDuplicateAfterMs: 0,
      // Date stands still in these tests (stillClock); the queue's backoff needs time that moves.
      now: () => performance.timeOrigin + performance.now(),
      retry: { initialDelayMs: 1, maxDelayMs: 5 },
      onDelivered: (event, answer) => void (answer ? applyTrackAnswer(cache, answer) : invalidateCustomer(cache, event.params.customerId)),
    });
    try {
      await cachedCheck(cache, { customerId, featureId: "messages" });
      // The cut connection comes after Autumn applied the event: the resend under the same key gets 409.
      h.sandbox.fail({ kind: "reset", afterApplying: true }, { route: "balances.track" });
      expect(usage.add({ customerId, featureId: "messages", value: 2 }).ok).toBe(true);
      while ((await usage.flush()).pending > 0) await realPause(5);
      expect((await usage.stats()).value).toMatchObject({ pending: 0, delivered: 1 });

      const cached = await cachedCheck(cache, { customerId, featureId: "messages" });
      expect(cacheStats(cache).loads).toBe(2);
      expect(cached.value).toMatchObject({ balance: { remaining: 3 } });
    } finally {
      await usage.close({ deadlineMs: 1_000 });
    }
  });
});
