import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type BillingPreviewMultiUpdateParams, BillingPreviewMultiUpdateParamsSchema, type MultiUpdatePreview, MultiUpdatePreviewSchema } from "../models/operations/billing-preview-multi-update.js";

const operation: Operation<BillingPreviewMultiUpdateParams, MultiUpdatePreview> = {
  path: "billing.preview_multi_update",
  params: BillingPreviewMultiUpdateParamsSchema,
  response: MultiUpdatePreviewSchema,
  // A preview changes nothing, so repeats are harmless.
  retry: "read",
};

/**
 * Previews several plan updates, one preview per affected subscription, without changing anything.
 *
 * @example
 * ```ts
 * const res = await billingPreviewMultiUpdate(autumn, { customerId: "user_123", updates: [{ planId: "pro", cancelAction: "cancel_immediately" }] });
 * if (res.ok) for (const sub of res.value.subscriptions) console.log(sub.planIds, sub.total);
 * ```
 */
export function billingPreviewMultiUpdate(core: AutumnCore, params: BillingPreviewMultiUpdateParams, options?: RequestOptions): Promise<Result<MultiUpdatePreview>> {
  return send(core, operation, params, options);
}
