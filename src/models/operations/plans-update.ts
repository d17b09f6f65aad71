import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound, withEntries } from "../../lib/wire.js";
import { BillingControlsParamsSchema } from "../billing-controls-params.js";
import { FreeTrialParamsSchema } from "../plan-customize-params.js";
import { BasePriceParamsSchema, PlanItemFilterSchema, PlanItemParamsSchema } from "../plan-item-params.js";
import { PlanIdSchema, planSettings } from "../plan-params.js";

/** Options for moving existing customers onto the changed plan (the spec leaves the fields undescribed). */
const MigrationParamsSchema = /* @__PURE__ */ outbound({
  /** Prepare the migration as a draft rather than running it. */
  draft: v.optional(v.boolean()),
  /** Whether customers on a customised copy of the plan move too. */
  includeCustom: v.optional(v.boolean()),
});

/** A variant of this plan to create or change. */
const VariantParamsSchema = /* @__PURE__ */ outbound({
  /** The variant's plan id. */
  variantPlanId: PlanIdSchema,
  /** The variant's name; giving one creates a missing variant. */
  name: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** How the variant differs from this plan; `{}` for not at all. */
  customize: outbound({
    /** A different base price; null for none. */
    price: v.optional(v.nullable(BasePriceParamsSchema)),
    /** Items to add, or to replace when the feature matches. */
    addItems: v.optional(v.array(PlanItemParamsSchema)),
    /** Filters picking the items to remove. */
    removeItems: v.optional(v.array(PlanItemFilterSchema)),
    /** A different free trial; null for none. */
    freeTrial: v.optional(v.nullable(FreeTrialParamsSchema)),
    /** Different billing controls. */
    billingControls: v.optional(BillingControlsParamsSchema),
  }),
  /** Change the variant in place instead of versioning it. */
  disableVersion: v.optional(v.boolean()),
  /** Version the variant even when no customers have it. */
  forceVersion: v.optional(v.boolean()),
  /** How the variant's customers move onto the change. */
  migration: v.optional(MigrationParamsSchema),
});

/** Params of `plans.update`. `price: null` and `freeTrial: null` remove them. */
export const PlansUpdateParamsSchema = /* @__PURE__ */ outbound(
  withEntries(planSettings, {
    /** The plan to update. */
    planId: PlanIdSchema,
    /** The plan's display name. */
    name: v.optional(v.pipe(v.string(), v.minLength(1))),
    /** A description of the plan. */
    description: v.optional(v.string()),
    /** The base recurring price; null removes it. */
    price: v.optional(v.nullable(BasePriceParamsSchema)),
    /** The free trial; null removes it. */
    freeTrial: v.optional(v.nullable(FreeTrialParamsSchema)),
    /** The version to update. */
    version: v.optional(v.number()),
    /** Archive (hide) or unarchive the plan. */
    archived: v.optional(v.boolean()),
    /** Link the plan as a variant of this base plan; null detaches it. */
    basePlanId: v.optional(v.nullable(PlanIdSchema)),
    /** A new id; only for a plan no customer has used. */
    newPlanId: v.optional(PlanIdSchema),
    /** Change the current version in place instead of creating a new one. */
    disableVersion: v.optional(v.boolean()),
    /** Apply the change to every version; excludes `disableVersion`. */
    allVersions: v.optional(v.boolean()),
    /** How existing customers move onto the change. */
    migration: v.optional(MigrationParamsSchema),
    /** Create a new version even when no customers have the plan; excludes `disableVersion`. */
    forceVersion: v.optional(v.boolean()),
    /** Variants to apply the change to as well. */
    updateVariantIds: v.optional(v.array(v.string())),
    /** Parent plan versions whose license link to this plan should take the change. */
    updateLicenseParents: v.optional(
      v.array(
        outbound({
          planId: PlanIdSchema,
          version: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
        }),
      ),
    ),
    /** Variants of this plan to change, or to create when they have a `name`. */
    variants: v.optional(v.array(VariantParamsSchema)),
    /** Make this the organisation's default plan; not allowed on a variant. */
    isDefault: v.optional(v.boolean()),
  }),
);
/** Params of `plans.update`. `price: null` and `freeTrial: null` remove them. */
export type PlansUpdateParams = CatalogParams<v.InferInput<typeof PlansUpdateParamsSchema>>;

/** @deprecated Use PlansUpdateParams. */
export type UpdatePlanParams = PlansUpdateParams;
/** @deprecated Use PlansUpdateParamsSchema. */
export const UpdatePlanParamsSchema: typeof PlansUpdateParamsSchema = PlansUpdateParamsSchema;
