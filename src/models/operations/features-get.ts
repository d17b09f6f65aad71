import * as v from "valibot";
import { outbound } from "../../lib/wire.js";

export const GetFeatureParamsSchema = /* @__PURE__ */ outbound({
  /** The feature's id. */
  featureId: v.string(),
});
/** Params of `features.get`. */
export type GetFeatureParams = v.InferInput<typeof GetFeatureParamsSchema>;
