import * as v from "valibot";
import { outbound } from "../lib/wire.js";
import {
  CatalogIdSchema,
  CheckoutSessionParamsSchema,
  DiscountParamsSchema,
  EpochMsParamSchema,
  FeatureQuantityParamsSchema,
  InvoiceModeParamsSchema,
  ProrationBehaviorSchema,
  RedirectModeSchema,
} from "./billing-params.js";
import { CustomerIdSchema } from "./customer-params.js";
import { CustomerDataSchema } from "./customer-data-params.js";
import { EntityBillingControlsParamsSchema, EntityIdSchema } from "./entity-params.js";
import { FreeTrialParamsSchema, PlanPriceItemsParamsSchema } from "./plan-customize-params.js";

/** One plan of a multi-plan attach. */
export const MultiAttachPlanParamsSchema = /* @__PURE__ */ outbound({
  /** The plan to attach. */
  planId: CatalogIdSchema,
  /** Its price and items for this customer. */
  customize: v.optional(PlanPriceItemsParamsSchema),
  /** Quantities of its prepaid features. */
  featureQuantities: v.optional(v.array(FeatureQuantityParamsSchema)),
  /** The plan version; the latest when omitted. */
  version: v.optional(v.number()),
  /** Your id for the subscription, to attach the same plan more than once. */
  subscriptionId: v.optional(v.string()),
  /** The entity for this plan; null for the customer, omitted for the request's entity. */
  entityId: v.optional(v.nullable(EntityIdSchema)),
});

/** An entity to create if it does not exist yet. */
export const EntityDataSchema = /* @__PURE__ */ outbound({
  /** The feature the entity counts towards (e.g. `seats`). */
  featureId: CatalogIdSchema,
  /** The entity's name. */
  name: v.optional(v.string()),
  /** Spend limits, usage limits, alerts and overage switches for the entity. */
  billingControls: v.optional(EntityBillingControlsParamsSchema),
});

/** Entries of `billing.multiAttach` and `billing.previewMultiAttach`. */
export const multiAttachEntries = {
  /** The customer, created with `customerData` if new. */
  customerId: CustomerIdSchema,
  /** The entity the plans belong to, created with `entityData` if new. */
  entityId: v.optional(EntityIdSchema),
  /** The plans to attach; at least one. */
  plans: v.pipe(v.array(MultiAttachPlanParamsSchema), v.minLength(1, "must contain at least one plan")),
  /** A trial for every plan, or null for none. */
  freeTrial: v.optional(v.nullable(FreeTrialParamsSchema)),
  /** Epoch ms to backdate every plan to. */
  startsAt: v.optional(EpochMsParamSchema),
  /** The billing currency (`usd`, `eur`); the customer's by default. */
  currency: v.optional(v.string()),
  /** Send an invoice instead of charging the card. */
  invoiceMode: v.optional(InvoiceModeParamsSchema),
  /** Discounts to apply. */
  discounts: v.optional(v.array(DiscountParamsSchema)),
  /** Prorate the change now, or charge nothing for it. */
  billingBehavior: v.optional(ProrationBehaviorSchema),
  /** Where the customer lands after checkout. */
  successUrl: v.optional(v.string()),
  /** Extra Stripe Checkout session parameters. */
  checkoutSessionParams: CheckoutSessionParamsSchema,
  /** When to return a checkout URL. Defaults to `if_required`. */
  redirectMode: v.optional(RedirectModeSchema),
  /** Start a separate Stripe subscription instead of joining the existing one. */
  newBillingSubscription: v.optional(v.boolean()),
  /** Activate the plans before payment completes. */
  enablePlanImmediately: v.optional(v.boolean()),
  /** Details used to create the customer if it does not exist yet. */
  customerData: v.optional(CustomerDataSchema),
  /** Details used to create the entity if it does not exist yet. */
  entityData: v.optional(EntityDataSchema),
};
