import * as v from "valibot";
import { outbound, withEntries } from "../../lib/wire.js";
import { FeatureTypeSchema, featureSettings } from "../feature-params.js";

export const CreateFeatureParamsSchema = /* @__PURE__ */ outbound(
  withEntries(featureSettings, {
    /** The new feature's id. */
    featureId: v.string(),
    /** The feature's name. */
    name: v.string(),
    /** What kind of feature it is. */
    type: FeatureTypeSchema,
  }),
);
/** Params of `features.create`. */
export type CreateFeatureParams = v.InferInput<typeof CreateFeatureParamsSchema>;
