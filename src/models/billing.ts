import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { inbound, openEnum, withEntries } from "../lib/wire.js";

/** The invoice a billing change created. */
export const BillingInvoiceSchema = /* @__PURE__ */ inbound({
  /** `paid`, `open`, `draft`, … */
  status: v.nullable(v.string()),
  /** The Stripe invoice id. */
  stripeId: v.string(),
  /** The invoice total. */
  total: v.number(),
  /** The currency code (`usd`). */
  currency: v.string(),
  /** The hosted page where the invoice can be viewed and paid. */
  hostedInvoiceUrl: v.nullable(v.string()),
});
/** The invoice a billing change created. */
export type BillingInvoice = CatalogAnswer<v.InferOutput<typeof BillingInvoiceSchema>>;

/** What the customer must do before a payment can complete. */
export const RequiredActionSchema = /* @__PURE__ */ inbound({
  /** The kind of action. */
  code: openEnum(["3ds_required", "payment_method_required", "payment_failed", "payment_processing"]),
  /** Why it is required, for people. */
  reason: v.string(),
});
/** What the customer must do before a payment can complete. */
export type RequiredAction = CatalogAnswer<v.InferOutput<typeof RequiredActionSchema>>;

/** Entries of every billing outcome that may charge: the invoice, the payment URL, the required action. */
export const paymentOutcomeEntries = {
  /** The invoice, when one was created. */
  invoice: v.optional(BillingInvoiceSchema),
  /** Where to send the customer to pay or confirm; null when nothing is needed. */
  paymentUrl: v.nullable(v.string()),
  /** What the customer must do, when a payment needs action. */
  requiredAction: v.optional(RequiredActionSchema),
};

/** The outcome of an attach or update: the invoice, or where to send the customer to pay. */
export const BillingResultSchema = /* @__PURE__ */ inbound(
  withEntries(
    {
      /** The customer. */
      customerId: v.string(),
      /** The entity, for entity-level plans. */
      entityId: v.optional(v.string()),
    },
    paymentOutcomeEntries,
  ),
);
/** The outcome of an attach or update. */
export type BillingResult = CatalogAnswer<v.InferOutput<typeof BillingResultSchema>>;
