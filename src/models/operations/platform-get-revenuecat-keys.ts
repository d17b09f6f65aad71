import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { revenuecatTarget } from "../platform-params.js";

/** Params of `platform.getRevenuecatKeys`. */
export const PlatformGetRevenuecatKeysParamsSchema = /* @__PURE__ */ outbound(revenuecatTarget);
/** Params of `platform.getRevenuecatKeys`. */
export type PlatformGetRevenuecatKeysParams = CatalogParams<v.InferInput<typeof PlatformGetRevenuecatKeysParamsSchema>>;

/** The answer to `platform.getRevenuecatKeys`: the public SDK keys of each app, and an OAuth access token. */
export const PlatformGetRevenuecatKeysResponseSchema = /* @__PURE__ */ inbound({
  /** The apps of the linked RevenueCat project. */
  apps: v.array(
    inbound({
      /** The RevenueCat app. */
      appId: v.string(),
      /** The app's store (`test_store`, `app_store`, `play_store`). */
      appType: v.string(),
      /** The app's name. */
      name: v.string(),
      /** The app's public keys, for the RevenueCat SDK in the mobile app. */
      apiKeys: v.array(
        inbound({
          /** The key's id. */
          id: v.string(),
          /** The public key. */
          key: v.string(),
          /** The key's environment (`production`, `sandbox`). */
          environment: v.optional(v.nullable(v.string())),
          /** The app the key belongs to. */
          appId: v.optional(v.nullable(v.string())),
          /** Epoch ms of the key's creation. */
          createdAt: v.optional(v.number()),
        }),
      ),
    }),
  ),
  /** A freshly refreshed RevenueCat OAuth access token for the organisation; null for one linked with an API key. A secret: never log it. */
  oauthAccessToken: v.nullable(v.string()),
});
/** The answer to `platform.getRevenuecatKeys`. */
export type PlatformGetRevenuecatKeysResponse = CatalogAnswer<v.InferOutput<typeof PlatformGetRevenuecatKeysResponseSchema>>;
