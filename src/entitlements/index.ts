// `@useautumn/sdk/entitlements`: checks answered from memory, kept current by usage and webhooks. Opt-in:
// nothing else in the SDK imports it. The Redis store is its own entry, `@useautumn/sdk/entitlements/redis`.
export { type CacheStats, cacheStats, createEntitlementCache, type EntitlementCache } from "./cache.js";
export { type CachedCheckResult, cachedCheck, type CheckOrigin, type CheckSource } from "./check.js";
export { invalidateCustomer } from "./invalidate.js";
export type { UsageAnswer } from "./learn.js";
export type { EntitlementCacheOptions } from "./options.js";
export { type KeyValueStore, keyValueStore, type SharedStore } from "./shared-store.js";
export { EntitlementStoreError, type StoreOperation } from "./store-error.js";
export { applyTrackAnswer, cachedTrack } from "./track.js";
export { applyWebhookEvent, type WebhookApplied } from "./webhooks.js";
export type { Result } from "../lib/result.js";
