import * as v from "valibot";
import { dataRecord, outbound } from "../lib/wire.js";
import { BillingControlsParamsSchema } from "./billing-controls-params.js";
import { UpsertLicenseParamsSchema } from "./plan-customize-params.js";
import { PlanItemParamsSchema } from "./plan-item-params.js";

/** An id for a new or renamed plan: letters, digits, `_` and `-`. */
export const PlanIdSchema = /* @__PURE__ */ v.pipe(
  v.string(),
  v.minLength(1),
  v.regex(/^[a-zA-Z0-9_-]+$/, "must be letters, digits, '_' or '-'"),
);

/** Your metadata on a plan, shared by all its versions. Keys are sent exactly as given. */
export const PlanMetadataSchema = /* @__PURE__ */ dataRecord(v.unknown());

/** Settings shared by `plans.create` and `plans.update`. */
export const planSettings = {
  /** Plans in one group replace each other on upgrade or downgrade. */
  group: v.optional(v.string()),
  /** Whether the plan is bought on top of another instead of replacing it. */
  addOn: v.optional(v.boolean()),
  /** Whether the plan is attached to new customers automatically (free tiers). */
  autoEnable: v.optional(v.boolean()),
  /** The features the plan grants. */
  items: v.optional(v.array(PlanItemParamsSchema)),
  /** Plans offered as licenses; the list replaces the stored one. */
  licenses: v.optional(v.array(UpsertLicenseParamsSchema)),
  /** Plan-level switches. */
  config: v.optional(
    outbound({
      /** Keep resetting balances while the subscription is past due. */
      ignorePastDue: v.optional(v.boolean()),
    }),
  ),
  /** Auto top-ups, spend and usage limits, alerts, given to customers of the plan. */
  billingControls: v.optional(BillingControlsParamsSchema),
  /** Your metadata. */
  metadata: v.optional(PlanMetadataSchema),
  /** Whether to create the Stripe product and prices now. Defaults to true. */
  createInStripe: v.optional(v.boolean()),
};
