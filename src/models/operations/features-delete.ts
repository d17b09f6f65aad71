import * as v from "valibot";
import { inbound, outbound } from "../../lib/wire.js";

export const DeleteFeatureParamsSchema = /* @__PURE__ */ outbound({
  /** The feature to delete. */
  featureId: v.string(),
});
/** Params of `features.delete`. */
export type DeleteFeatureParams = v.InferInput<typeof DeleteFeatureParamsSchema>;

export const DeleteFeatureResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `features.delete`. */
export type DeleteFeatureResponse = v.InferOutput<typeof DeleteFeatureResponseSchema>;
