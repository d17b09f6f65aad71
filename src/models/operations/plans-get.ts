import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";

/** Params of `plans.get`. */
export const PlansGetParamsSchema = /* @__PURE__ */ outbound({
  /** The plan's id. */
  planId: v.pipe(v.string(), v.minLength(1)),
  /** The version to get; defaults to the latest. */
  version: v.optional(v.number()),
});
/** Params of `plans.get`. */
export type PlansGetParams = CatalogParams<v.InferInput<typeof PlansGetParamsSchema>>;

/** @deprecated Use PlansGetParams. */
export type GetPlanParams = PlansGetParams;
/** @deprecated Use PlansGetParamsSchema. */
export const GetPlanParamsSchema: typeof PlansGetParamsSchema = PlansGetParamsSchema;
