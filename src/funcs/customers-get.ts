import type { AutumnCore } from "../core.js";
import type { Client, CustomerClient, ForCustomer } from "../lib/client.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Customer, CustomerSchema } from "../models/customer.js";
import { type CustomersGetParams, CustomersGetParamsSchema } from "../models/operations/customers-get.js";

const operation: Operation<CustomersGetParams, Customer> = {
  path: "customers.get",
  params: CustomersGetParamsSchema,
  response: CustomerSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Gets a customer by your id, with optional related data (`expand`).
 *
 * With a `CustomerCore` (a customer's token), leave `customerId` out: it is the token's customer.
 *
 * @example
 * ```ts
 * const res = await customersGet(autumn, { customerId: "user_123", expand: ["subscriptions.plan"] });
 * if (!res.ok && res.error.name === "AutumnAPIError" && res.error.code === "customer_not_found") { … }
 * ```
 */
export function customersGet(core: CustomerClient, params?: ForCustomer<CustomersGetParams>, options?: RequestOptions): Promise<Result<Customer>>;
export function customersGet(core: AutumnCore, params: CustomersGetParams, options?: RequestOptions): Promise<Result<Customer>>;
export function customersGet(core: Client, params: CustomersGetParams | ForCustomer<CustomersGetParams> = {} as CustomersGetParams, options?: RequestOptions): Promise<Result<Customer>> {
  return send(core, operation, params as CustomersGetParams, options);
}
