import * as v from "valibot";
import { inbound, outbound, withEntries } from "../../lib/wire.js";
import { CatalogIdSchema, checkoutEntries, planChangeEntries } from "../billing-params.js";

export const SetupPaymentParamsSchema = /* @__PURE__ */ outbound(
  withEntries(withEntries(planChangeEntries, checkoutEntries), {
    /** A plan to attach once the payment method is saved. */
    planId: v.optional(CatalogIdSchema),
  }),
);
/** Params of `billing.setupPayment`. */
export type SetupPaymentParams = v.InferInput<typeof SetupPaymentParamsSchema>;

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
export type PaymentSetup = v.InferOutput<typeof PaymentSetupSchema>;
