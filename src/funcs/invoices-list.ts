import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type InvoicePage,
  InvoicePageSchema,
  type InvoicesListParams,
  InvoicesListParamsSchema,
} from "../models/operations/invoices-list.js";

const operation: Operation<InvoicesListParams, InvoicePage> = {
  path: "invoices.list",
  params: InvoicesListParamsSchema,
  response: InvoicePageSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Lists one page of invoices, newest first, of every customer or of one.
 * Pass `nextCursor` as `startCursor` for the next page, or use `invoicesListPages` to walk them all.
 *
 * @example
 * ```ts
 * const res = await invoicesList(autumn, { customerId: "user_123", status: ["open"] });
 * if (res.ok) for (const invoice of res.value.list) console.log(invoice.id, invoice.total, invoice.hostedInvoiceUrl);
 * ```
 */
export function invoicesList(core: AutumnCore, params: InvoicesListParams = {}, options?: RequestOptions): Promise<Result<InvoicePage>> {
  return send(core, operation, params, options);
}
