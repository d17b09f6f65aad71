import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";

/** Params of `features.delete`. */
export const FeaturesDeleteParamsSchema = /* @__PURE__ */ outbound({
  /** The feature to delete. */
  featureId: v.string(),
});
/** Params of `features.delete`. */
export type FeaturesDeleteParams = CatalogParams<v.InferInput<typeof FeaturesDeleteParamsSchema>>;

/** The answer to `features.delete`. */
export const FeaturesDeleteResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `features.delete`. */
export type FeaturesDeleteResponse = CatalogAnswer<v.InferOutput<typeof FeaturesDeleteResponseSchema>>;

/** @deprecated Use FeaturesDeleteParams. */
export type DeleteFeatureParams = FeaturesDeleteParams;
/** @deprecated Use FeaturesDeleteParamsSchema. */
export const DeleteFeatureParamsSchema: typeof FeaturesDeleteParamsSchema = FeaturesDeleteParamsSchema;
/** @deprecated Use FeaturesDeleteResponse. */
export type DeleteFeatureResponse = FeaturesDeleteResponse;
/** @deprecated Use FeaturesDeleteResponseSchema. */
export const DeleteFeatureResponseSchema: typeof FeaturesDeleteResponseSchema = FeaturesDeleteResponseSchema;
