import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type CustomerPage,
  CustomerPageSchema,
  type CustomersListParams,
  CustomersListParamsSchema,
} from "../models/operations/customers-list.js";

const operation: Operation<CustomersListParams, CustomerPage> = {
  path: "customers.list",
  params: CustomersListParamsSchema,
  response: CustomerPageSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Lists one page of customers, newest first unless `sortOrder` says otherwise.
 * Pass `nextCursor` as `startCursor` for the next page, or use `customersListPages` to walk them all.
 *
 * @example
 * ```ts
 * const res = await customersList(autumn, { limit: 100, search: "acme" });
 * if (res.ok) console.log(res.value.list.length, res.value.nextCursor);
 * ```
 */
export function customersList(core: AutumnCore, params: CustomersListParams = {}, options?: RequestOptions): Promise<Result<CustomerPage>> {
  return send(core, operation, params, options);
}
