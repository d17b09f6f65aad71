import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { inbound, openEnum, withEntries } from "../lib/wire.js";
import { PlanSchema } from "./plan.js";

/** The period a line is charged for, in epoch ms. */
export const LinePeriodSchema = /* @__PURE__ */ inbound({
  start: v.number(),
  end: v.number(),
});

/** A discount applied to a line. */
export const LineDiscountSchema = /* @__PURE__ */ inbound({
  /** The amount taken off. */
  amountOff: v.number(),
  /** The percentage taken off, for percentage discounts. */
  percentOff: v.optional(v.number()),
  /** The reward behind the discount. */
  rewardId: v.optional(v.string()),
  /** The reward's name. */
  rewardName: v.optional(v.string()),
});

/** Entries of every preview line: its label, plan, feature and period. */
const lineLabelEntries = {
  /** The plan or feature name, for showing in a UI. */
  displayName: v.string(),
  /** The plan the line belongs to. */
  planId: v.string(),
  /** The feature the line belongs to; null for the base price. */
  featureId: v.nullable(v.string()),
  /** The period charged for. */
  period: v.optional(LinePeriodSchema),
};

/** A charged line of a preview. */
export const PreviewLineItemSchema = /* @__PURE__ */ inbound(
  withEntries(lineLabelEntries, {
    /** A longer description of the line. */
    description: v.string(),
    /** The amount before discounts and tax. */
    subtotal: v.number(),
    /** The amount after discounts and tax. */
    total: v.number(),
    /** Discounts applied to the line. */
    discounts: v.optional(v.array(LineDiscountSchema)),
    /** The quantity charged. */
    quantity: v.number(),
  }),
);
/** A charged line of a preview. */
export type PreviewLineItem = CatalogAnswer<v.InferOutput<typeof PreviewLineItemSchema>>;

/** What the next billing cycle will cost. */
export const NextCycleSchema = /* @__PURE__ */ inbound({
  /** Epoch ms when the next cycle starts. */
  startsAt: v.number(),
  /** Before discounts and tax. */
  subtotal: v.number(),
  /** After discounts and tax. */
  total: v.number(),
  /** The fixed lines of the next cycle. */
  lineItems: v.array(PreviewLineItemSchema),
  /** Usage-based lines, charged in arrears and not priced yet. */
  usageLineItems: v.array(inbound(lineLabelEntries)),
});

/** A plan the change adds, updates or removes. */
export const PlanChangeSchema = /* @__PURE__ */ inbound({
  /** The plan. */
  planId: v.string(),
  /** The plan itself, when included. */
  plan: v.optional(PlanSchema),
  /** The prepaid quantities that apply. */
  featureQuantities: v.array(inbound({ featureId: v.string(), quantity: v.number() })),
  /** Epoch ms when the change applies; null for now. */
  effectiveAt: v.nullable(v.number()),
  /** Epoch ms of cancellation; null if not canceled. */
  canceledAt: v.nullable(v.number()),
  /** Epoch ms when the plan ends; null if it does not. */
  expiresAt: v.nullable(v.number()),
});
/** A plan the change adds, updates or removes. */
export type PlanChange = CatalogAnswer<v.InferOutput<typeof PlanChangeSchema>>;

/** Entries of every preview: what is charged now and next cycle, and which plans come and go. */
export const previewEntries = {
  /** The customer. */
  customerId: v.string(),
  /** What is charged now. */
  lineItems: v.array(PreviewLineItemSchema),
  /** Charged now, before discounts and tax. */
  subtotal: v.number(),
  /** Charged now, after discounts and tax. */
  total: v.number(),
  /** The currency code; amounts are in major units (dollars). */
  currency: v.string(),
  /** The next cycle, when there is one. */
  nextCycle: v.optional(NextCycleSchema),
  /** What the response was expanded with. */
  expand: v.optional(v.array(v.string())),
  /** Plans added or updated. */
  incoming: v.array(PlanChangeSchema),
  /** Plans removed or ended. */
  outgoing: v.array(PlanChangeSchema),
};

/** Entries of a single-subscription preview's charges: tax and invoice credits. */
export const previewChargeEntries = {
  /** Tax on the immediate charge, where Stripe Tax is enabled for the organisation. */
  tax: v.optional(
    inbound({
      total: v.number(),
      /** Tax included in the line subtotals. */
      amountInclusive: v.number(),
      /** Tax added on top. */
      amountExclusive: v.number(),
      currency: v.string(),
      /** `incomplete` when Stripe Tax returned nothing or failed. */
      status: openEnum(["complete", "incomplete"]),
    }),
  ),
  /** The customer's Stripe credit balance, as a positive amount. */
  invoiceCredits: v.optional(inbound({ balance: v.number(), currency: v.string() })),
};

/** What attaching plans would charge, and whether checkout is needed. */
export const AttachPreviewSchema = /* @__PURE__ */ inbound(
  withEntries(
    withEntries(previewEntries, previewChargeEntries),
    {
      /** Whether attaching would send the customer to a checkout page. */
      redirectToCheckout: v.boolean(),
      /** The checkout that would be used; null when none. */
      checkoutType: v.nullable(openEnum(["stripe_checkout", "autumn_checkout"])),
    },
  ),
);
/** What attaching plans would charge. */
export type AttachPreview = CatalogAnswer<v.InferOutput<typeof AttachPreviewSchema>>;
