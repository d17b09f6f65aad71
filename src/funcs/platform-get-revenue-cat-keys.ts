import { platformGetRevenuecatKeys } from "./platform-get-revenuecat-keys.js";

/** `platformGetRevenueCatKeys` is {@link platformGetRevenuecatKeys} under the name Autumn's current SDK gives it: the same function, params and answer. */
export const platformGetRevenueCatKeys: typeof platformGetRevenuecatKeys = platformGetRevenuecatKeys;
