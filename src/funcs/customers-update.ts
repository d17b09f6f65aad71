import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Customer, CustomerSchema } from "../models/customer.js";
import { type CustomersUpdateParams, CustomersUpdateParamsSchema } from "../models/operations/customers-update.js";

const operation: Operation<CustomersUpdateParams, Customer> = {
  path: "customers.update",
  params: CustomersUpdateParamsSchema,
  response: CustomerSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Updates a customer. Metadata is merged: a key set to `null` is deleted.
 * `stripeId: null` unlinks Stripe; `newCustomerId` renames the customer.
 *
 * @example
 * ```ts
 * const res = await customersUpdate(autumn, { customerId: "user_123", metadata: { plan_source: "sales", legacy: null } });
 * ```
 */
export function customersUpdate(core: AutumnCore, params: CustomersUpdateParams, options?: RequestOptions): Promise<Result<Customer>> {
  return send(core, operation, params, options);
}
