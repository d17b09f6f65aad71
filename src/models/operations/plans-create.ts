import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound, withEntries } from "../../lib/wire.js";
import { BasePriceParamsSchema } from "../plan-item-params.js";
import { FreeTrialParamsSchema } from "../plan-customize-params.js";
import { PlanIdSchema, planSettings } from "../plan-params.js";

/** Params of `plans.create`. */
export const PlansCreateParamsSchema = /* @__PURE__ */ outbound(
  withEntries(planSettings, {
    /** The new plan's id. */
    planId: PlanIdSchema,
    /** The plan's display name. */
    name: v.pipe(v.string(), v.minLength(1)),
    /** A description of the plan. */
    description: v.optional(v.nullable(v.string())),
    /** The base recurring price; omit for free or usage-only plans. */
    price: v.optional(BasePriceParamsSchema),
    /** A free trial before the first charge. */
    freeTrial: v.optional(FreeTrialParamsSchema),
  }),
);
/** Params of `plans.create`. */
export type PlansCreateParams = CatalogParams<v.InferInput<typeof PlansCreateParamsSchema>, "planId">;

/** @deprecated Use PlansCreateParams. */
export type CreatePlanParams = PlansCreateParams;
/** @deprecated Use PlansCreateParamsSchema. */
export const CreatePlanParamsSchema: typeof PlansCreateParamsSchema = PlansCreateParamsSchema;
