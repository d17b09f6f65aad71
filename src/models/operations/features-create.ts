import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound, withEntries } from "../../lib/wire.js";
import { FeatureTypeSchema, featureSettings } from "../feature-params.js";

/** Params of `features.create`. */
export const FeaturesCreateParamsSchema = /* @__PURE__ */ outbound(
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
export type FeaturesCreateParams = CatalogParams<v.InferInput<typeof FeaturesCreateParamsSchema>, "featureId">;

/** @deprecated Use FeaturesCreateParams. */
export type CreateFeatureParams = FeaturesCreateParams;
/** @deprecated Use FeaturesCreateParamsSchema. */
export const CreateFeatureParamsSchema: typeof FeaturesCreateParamsSchema = FeaturesCreateParamsSchema;
