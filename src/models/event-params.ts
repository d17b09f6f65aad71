import * as v from "valibot";

const FeatureIdSchema = /* @__PURE__ */ v.pipe(v.string(), v.minLength(1, "must not be empty"));

/** One feature id, or several. */
export const FeatureIdsSchema = /* @__PURE__ */ v.union([FeatureIdSchema, v.array(FeatureIdSchema)]);

/** One feature id, or several. */
export type FeatureIds = v.InferInput<typeof FeatureIdsSchema>;
