import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";

/** Params of `plans.delete`. */
export const PlansDeleteParamsSchema = /* @__PURE__ */ outbound({
  /** The plan to delete. */
  planId: v.pipe(v.string(), v.minLength(1)),
  /** Delete every version, not just the latest. */
  allVersions: v.optional(v.boolean()),
});
/** Params of `plans.delete`. */
export type PlansDeleteParams = CatalogParams<v.InferInput<typeof PlansDeleteParamsSchema>>;

/** The answer to `plans.delete`. */
export const PlansDeleteResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `plans.delete`. */
export type PlansDeleteResponse = CatalogAnswer<v.InferOutput<typeof PlansDeleteResponseSchema>>;

/** @deprecated Use PlansDeleteParams. */
export type DeletePlanParams = PlansDeleteParams;
/** @deprecated Use PlansDeleteParamsSchema. */
export const DeletePlanParamsSchema: typeof PlansDeleteParamsSchema = PlansDeleteParamsSchema;
/** @deprecated Use PlansDeleteResponse. */
export type DeletePlanResponse = PlansDeleteResponse;
/** @deprecated Use PlansDeleteResponseSchema. */
export const DeletePlanResponseSchema: typeof PlansDeleteResponseSchema = PlansDeleteResponseSchema;
