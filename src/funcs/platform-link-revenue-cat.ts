import { platformLinkRevenuecat } from "./platform-link-revenuecat.js";

/** `platformLinkRevenueCat` is {@link platformLinkRevenuecat} under the name Autumn's current SDK gives it: the same function, params and answer. */
export const platformLinkRevenueCat: typeof platformLinkRevenuecat = platformLinkRevenuecat;
