import * as v from "valibot";
import { dataRecord, outbound, withEntries } from "../lib/wire.js";
import { CustomerIdSchema } from "./customer-params.js";
import { EntityIdSchema } from "./entity-params.js";
import { PlanCustomizeParamsSchema } from "./plan-customize-params.js";

/** The id of a plan, feature or other catalog object. */
export const CatalogIdSchema = /* @__PURE__ */ v.pipe(v.string(), v.minLength(1, "must not be empty"));

/** An epoch-milliseconds timestamp. */
export const EpochMsParamSchema = /* @__PURE__ */ v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

/** The quantity of one prepaid feature. */
export const FeatureQuantityParamsSchema = /* @__PURE__ */ outbound({
  /** The prepaid feature. */
  featureId: CatalogIdSchema,
  /** Units bought, included units and billing units counted in. */
  quantity: v.optional(v.pipe(v.number(), v.minValue(0))),
  /** Whether the customer can change the quantity at checkout. */
  adjustable: v.optional(v.boolean()),
});

/** Billing by sent invoice instead of charging the card. */
export const InvoiceModeParamsSchema = /* @__PURE__ */ outbound({
  /** Whether to send an invoice instead of charging. */
  enabled: v.boolean(),
  /** Activate the plan before the invoice is paid. Defaults to false. */
  enablePlanImmediately: v.optional(v.boolean()),
  /** Finalize the invoice (true, the default) or keep it a draft. */
  finalize: v.optional(v.boolean()),
  /** The invoice template whose footer is used. */
  invoiceTemplateId: v.optional(v.string()),
  /** Days the customer has to pay. */
  netTermsDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER))),
});

/** A discount: an Autumn reward or Stripe coupon id, or a promotion code. */
export const DiscountParamsSchema = /* @__PURE__ */ outbound({
  /** An Autumn reward id or a Stripe coupon id. */
  rewardId: v.optional(v.string()),
  /** A Stripe promotion code. */
  promotionCode: v.optional(v.string()),
});

/** Whether, and for which features, something carries over from the previous plan. */
export const CarryOverParamsSchema = /* @__PURE__ */ outbound({
  /** Whether to carry over. */
  enabled: v.boolean(),
  /** The features concerned; all of them when omitted. */
  featureIds: v.optional(v.array(CatalogIdSchema)),
});

/** The total seats of one license of the plan, included seats counted in. */
export const LicenseQuantityParamsSchema = /* @__PURE__ */ outbound({
  /** The license plan. */
  licensePlanId: CatalogIdSchema,
  /** Total seats; those beyond the included ones are paid. */
  quantity: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
});

/** A line replacing the generated proration invoice. */
export const CustomLineItemParamsSchema = /* @__PURE__ */ outbound({
  /** The amount in major units (10.5 = $10.50); negative for a credit. */
  amount: v.number(),
  /** The text of the line. */
  description: v.string(),
});

/** When a checkout URL is returned. */
export const RedirectModeSchema = /* @__PURE__ */ v.picklist(["always", "if_required", "never"]);
/** Whether a mid-cycle change is prorated now or not charged at all. */
export const ProrationBehaviorSchema = /* @__PURE__ */ v.picklist(["prorate_immediately", "none"]);
/** Cancel now, cancel at the end of the cycle, or undo a pending cancellation. */
export const CancelActionSchema = /* @__PURE__ */ v.picklist(["cancel_immediately", "cancel_end_of_cycle", "uncancel"]);

/** Extra Stripe Checkout session parameters, passed through as given. */
export const CheckoutSessionParamsSchema = /* @__PURE__ */ v.optional(dataRecord(v.unknown()));

/** Entries of every single-plan billing change: attach, update, setup payment, and their previews. */
export const planChangeEntries = {
  /** The customer. */
  customerId: CustomerIdSchema,
  /** The entity the plan belongs to, for entity-level plans. */
  entityId: v.optional(EntityIdSchema),
  /** Quantities of the plan's prepaid features. */
  featureQuantities: v.optional(v.array(FeatureQuantityParamsSchema)),
  /** The plan version; the latest when omitted. */
  version: v.optional(v.number()),
  /** Changes to the plan for this customer. */
  customize: v.optional(PlanCustomizeParamsSchema),
  /** Prorate the change now, or charge nothing for it. */
  prorationBehavior: v.optional(ProrationBehaviorSchema),
  /** Your id for the subscription, to tell apart several of the same plan. */
  subscriptionId: v.optional(v.string()),
  /** Discounts to apply. */
  discounts: v.optional(v.array(DiscountParamsSchema)),
  /** `now` restarts the billing cycle today. */
  billingCycleAnchor: v.optional(v.literal("now")),
  /** Record the change without any billing change in Stripe. */
  noBillingChanges: v.optional(v.boolean()),
  /** Carry usage of consumable features over from the previous plan. */
  carryOverUsages: v.optional(CarryOverParamsSchema),
  /** Seat totals of the plan's licenses. */
  licenseQuantities: v.optional(v.array(LicenseQuantityParamsSchema)),
};

