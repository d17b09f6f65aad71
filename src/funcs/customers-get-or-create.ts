import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Customer, CustomerSchema } from "../models/customer.js";
import { type CustomersGetOrCreateParams, CustomersGetOrCreateParamsSchema } from "../models/operations/customers-get-or-create.js";

const operation: Operation<CustomersGetOrCreateParams, Customer> = {
  path: "customers.get_or_create",
  params: CustomersGetOrCreateParamsSchema,
  response: CustomerSchema,
  // Idempotent by design: a repeat returns the same customer, so it is retried like a read.
  retry: "read",
};

/**
 * Creates the customer if your id is new, or returns the existing one (filling in a missing name or email).
 * Call it at sign-up or login, before any billing call.
 *
 * @example
 * ```ts
 * const res = await customersGetOrCreate(autumn, { customerId: "user_123", name: "Jane Doe", email: "jane@example.com" });
 * if (res.ok) console.log(res.value.balances);
 * ```
 */
export function customersGetOrCreate(core: AutumnCore, params: CustomersGetOrCreateParams, options?: RequestOptions): Promise<Result<Customer>> {
  return send(core, operation, params, options);
}
