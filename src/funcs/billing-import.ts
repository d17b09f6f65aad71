import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type BillingImport, type BillingImportParams, BillingImportParamsSchema, BillingImportSchema } from "../models/operations/billing-import.js";

const operation: Operation<BillingImportParams, BillingImport> = {
  path: "billing.import",
  params: BillingImportParamsSchema,
  response: BillingImportSchema,
  // A dry run only computes; a real import writes customer products, so it goes under the Idempotency-Key.
  retry: (params) => (params.dryRun === true ? "read" : "mutation"),
};

/**
 * Imports a customer's existing subscriptions and purchases from Stripe or RevenueCat into Autumn.
 *
 * @example
 * ```ts
 * const res = await billingImport(autumn, {
 *   customerId: "user_123",
 *   processors: [{ type: "stripe", id: "cus_Q1w2e3" }],
 *   billables: [{ processor: "stripe", link: { subscriptionId: "sub_1Abc" }, plan: { planId: "pro" } }],
 *   dryRun: true,
 * });
 * ```
 */
export function billingImport(core: AutumnCore, params: BillingImportParams, options?: RequestOptions): Promise<Result<BillingImport>> {
  return send(core, operation, params, options);
}
