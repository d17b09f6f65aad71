import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type BillingResult, BillingResultSchema } from "../models/billing.js";
import { type BillingUpdateParams, BillingUpdateParamsSchema } from "../models/operations/billing-update.js";

const operation: Operation<BillingUpdateParams, BillingResult> = {
  path: "billing.update",
  params: BillingUpdateParamsSchema,
  response: BillingResultSchema,
  // It changes or cancels a subscription and may charge: retried only under the Idempotency-Key.
  retry: "mutation",
};

/**
 * Changes a customer's plan: prepaid quantities, customisation, or cancellation.
 *
 * @example
 * ```ts
 * const res = await billingUpdate(autumn, { customerId: "user_123", planId: "pro", cancelAction: "cancel_end_of_cycle" });
 * ```
 */
export function billingUpdate(core: AutumnCore, params: BillingUpdateParams, options?: RequestOptions): Promise<Result<BillingResult>> {
  return send(core, operation, params, options);
}
