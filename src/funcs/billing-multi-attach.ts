import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type BillingResult, BillingResultSchema } from "../models/billing.js";
import { type MultiAttachParams, MultiAttachParamsSchema } from "../models/operations/billing-multi-attach.js";

const operation: Operation<MultiAttachParams, BillingResult> = {
  path: "billing.multi_attach",
  params: MultiAttachParamsSchema,
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
export function billingMultiAttach(core: AutumnCore, params: MultiAttachParams, options?: RequestOptions): Promise<Result<BillingResult>> {
  return send(core, operation, params, options);
}
