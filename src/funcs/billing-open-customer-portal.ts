import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type BillingOpenCustomerPortalParams, BillingOpenCustomerPortalParamsSchema, type CustomerPortal, CustomerPortalSchema } from "../models/operations/billing-open-customer-portal.js";

const operation: Operation<BillingOpenCustomerPortalParams, CustomerPortal> = {
  path: "billing.open_customer_portal",
  params: BillingOpenCustomerPortalParamsSchema,
  response: CustomerPortalSchema,
  // Each call creates a Stripe portal session: retried only under the Idempotency-Key.
  retry: "mutation",
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
export function billingOpenCustomerPortal(core: AutumnCore, params: BillingOpenCustomerPortalParams, options?: RequestOptions): Promise<Result<CustomerPortal>> {
  return send(core, operation, params, options);
}