/** Entries of the flows that may open a checkout: attach and setup payment, and the preview. */
export const checkoutEntries = {
  /** Where the customer lands after checkout. */
  successUrl: v.optional(v.string()),
  /** Epoch ms when the plan starts; a future time schedules it. */
  startsAt: v.optional(EpochMsParamSchema),
  /** Epoch ms when the plan ends. */
  endsAt: v.optional(EpochMsParamSchema),
  /** Extra Stripe Checkout session parameters. */
  checkoutSessionParams: CheckoutSessionParamsSchema,
  /** Lines replacing the generated proration invoice (immediate changes only). */
  customLineItems: v.optional(v.array(CustomLineItemParamsSchema)),
  /** An existing Stripe subscription to adopt instead of creating one. */
  processorSubscriptionId: v.optional(v.string()),
  /** Carry balances over from the previous plan. */
  carryOverBalances: v.optional(CarryOverParamsSchema),
  /** Metadata for the Stripe subscription, invoice and checkout session; `autumn_` keys are reserved. */
  metadata: v.optional(dataRecord(v.string())),
  /** Activate the plan before payment completes. */
  enablePlanImmediately: v.optional(v.boolean()),
  /** A Stripe tax rate (`txr_…`) for the created objects. */
  taxRateId: v.optional(v.string()),
  /** The billing currency (`usd`, `eur`); the customer's by default. */
  currency: v.optional(v.string()),
  /** Plans on the same subscription to end as part of this change. */
  removePlanIds: v.optional(v.array(CatalogIdSchema)),
};

/** Entries of `billing.attach` and `billing.previewAttach`. */
export const attachEntries = /* @__PURE__ */ withEntries(
  withEntries(planChangeEntries, checkoutEntries),
  {
    /** The plan to attach. */
    planId: CatalogIdSchema,
    /** Send an invoice instead of charging the card. */
    invoiceMode: v.optional(InvoiceModeParamsSchema),
    /** When to return a checkout URL. */
    redirectMode: v.optional(RedirectModeSchema),
    /** Start a separate Stripe subscription instead of joining the existing one. */
    newBillingSubscription: v.optional(v.boolean()),
    /** Apply now, or at the end of the cycle; by default upgrades are immediate and downgrades wait. */
    planSchedule: v.optional(v.picklist(["immediate", "end_of_cycle"])),
    /** Return an Autumn-hosted link that opens a fresh Stripe Checkout each time. */
    longLivedCheckout: v.optional(v.boolean()),
  },
);

/** Entries of `billing.update` and `billing.previewUpdate`. */
export const updateEntries = /* @__PURE__ */ withEntries(planChangeEntries, {
  /** The plan to change; not needed with `subscriptionId`. */
  planId: v.optional(CatalogIdSchema),
  /** Send an invoice instead of charging the card. */
  invoiceMode: v.optional(InvoiceModeParamsSchema),
  /** When to return a checkout URL. */
  redirectMode: v.optional(RedirectModeSchema),
  /** Cancel, cancel at the end of the cycle, or uncancel. */
  cancelAction: v.optional(CancelActionSchema),
  /** On immediate cancellation, refund the unused part (`prorated`) or all (`full`) of the last payment. */
  refundLastPayment: v.optional(v.picklist(["prorated", "full"])),
  /** Recalculate balances when feature quantities change. */
  recalculateBalances: v.optional(outbound({ enabled: v.boolean() })),
});

/** Entries of `billing.multiUpdate` and `billing.previewMultiUpdate`. */
export const multiUpdateEntries = {
  /** The customer. */
  customerId: CustomerIdSchema,
  /** The entity, unless an update names its own. */
  entityId: v.optional(EntityIdSchema),
  /** The changes, one per plan or subscription; at least one. */
  updates: v.pipe(
    v.array(
      outbound({
        /** The plan; not needed with `subscriptionId`. */
        planId: v.optional(CatalogIdSchema),
        /** Your id for the subscription. */
        subscriptionId: v.optional(v.string()),
        /** The entity, overriding the top-level one. */
        entityId: v.optional(EntityIdSchema),
        /** Cancel, cancel at the end of the cycle, or uncancel. */
        cancelAction: CancelActionSchema,
        /** Prorate this change now, or charge nothing for it. */
        prorationBehavior: v.optional(ProrationBehaviorSchema),
      }),
    ),
    v.minLength(1, "must contain at least one update"),
  ),
};
