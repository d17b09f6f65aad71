import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { EntityIdSchema } from "../entity-params.js";
import { InvoiceRecordSchema } from "../invoice.js";
import { rule } from "../rules.js";
import { BILLING_PROCESSORS, INVOICE_STATUSES } from "../shared.js";

/** Params of `invoices.list`. */
export const InvoicesListParamsSchema = /* @__PURE__ */ v.pipe(
  outbound({
    /** The cursor from the previous page's `nextCursor`; omit for the first page. */
    startCursor: v.optional(v.string()),
    /** Invoices per page, 1 to 5000 (the server's ceiling). Defaults to 50. */
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5000))),
    /** Only the invoices of this customer. */
    customerId: v.optional(CustomerIdSchema),
    /** Only the invoices of this entity of `customerId`. */
    entityId: v.optional(EntityIdSchema),
    /** Only invoices with one of these statuses. */
    status: v.optional(v.array(v.picklist(INVOICE_STATUSES))),
    /** Only invoices of these processors; invoices recorded before processors were tracked count as Stripe's. */
    processorTypes: v.optional(v.array(v.picklist(BILLING_PROCESSORS))),
  }),
  rule("entityId", "needs customerId: an entity id is unique only within its customer", (wire) => wire["entity_id"] !== undefined && wire["customer_id"] === undefined),
);
/** Params of `invoices.list`. */
export type InvoicesListParams = CatalogParams<v.InferInput<typeof InvoicesListParamsSchema>>;

/** One page of invoices. */
export const InvoicePageSchema = /* @__PURE__ */ inbound({
  /** The invoices on this page. */
  list: v.array(InvoiceRecordSchema),
  /** The cursor of the next page; null on the last page. */
  nextCursor: v.nullable(v.string()),
});
/** One page of invoices. */
export type InvoicePage = CatalogAnswer<v.InferOutput<typeof InvoicePageSchema>>;
/** The answer to `invoices.list`: one page of invoices. */
export type InvoicesListResponse = InvoicePage;
