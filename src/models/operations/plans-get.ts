import * as v from "valibot";
import { outbound } from "../../lib/wire.js";

export const GetPlanParamsSchema = /* @__PURE__ */ outbound({
  /** The plan's id. */
  planId: v.pipe(v.string(), v.minLength(1)),
  /** The version to get; defaults to the latest. */
  version: v.optional(v.number()),
});
/** Params of `plans.get`. */
export type GetPlanParams = v.InferInput<typeof GetPlanParamsSchema>;
