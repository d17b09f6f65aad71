import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";

/** Params of `features.get`. */
export const FeaturesGetParamsSchema = /* @__PURE__ */ outbound({
  /** The feature's id. */
  featureId: v.string(),
});
/** Params of `features.get`. */
export type FeaturesGetParams = CatalogParams<v.InferInput<typeof FeaturesGetParamsSchema>>;

/** @deprecated Use FeaturesGetParams. */
export type GetFeatureParams = FeaturesGetParams;
/** @deprecated Use FeaturesGetParamsSchema. */
export const GetFeatureParamsSchema: typeof FeaturesGetParamsSchema = FeaturesGetParamsSchema;
