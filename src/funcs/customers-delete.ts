import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type CustomersDeleteParams,
  CustomersDeleteParamsSchema,
  type CustomersDeleteResponse,
  CustomersDeleteResponseSchema,
} from "../models/operations/customers-delete.js";

const operation: Operation<CustomersDeleteParams, CustomersDeleteResponse> = {
  path: "customers.delete",
  params: CustomersDeleteParamsSchema,
  response: CustomersDeleteResponseSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Deletes a customer, and with `deleteInStripe` its Stripe customer too.
 *
 * @example
 * ```ts
 * const res = await customersDelete(autumn, { customerId: "user_123" });
 * if (res.ok) console.log(res.value.success);
 * ```
 */
export function customersDelete(core: AutumnCore, params: CustomersDeleteParams, options?: RequestOptions): Promise<Result<CustomersDeleteResponse>> {
  return send(core, operation, params, options);
}
