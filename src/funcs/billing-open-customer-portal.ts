import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/request.js";
import * as retryPolicy from "../lib/retry-policy.js";
import type { Result } from "../lib/result.js";
import { type OpenCustomerPortalParams, OpenCustomerPortalParamsSchema, type CustomerPortal, CustomerPortalSchema } from "../models/operations/billing-open-customer-portal.js";

const operation: Operation<OpenCustomerPortalParams, CustomerPortal> = {
  path: "billing.open_customer_portal",
  params: OpenCustomerPortalParamsSchema,
  response: CustomerPortalSchema,
  retry: retryPolicy.billingOpenCustomerPortal,
};

/**
 * Opens a Stripe billing portal session where the customer manages payment methods and invoices.
 *
 * @example
 * ```ts
 * const res = await billingOpenCustomerPortal(autumn, { customerId: "user_123", returnUrl: "https://app.example.com/settings" });
 * if (res.ok) redirect(res.value.url);
 * ```
 */
export function billingOpenCustomerPortal(core: AutumnCore, params: OpenCustomerPortalParams, options?: RequestOptions): Promise<Result<CustomerPortal>> {
  return send(core, operation, params, options);
}
