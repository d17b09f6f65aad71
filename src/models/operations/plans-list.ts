import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { PlanSchema } from "../plan.js";

/** Params of `plans.list`. */
export const PlansListParamsSchema = /* @__PURE__ */ outbound({
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
export type PlansListParams = CatalogParams<v.InferInput<typeof PlansListParamsSchema>>;

/** Every plan; the list is not paginated. */
export const PlanListSchema = /* @__PURE__ */ inbound({
  /** The plans. */
  list: v.array(PlanSchema),
});
/** Every plan. */
export type PlanList = CatalogAnswer<v.InferOutput<typeof PlanListSchema>>;
/** The answer to `plans.list`: every plan. */
export type PlansListResponse = PlanList;

/** @deprecated Use PlansListParams. */
export type ListPlansParams = PlansListParams;
/** @deprecated Use PlansListParamsSchema. */
export const ListPlansParamsSchema: typeof PlansListParamsSchema = PlansListParamsSchema;
