// The entitlement cache's checks, shared by the Worker and the Chromium probes. Each returns { ok, detail }.

const expect = (ok, message) => {
  if (!ok) throw new Error(message);
};

/**
 * With a secret key (a Worker): two caches, as two isolates would hold them, sharing an async key-value
 * store shaped like Workers KV. The first loads the customer and answers from memory; the second answers
 * from what the first stored, without loading; usage recorded through the first shows in the second.
 */
export async function runServerCacheChecks({ AutumnCore, cachedCheck, cachedTrack, cacheStats, createEntitlementCache, keyValueStore }, serverURL, secretKey, customerId) {
  try {
    const kv = new Map();
    // Every operation waits a turn, as a real KV's would.
    const shared = keyValueStore({
      get: async (key) => (await null, kv.get(key) ?? null),
      set: async (key, value) => {
        await null;
        kv.set(key, value);
      },
    });
    const core = new AutumnCore({ secretKey, serverURL, retryConfig: { limit: 0 } });
    const [first, second] = [createEntitlementCache(core, { shared, localMaxAgeMs: 0 }), createEntitlementCache(core, { shared, localMaxAgeMs: 0 })];
    const params = { customerId, featureId: "messages" };
    const loaded = await cachedCheck(first, params);
    expect(loaded.ok && loaded.value.allowed && loaded.value.source === "cache", `first check: ${JSON.stringify(loaded.value ?? loaded.error)}`);
    const again = await cachedCheck(first, params);
    expect(again.ok && again.value.source === "cache", `second check: ${JSON.stringify(again.value ?? again.error)}`);
    const shared1 = await cachedCheck(second, params);
    expect(shared1.ok && shared1.value.source === "cache" && cacheStats(second).loads === 0, `the other isolate loaded: ${JSON.stringify(cacheStats(second))}`);
    const tracked = await cachedTrack(first, { ...params, value: 2 });
    expect(tracked.ok, `track: ${JSON.stringify(tracked.error)}`);
    const after = await cachedCheck(second, { ...params, requiredBalance: 4 });
    expect(after.ok && after.value.source === "cache" && !after.value.allowed && after.value.balance?.remaining === 3, `after usage: ${JSON.stringify(after.value ?? after.error)}`);
    expect(cacheStats(first).loads === 1 && cacheStats(second).loads === 0 && kv.size >= 2, `loads ${cacheStats(first).loads}/${cacheStats(second).loads}, keys ${kv.size}`);
    return { ok: true, detail: "cached checks through an async KV store shared by two caches: 1 load" };
  } catch (error) {
    return { ok: false, detail: `entitlement cache: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** With a customer's token (a browser page): the token's customer loaded once, then checks and usage from memory. */
export async function runTokenCacheChecks({ CustomerCore, cachedCheck, cachedTrack, cacheStats, createEntitlementCache }, serverURL, tokens) {
  try {
    const customer = new CustomerCore({ tokens, serverURL, retryConfig: { limit: 0 } });
    const cache = createEntitlementCache(customer);
    const first = await cachedCheck(cache, { featureId: "messages" });
    expect(first.ok && first.value.allowed && first.value.source === "cache", `first check: ${JSON.stringify(first.value ?? first.error)}`);
    const tracked = await cachedTrack(cache, { featureId: "messages", value: 5 });
    expect(tracked.ok, `track: ${JSON.stringify(tracked.error)}`);
    const after = await cachedCheck(cache, { featureId: "messages" });
    expect(after.ok && !after.value.allowed && after.value.source === "cache", `after usage: ${JSON.stringify(after.value ?? after.error)}`);
    expect(cacheStats(cache).loads === 1, `loads ${cacheStats(cache).loads}`);
    return { ok: true, detail: `the token's customer ${first.value.customerId} loaded once; checks and usage from memory` };
  } catch (error) {
    return { ok: false, detail: `entitlement cache: ${error instanceof Error ? error.message : String(error)}` };
  }
}
