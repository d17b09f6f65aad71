import * as v from "valibot";
import { inbound, outbound } from "../../lib/wire.js";
import { FeatureSchema } from "../feature.js";

/** `features.list` takes no params; unknown keys are refused. */
export const ListFeaturesParamsSchema = /* @__PURE__ */ outbound({});
/** Params of `features.list`: none. */
export type ListFeaturesParams = v.InferInput<typeof ListFeaturesParamsSchema>;

/** Every feature; the list is not paginated. */
export const FeatureListSchema = /* @__PURE__ */ inbound({
  /** The features. */
  list: v.array(FeatureSchema),
});
/** Every feature. */
export type FeatureList = v.InferOutput<typeof FeatureListSchema>;
