// Chromium: the entitlement cache over a CustomerCore, bundled into the page; posts its verdict back.
import { CustomerCore } from "@useautumn/sdk/customer-core.js";
import { cachedCheck, cachedTrack, cacheStats, createEntitlementCache } from "@useautumn/sdk/entitlements";
import { runTokenCacheChecks } from "./cache-checks.mjs";

const params = new URLSearchParams(location.search);
const report = (result) => fetch("/verdict", { method: "POST", body: JSON.stringify(result) });
addEventListener("error", (event) => report({ ok: false, detail: `uncaught: ${event.message}` }));
runTokenCacheChecks({ CustomerCore, cachedCheck, cachedTrack, cacheStats, createEntitlementCache }, params.get("api"), JSON.parse(params.get("tokens"))).then(report);
