import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { walkCursorPages } from "../lib/paginate.js";
import type { Result } from "../lib/result.js";
import type { InvoicePage, InvoicesListParams } from "../models/operations/invoices-list.js";
import { invoicesList } from "./invoices-list.js";

/**
 * Walks every page of invoices, yielding each page's `Result`. It ends after
 * the last page (`nextCursor: null`) or after the first failed page, which it
 * yields; it never throws.
 *
 * @example
 * ```ts
 * for await (const page of invoicesListPages(autumn, { limit: 1000, status: ["paid"] })) {
 *   if (!page.ok) { console.error(page.error); break; }
 *   for (const invoice of page.value.list) console.log(invoice.id, invoice.amountPaid);
 * }
 * ```
 */
export function invoicesListPages(
  core: AutumnCore,
  params: InvoicesListParams = {},
  options?: RequestOptions,
): AsyncGenerator<Result<InvoicePage>, void, undefined> {
  return walkCursorPages(invoicesList, core, params, options);
}
