import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound, withEntries } from "../../lib/wire.js";
import { FeatureTypeSchema, featureSettings } from "../feature-params.js";

/** Params of `features.update`. */
export const FeaturesUpdateParamsSchema = /* @__PURE__ */ outbound(
  withEntries(featureSettings, {
    /** The feature to update. */
    featureId: v.string(),
    /** A new id; only for a feature no customer uses yet. */
    newFeatureId: v.optional(v.string()),
    /** The feature's name. */
    name: v.optional(v.pipe(v.string(), v.minLength(1))),
    /** What kind of feature it is. */
    type: v.optional(FeatureTypeSchema),
    /** Archive (hide) or unarchive the feature. */
    archived: v.optional(v.boolean()),
  }),
);
/** Params of `features.update`. */
export type FeaturesUpdateParams = CatalogParams<v.InferInput<typeof FeaturesUpdateParamsSchema>>;

/** @deprecated Use FeaturesUpdateParams. */
export type UpdateFeatureParams = FeaturesUpdateParams;
/** @deprecated Use FeaturesUpdateParamsSchema. */
export const UpdateFeatureParamsSchema: typeof FeaturesUpdateParamsSchema = FeaturesUpdateParamsSchema;
