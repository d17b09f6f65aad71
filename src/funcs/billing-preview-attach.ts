import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type AttachPreview, AttachPreviewSchema } from "../models/billing-preview.js";
import { type BillingPreviewAttachParams, BillingPreviewAttachParamsSchema } from "../models/operations/billing-preview-attach.js";

const operation: Operation<BillingPreviewAttachParams, AttachPreview> = {
  path: "billing.preview_attach",
  params: BillingPreviewAttachParamsSchema,
  response: AttachPreviewSchema,
  // A preview changes nothing, so repeats are harmless.
  retry: "read",
};

/**
 * Previews what attaching a plan would charge now and next cycle, without changing anything.
 *
 * @example
 * ```ts
 * const res = await billingPreviewAttach(autumn, { customerId: "user_123", planId: "pro" });
 * if (res.ok) console.log(res.value.total, res.value.currency, res.value.redirectToCheckout);
 * ```
 */
export function billingPreviewAttach(core: AutumnCore, params: BillingPreviewAttachParams, options?: RequestOptions): Promise<Result<AttachPreview>> {
  return send(core, operation, params, options);
}
