import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound, withEntries } from "../../lib/wire.js";
import { CatalogIdSchema, checkoutEntries, planChangeEntries } from "../billing-params.js";

/** Params of `billing.setupPayment`. */
export const BillingSetupPaymentParamsSchema = /* @__PURE__ */ outbound(
  withEntries(withEntries(planChangeEntries, checkoutEntries), {
    /** A plan to attach once the payment method is saved. */
    planId: v.optional(CatalogIdSchema),
  }),
);
/** Params of `billing.setupPayment`. */
export type BillingSetupPaymentParams = CatalogParams<v.InferInput<typeof BillingSetupPaymentParamsSchema>>;

/** A page where the customer saves a payment method. */
export const PaymentSetupSchema = /* @__PURE__ */ inbound({
  /** The customer. */
  customerId: v.string(),
  /** The entity the plan will be attached to, if a plan was given. */
  entityId: v.optional(v.string()),
  /** The page to send the customer to. */
  url: v.string(),
});
/** A page where the customer saves a payment method. */
export type PaymentSetup = CatalogAnswer<v.InferOutput<typeof PaymentSetupSchema>>;
/** The answer to `billing.setupPayment`: the page where the customer saves a payment method. */
export type BillingSetupPaymentResponse = PaymentSetup;

/** @deprecated Use BillingSetupPaymentParams. */
export type SetupPaymentParams = BillingSetupPaymentParams;
/** @deprecated Use BillingSetupPaymentParamsSchema. */
export const SetupPaymentParamsSchema: typeof BillingSetupPaymentParamsSchema = BillingSetupPaymentParamsSchema;
