import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type AttachPreview, AttachPreviewSchema } from "../models/billing-preview.js";
import { type BillingPreviewMultiAttachParams, BillingPreviewMultiAttachParamsSchema } from "../models/operations/billing-preview-multi-attach.js";

const operation: Operation<BillingPreviewMultiAttachParams, AttachPreview> = {
  path: "billing.preview_multi_attach",
  params: BillingPreviewMultiAttachParamsSchema,
  response: AttachPreviewSchema,
  // A preview changes nothing, so repeats are harmless.
  retry: "read",
};

/**
 * Previews what attaching several plans at once would charge, without changing anything.
 *
 * @example
 * ```ts
 * const res = await billingPreviewMultiAttach(autumn, { customerId: "user_123", plans: [{ planId: "pro" }, { planId: "analytics_addon" }] });
 * ```
 */
export function billingPreviewMultiAttach(core: AutumnCore, params: BillingPreviewMultiAttachParams, options?: RequestOptions): Promise<Result<AttachPreview>> {
  return send(core, operation, params, options);
}
