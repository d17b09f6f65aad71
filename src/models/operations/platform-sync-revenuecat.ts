import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, openEnum, outbound, withEntries } from "../../lib/wire.js";
import { CatalogIdSchema } from "../billing-params.js";
import { revenuecatTarget } from "../platform-params.js";

/** Params of `platform.syncRevenuecat`. */
export const PlatformSyncRevenuecatParamsSchema = /* @__PURE__ */ outbound(
  withEntries(revenuecatTarget, {
    /** The plans to push; every plan of the organisation and environment when left out. */
    productIds: v.optional(v.array(CatalogIdSchema)),
  }),
);
/** Params of `platform.syncRevenuecat`. */
export type PlatformSyncRevenuecatParams = CatalogParams<v.InferInput<typeof PlatformSyncRevenuecatParamsSchema>>;

/** The answer to `platform.syncRevenuecat`: what happened to each plan. */
export const PlatformSyncRevenuecatResponseSchema = /* @__PURE__ */ inbound({
  /** One result per plan. */
  results: v.array(
    inbound({
      /** The plan pushed. */
      planId: v.string(),
      /** Whether it was pushed, left alone, or failed. */
      status: openEnum(["synced", "skipped", "error"]),
      /** The product identifier in the stores. */
      storeIdentifier: v.optional(v.string()),
      /** What happened in each app of the RevenueCat project. */
      apps: v.optional(
        v.array(
          inbound({
            /** The RevenueCat app. */
            appId: v.string(),
            /** The app's store (`test_store`, `app_store`, `play_store`). */
            appType: v.string(),
            /** What happened to the product. */
            product: openEnum(["created", "updated", "exists"]),
            /** Whether the product was pushed to the store. */
            storePush: v.optional(openEnum(["pushed", "failed", "skipped"])),
            /** Whether the price was set. */
            price: v.optional(openEnum(["set", "skipped", "failed"])),
            /** Why something failed or was skipped. */
            message: v.optional(v.string()),
          }),
        ),
      ),
      /** Why the plan failed or was skipped. */
      message: v.optional(v.string()),
    }),
  ),
});
/** The answer to `platform.syncRevenuecat`. */
export type PlatformSyncRevenuecatResponse = CatalogAnswer<v.InferOutput<typeof PlatformSyncRevenuecatResponseSchema>>;
