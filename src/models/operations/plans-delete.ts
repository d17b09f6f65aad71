import * as v from "valibot";
import { inbound, outbound } from "../../lib/wire.js";

export const DeletePlanParamsSchema = /* @__PURE__ */ outbound({
  /** The plan to delete. */
  planId: v.pipe(v.string(), v.minLength(1)),
  /** Delete every version, not just the latest. */
  allVersions: v.optional(v.boolean()),
});
/** Params of `plans.delete`. */
export type DeletePlanParams = v.InferInput<typeof DeletePlanParamsSchema>;

export const DeletePlanResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `plans.delete`. */
export type DeletePlanResponse = v.InferOutput<typeof DeletePlanResponseSchema>;
