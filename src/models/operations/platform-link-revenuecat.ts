import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound, withEntries } from "../../lib/wire.js";
import { revenuecatTarget } from "../platform-params.js";
import { NonEmptyParamSchema } from "../params.js";

/** Params of `platform.linkRevenuecat`. */
export const PlatformLinkRevenuecatParamsSchema = /* @__PURE__ */ outbound(
  withEntries(revenuecatTarget, {
    /** The environment to link; linking takes `test` or `live`. */
    env: v.picklist(["test", "live"]),
    /** The RevenueCat project to link, 1 to 255 characters. */
    projectName: v.pipe(NonEmptyParamSchema, v.maxLength(255, "at most 255 characters")),
    /** Where RevenueCat sends the user back after the consent screen. */
    redirectUrl: v.pipe(v.string(), v.url("must be a URL")),
  }),
);
/** Params of `platform.linkRevenuecat`. */
export type PlatformLinkRevenuecatParams = CatalogParams<v.InferInput<typeof PlatformLinkRevenuecatParamsSchema>>;

/** The answer to `platform.linkRevenuecat`. */
export const PlatformLinkRevenuecatResponseSchema = /* @__PURE__ */ inbound({
  /** The RevenueCat consent page to send the user to. */
  oauthUrl: v.string(),
});
/** The answer to `platform.linkRevenuecat`. */
export type PlatformLinkRevenuecatResponse = CatalogAnswer<v.InferOutput<typeof PlatformLinkRevenuecatResponseSchema>>;
