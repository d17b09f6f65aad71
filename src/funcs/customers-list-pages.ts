import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { walkCursorPages } from "../lib/paginate.js";
import type { Result } from "../lib/result.js";
import type { CustomerPage, CustomersListParams } from "../models/operations/customers-list.js";
import { customersList } from "./customers-list.js";

/**
 * Walks every page of customers, yielding each page's `Result`. It ends after
 * the last page (`nextCursor: null`) or after the first failed page, which it
 * yields; it never throws.
 *
 * @example
 * ```ts
 * for await (const page of customersListPages(autumn, { limit: 200 })) {
 *   if (!page.ok) { console.error(page.error); break; }
 *   for (const customer of page.value.list) console.log(customer.id);
 * }
 * ```
 */
export function customersListPages(
  core: AutumnCore,
  params: CustomersListParams = {},
  options?: RequestOptions,
): AsyncGenerator<Result<CustomerPage>, void, undefined> {
  return walkCursorPages(customersList, core, params, options);
}
