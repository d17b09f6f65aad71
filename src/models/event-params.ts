import * as v from "valibot";
import type { CatalogParams } from "../lib/catalog.js";

const FeatureIdSchema = /* @__PURE__ */ v.pipe(v.string(), v.minLength(1, "must not be empty"));

/** One feature id, or several. */
export const FeatureIdsSchema = /* @__PURE__ */ v.union([FeatureIdSchema, v.array(FeatureIdSchema)]);

/** One feature id, or several (the catalog's, when one is registered). */
export type FeatureIds = CatalogParams<{ featureId: v.InferInput<typeof FeatureIdsSchema> }>["featureId"];
