import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound, withEntries } from "../../lib/wire.js";
import { CatalogIdSchema, EpochMsParamSchema } from "../billing-params.js";
import { CustomerIdSchema } from "../customer-params.js";
import { invoiceRecord } from "../invoice.js";
import { BILLING_PROCESSORS, INVOICE_STATUSES } from "../shared.js";
import { NonEmptyParamSchema } from "../params.js";

/** The most invoices one `invoices.insert` takes; the server refuses more. */
export const INVOICES_INSERT_LIMIT = 500;

/** A historical invoice to record. Autumn writes it as given and touches no processor. */
export const InvoiceInsertParamsSchema = /* @__PURE__ */ outbound({
  /** The customer the invoice belongs to. */
  customerId: CustomerIdSchema,
  /** The plans the invoice is for. Defaults to none. */
  planIds: v.optional(v.array(CatalogIdSchema)),
  /** The processor's stable id for the invoice: inserting it again updates it. */
  stripeId: NonEmptyParamSchema,
  /** The processor that owns the invoice. Defaults to Stripe. */
  processorType: v.optional(v.picklist(BILLING_PROCESSORS)),
  /** The invoice's status. */
  status: v.picklist(INVOICE_STATUSES),
  /** The invoice's total, in major currency units. */
  total: v.number(),
  /** The amount paid, in major currency units. Defaults to null. */
  amountPaid: v.optional(v.nullable(v.number())),
  /** The amount refunded, in major currency units. Defaults to 0. */
  refundedAmount: v.optional(v.number()),
  /** The currency code (`usd`). Defaults to the organisation's currency. */
  currency: v.optional(NonEmptyParamSchema),
  /** Epoch ms of the invoice's creation. */
  createdAt: EpochMsParamSchema,
  /** The hosted page where the invoice can be viewed. */
  hostedInvoiceUrl: v.optional(v.nullable(v.string())),
});
/** A historical invoice to record. */
export type InvoiceInsertParams = CatalogParams<v.InferInput<typeof InvoiceInsertParamsSchema>>;

/** Params of `invoices.insert`. */
export const InvoicesInsertParamsSchema = /* @__PURE__ */ outbound({
  /** The invoices to insert or update, at most 500; they are answered in this order. */
  invoices: v.pipe(
    v.array(InvoiceInsertParamsSchema),
    v.maxLength(INVOICES_INSERT_LIMIT, `at most ${INVOICES_INSERT_LIMIT} invoices per call: split a larger import into calls of ${INVOICES_INSERT_LIMIT}`),
  ),
});
/** Params of `invoices.insert`. */
export type InvoicesInsertParams = CatalogParams<v.InferInput<typeof InvoicesInsertParamsSchema>>;

/** The answer to `invoices.insert`: each invoice as recorded, in the order sent. */
export const InvoicesInsertResponseSchema = /* @__PURE__ */ inbound({
  /** The invoices inserted or updated, in the order sent. */
  invoices: v.array(
    inbound(
      withEntries(invoiceRecord, {
        /** The customer the invoice belongs to. */
        customerId: v.string(),
      }),
    ),
  ),
});
/** The answer to `invoices.insert`. */
export type InvoicesInsertResponse = CatalogAnswer<v.InferOutput<typeof InvoicesInsertResponseSchema>>;
