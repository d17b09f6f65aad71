import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { inbound, withEntries } from "../lib/wire.js";
import { openEnumOf } from "./open-enum.js";
import type { BILLING_PROCESSORS, INVOICE_STATUSES } from "./shared.js";

/** What every invoice answer carries, a customer's expanded `invoices` included. */
const invoiceSummary = {
  /** The plans the invoice is for. */
  planIds: v.array(v.string()),
  /** The processor's id for the invoice (a Stripe `in_…` id for Stripe invoices). */
  stripeId: v.string(),
  /** The processor that owns the invoice; Stripe when absent. */
  processorType: v.optional(openEnumOf<typeof BILLING_PROCESSORS>()),
  /** The invoice's status (`paid`, `open`, …). */
  status: openEnumOf<typeof INVOICE_STATUSES>(),
  /** The invoice's total, in major currency units. */
  total: v.number(),
  /** The currency code (`usd`). */
  currency: v.string(),
  /** Epoch ms of the invoice's creation. */
  createdAt: v.number(),
  /** The hosted page where the invoice can be viewed and paid. */
  hostedInvoiceUrl: v.optional(v.nullable(v.string())),
};

/** An invoice as Autumn records it: the summary, its id and the amounts settled. `invoices.list` and `invoices.insert` each add its owner their way. */
export const invoiceRecord = /* @__PURE__ */ withEntries(invoiceSummary, {
  /** Autumn's id for the invoice. */
  id: v.string(),
  /** The amount paid; null on invoices recorded before payments were tracked. */
  amountPaid: v.nullable(v.number()),
  /** The amount refunded. */
  refundedAmount: v.number(),
});

/** An invoice as a customer or entity carries it, when expanded with `invoices`. */
export const InvoiceSchema = /* @__PURE__ */ inbound(invoiceSummary);
/** An invoice as a customer or entity carries it. */
export type Invoice = CatalogAnswer<v.InferOutput<typeof InvoiceSchema>>;

/** An invoice as `invoices.list` answers it: the summary with Autumn's id, its owner and the amounts settled. */
export const InvoiceRecordSchema = /* @__PURE__ */ inbound(
  withEntries(invoiceRecord, {
    /** The customer the invoice belongs to; null for a customer created without an id. */
    customerId: v.nullable(v.string()),
    /** The entity the invoice belongs to, for an entity-scoped invoice. */
    entityId: v.nullable(v.string()),
  }),
);
/** An invoice with Autumn's id, its owner and the amounts settled. */
export type InvoiceRecord = CatalogAnswer<v.InferOutput<typeof InvoiceRecordSchema>>;
