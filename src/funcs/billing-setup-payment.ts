import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type BillingSetupPaymentParams, BillingSetupPaymentParamsSchema, type PaymentSetup, PaymentSetupSchema } from "../models/operations/billing-setup-payment.js";

const operation: Operation<BillingSetupPaymentParams, PaymentSetup> = {
  path: "billing.setup_payment",
  params: BillingSetupPaymentParamsSchema,
  response: PaymentSetupSchema,
  // Each call creates a Stripe setup session: retried only under the Idempotency-Key.
  retry: "mutation",
};

/**
 * Returns a page where the customer saves a payment method, optionally attaching a plan afterwards.
 *
 * @example
 * ```ts
 * const res = await billingSetupPayment(autumn, { customerId: "user_123", successUrl: "https://app.example.com/billing" });
 * if (res.ok) redirect(res.value.url);
 * ```
 */
export function billingSetupPayment(core: AutumnCore, params: BillingSetupPaymentParams, options?: RequestOptions): Promise<Result<PaymentSetup>> {
  return send(core, operation, params, options);
}
