import * as v from "valibot";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { PlanSchema } from "../plan.js";

export const ListPlansParamsSchema = /* @__PURE__ */ outbound({
  /** A customer whose eligibility (trial, attach action) each plan should report. */
  customerId: v.optional(CustomerIdSchema),
  /** An entity, for entity-scoped plans. */
  entityId: v.optional(v.string()),
  /** Include archived plans. */
  includeArchived: v.optional(v.boolean()),
  /** Include every version of each plan, not just the latest. */
  allVersions: v.optional(v.boolean()),
});
/** Params of `plans.list`. */
export type ListPlansParams = v.InferInput<typeof ListPlansParamsSchema>;

/** Every plan; the list is not paginated. */
export const PlanListSchema = /* @__PURE__ */ inbound({
  /** The plans. */
  list: v.array(PlanSchema),
});
/** Every plan. */
export type PlanList = v.InferOutput<typeof PlanListSchema>;
