import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { FeatureSchema } from "../feature.js";

/** `features.list` takes no params; unknown keys are refused. */
export const FeaturesListParamsSchema = /* @__PURE__ */ outbound({});
/** Params of `features.list`: none. */
export type FeaturesListParams = CatalogParams<v.InferInput<typeof FeaturesListParamsSchema>>;

/** Every feature; the list is not paginated. */
export const FeatureListSchema = /* @__PURE__ */ inbound({
  /** The features. */
  list: v.array(FeatureSchema),
});
/** Every feature. */
export type FeatureList = CatalogAnswer<v.InferOutput<typeof FeatureListSchema>>;
/** The answer to `features.list`: every feature. */
export type FeaturesListResponse = FeatureList;

/** @deprecated Use FeaturesListParams. */
export type ListFeaturesParams = FeaturesListParams;
/** @deprecated Use FeaturesListParamsSchema. */
export const ListFeaturesParamsSchema: typeof FeaturesListParamsSchema = FeaturesListParamsSchema;
