// workerd: the entitlement cache in a module Worker, over an async KV-like store; the runner requests `/`.
import { AutumnCore } from "@useautumn/sdk/core.js";
import { cachedCheck, cachedTrack, cacheStats, createEntitlementCache, keyValueStore } from "@useautumn/sdk/entitlements";
import { runServerCacheChecks } from "./cache-checks.mjs";

export default {
  async fetch(_request, env) {
    const sdk = { AutumnCore, cachedCheck, cachedTrack, cacheStats, createEntitlementCache, keyValueStore };
    return Response.json(await runServerCacheChecks(sdk, env.AUTUMN_SERVER_URL, env.SECRET_KEY, env.CUSTOMER_ID));
  },
};
