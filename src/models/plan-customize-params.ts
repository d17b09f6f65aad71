import * as v from "valibot";
import type { CatalogParams } from "../lib/catalog.js";
import { dataRecord, outbound, type WireObject, withEntries } from "../lib/wire.js";
import { BillingControlsParamsSchema } from "./billing-controls-params.js";
import { BasePriceParamsSchema, PlanItemFilterSchema, PlanItemParamsSchema } from "./plan-item-params.js";
import { TRIAL_DURATIONS, TRIAL_END_ACTIONS } from "./shared.js";

/** A free trial to give instead of the plan's own. */
export const FreeTrialParamsSchema = /* @__PURE__ */ outbound({
  /** How many `durationType` periods the trial lasts. */
  durationLength: v.number(),
  /** The unit of `durationLength`. */
  durationType: v.optional(v.picklist(TRIAL_DURATIONS)),
  /** Whether a payment method is needed to start the trial. Defaults to true. */
  cardRequired: v.optional(v.boolean()),
  /** At the end, charge (`bill`, the default) or restore the previous plan (`revert`). */
  onEnd: v.optional(v.picklist(TRIAL_END_ACTIONS)),
});
/** A free trial to give instead of the plan's own. */
export type FreeTrialParams = CatalogParams<v.InferInput<typeof FreeTrialParamsSchema>>;

/** The base price override: null removes the base price. */
const priceEntries = {
  /** A new base price, or null to remove it. */
  price: v.optional(v.nullable(BasePriceParamsSchema)),
};

/** Items replacing all of the plan's items. */
const replaceItemsEntries = {
  /** Replaces every item of the plan; not with `addItems` or `removeItems`. */
  items: v.optional(v.array(PlanItemParamsSchema)),
};

/** Items added to or removed from the plan. */
const editItemsEntries = {
  /** Items added to the plan. */
  addItems: v.optional(v.array(PlanItemParamsSchema)),
  /** Filters picking the plan's items to remove. */
  removeItems: v.optional(v.array(PlanItemFilterSchema)),
};

/** `items` replaces the plan's items wholesale, so it cannot be combined with edits. */
// @__NO_SIDE_EFFECTS__
function withoutMixedItemEdits<TInput>(schema: v.GenericSchema<TInput, WireObject>) {
  return v.pipe(
    schema,
    v.check(
      (wire: WireObject) => wire["items"] === undefined || (wire["add_items"] === undefined && wire["remove_items"] === undefined),
      "items replaces every item; it cannot be combined with addItems or removeItems",
    ),
  ) as v.GenericSchema<TInput, WireObject>;
}

/** How one plan is changed for this customer in a multi-plan attach: its price and items. */
export const PlanPriceItemsParamsSchema = /* @__PURE__ */ outbound(withEntries(priceEntries, replaceItemsEntries));

/** How a license plan is changed for this customer. */
export const LicenseCustomizeParamsSchema = /* @__PURE__ */ outbound(withEntries(priceEntries, editItemsEntries));

/** A license link added to or overridden on the plan for this customer. */
export const UpsertLicenseParamsSchema = /* @__PURE__ */ outbound({
  /** The license plan. */
  licensePlanId: v.pipe(v.string(), v.minLength(1, "must not be empty")),
  /** Seats included with the plan; defaults to the catalog's, or 1. */
  included: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER))),
  /** Whether seats can only be bought upfront. */
  prepaidOnly: v.optional(v.boolean()),
  /** Changes to the license plan; null for none. */
  customize: v.optional(v.nullable(LicenseCustomizeParamsSchema)),
  /** Your metadata for the link. */
  metadata: v.optional(dataRecord(v.unknown())),
});

/** Entries shared by the scheduled-plan and the full customisation. */
const scheduledEntries = /* @__PURE__ */ withEntries(
  withEntries(priceEntries, replaceItemsEntries),
  withEntries(editItemsEntries, {
    /** Billing controls overriding the plan's for this customer. */
    billingControls: v.optional(BillingControlsParamsSchema),
  }),
);

/** How a plan in a schedule phase is changed for this customer. */
export const ScheduledPlanCustomizeParamsSchema = /* @__PURE__ */ withoutMixedItemEdits(outbound(scheduledEntries));

/** How the plan is changed for this customer: price, items, free trial, billing controls, licenses. */
export const PlanCustomizeParamsSchema = /* @__PURE__ */ withoutMixedItemEdits(
  outbound(
    withEntries(scheduledEntries, {
      /** A trial instead of the plan's own, or null for no trial. */
      freeTrial: v.optional(v.nullable(FreeTrialParamsSchema)),
      /** License links to add or override. A bare entry restores the catalog link. */
      upsertLicenses: v.optional(v.array(UpsertLicenseParamsSchema)),
    }),
  ),
);
/** How the plan is changed for this customer. */
export type PlanCustomizeParams = CatalogParams<v.InferInput<typeof PlanCustomizeParamsSchema>>;
