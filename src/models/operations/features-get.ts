import * as v from "valibot";
import { outbound } from "../../lib/wire.js";

/** Params of `features.get`. */
export const FeaturesGetParamsSchema = /* @__PURE__ */ outbound({
  /** The feature's id. */
  featureId: v.string(),
});
/** Params of `features.get`. */
export type FeaturesGetParams = v.InferInput<typeof FeaturesGetParamsSchema>;

/** @deprecated Use FeaturesGetParams. */
export type GetFeatureParams = FeaturesGetParams;
/** @deprecated Use FeaturesGetParamsSchema. */
export const GetFeatureParamsSchema: typeof FeaturesGetParamsSchema = FeaturesGetParamsSchema;
