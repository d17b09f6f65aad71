import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type BillingResult, BillingResultSchema } from "../models/billing.js";
import { type BillingMultiAttachParams, BillingMultiAttachParamsSchema } from "../models/operations/billing-multi-attach.js";

const operation: Operation<BillingMultiAttachParams, BillingResult> = {
  path: "billing.multi_attach",
  params: BillingMultiAttachParamsSchema,
  response: BillingResultSchema,
  // It can create subscriptions or charge the card: retried only under the Idempotency-Key.
  retry: "mutation",
};

/**
 * Attaches several plans at once, on one subscription and one checkout.
 *
 * @example
 * ```ts
 * const res = await billingMultiAttach(autumn, { customerId: "user_123", plans: [{ planId: "pro" }, { planId: "analytics_addon" }] });
 * ```
 */
export function billingMultiAttach(core: AutumnCore, params: BillingMultiAttachParams, options?: RequestOptions): Promise<Result<BillingResult>> {
  return send(core, operation, params, options);
}
