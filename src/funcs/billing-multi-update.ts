import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type BillingResult, BillingResultSchema } from "../models/billing.js";
import { type BillingMultiUpdateParams, BillingMultiUpdateParamsSchema } from "../models/operations/billing-multi-update.js";

const operation: Operation<BillingMultiUpdateParams, BillingResult> = {
  path: "billing.multi_update",
  params: BillingMultiUpdateParamsSchema,
  response: BillingResultSchema,
  // It cancels or restores subscriptions and may refund: retried only under the Idempotency-Key.
  retry: "mutation",
};

/**
 * Cancels or uncancels several of a customer's plans at once.
 *
 * @example
 * ```ts
 * const res = await billingMultiUpdate(autumn, {
 *   customerId: "user_123",
 *   updates: [{ planId: "pro", cancelAction: "cancel_end_of_cycle" }, { planId: "analytics_addon", cancelAction: "cancel_immediately" }],
 * });
 * ```
 */
export function billingMultiUpdate(core: AutumnCore, params: BillingMultiUpdateParams, options?: RequestOptions): Promise<Result<BillingResult>> {
  return send(core, operation, params, options);
}
