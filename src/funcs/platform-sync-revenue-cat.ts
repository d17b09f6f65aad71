import { platformSyncRevenuecat } from "./platform-sync-revenuecat.js";

/** `platformSyncRevenueCat` is {@link platformSyncRevenuecat} under the name Autumn's current SDK gives it: the same function, params and answer. */
export const platformSyncRevenueCat: typeof platformSyncRevenuecat = platformSyncRevenuecat;
