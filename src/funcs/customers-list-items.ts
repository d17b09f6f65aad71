import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { walkCursorItems } from "../lib/paginate.js";
import type { Result } from "../lib/result.js";
import type { CustomersListParams, CustomerPage } from "../models/operations/customers-list.js";
import { customersList } from "./customers-list.js";

/**
 * Walks every customer across the pages of `customers.list`, yielding each as an ok
 * `Result`. A page that fails ends the walk with that failure as the last
 * element, so it cannot pass unnoticed; it never throws.
 *
 * @example
 * ```ts
 * for await (const customer of customersListItems(autumn, { limit: 200 })) {
 *   if (!customer.ok) { console.error(customer.error); break; }
 *   console.log(customer.value.id);
 * }
 * ```
 */
export function customersListItems(
  core: AutumnCore,
  params: CustomersListParams = {},
  options?: RequestOptions,
): AsyncGenerator<Result<CustomerPage["list"][number]>, void, undefined> {
  return walkCursorItems(customersList, core, params, options);
}
