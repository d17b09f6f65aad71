import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type BillingResult, BillingResultSchema } from "../models/billing.js";
import { type BillingAttachParams, BillingAttachParamsSchema } from "../models/operations/billing-attach.js";

const operation: Operation<BillingAttachParams, BillingResult> = {
  path: "billing.attach",
  params: BillingAttachParamsSchema,
  response: BillingResultSchema,
  // It can create a subscription or charge the card: retried only under the Idempotency-Key.
  retry: "mutation",
};

/**
 * Attaches a plan to a customer: charges the saved card, or returns a `paymentUrl` for checkout.
 *
 * @example
 * ```ts
 * const res = await billingAttach(autumn, { customerId: "user_123", planId: "pro", successUrl: "https://app.example.com/billing" });
 * if (res.ok && res.value.paymentUrl) redirect(res.value.paymentUrl);
 * ```
 */
export function billingAttach(core: AutumnCore, params: BillingAttachParams, options?: RequestOptions): Promise<Result<BillingResult>> {
  return send(core, operation, params, options);
}
