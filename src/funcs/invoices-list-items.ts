import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { walkCursorItems } from "../lib/paginate.js";
import type { Result } from "../lib/result.js";
import type { InvoicePage, InvoicesListParams } from "../models/operations/invoices-list.js";
import { invoicesList } from "./invoices-list.js";

/**
 * Walks every invoice across the pages of `invoices.list`, yielding each as an ok
 * `Result`. A page that fails ends the walk with that failure as the last
 * element, so it cannot pass unnoticed; it never throws.
 *
 * @example
 * ```ts
 * for await (const invoice of invoicesListItems(autumn, { customerId: "user_123" })) {
 *   if (!invoice.ok) { console.error(invoice.error); break; }
 *   console.log(invoice.value.id, invoice.value.status);
 * }
 * ```
 */
export function invoicesListItems(
  core: AutumnCore,
  params: InvoicesListParams = {},
  options?: RequestOptions,
): AsyncGenerator<Result<InvoicePage["list"][number]>, void, undefined> {
  return walkCursorItems(invoicesList, core, params, options);
}
