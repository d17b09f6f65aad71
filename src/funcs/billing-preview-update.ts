import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type BillingPreviewUpdateParams, BillingPreviewUpdateParamsSchema, type UpdatePreview, UpdatePreviewSchema } from "../models/operations/billing-preview-update.js";

const operation: Operation<BillingPreviewUpdateParams, UpdatePreview> = {
  path: "billing.preview_update",
  params: BillingPreviewUpdateParamsSchema,
  response: UpdatePreviewSchema,
  // A preview changes nothing, so repeats are harmless.
  retry: "read",
};

/**
 * Previews what changing a customer's plan would charge, without changing anything.
 *
 * @example
 * ```ts
 * const res = await billingPreviewUpdate(autumn, { customerId: "user_123", planId: "pro", featureQuantities: [{ featureId: "seats", quantity: 10 }] });
 * if (res.ok) console.log(res.value.intent, res.value.total);
 * ```
 */
export function billingPreviewUpdate(core: AutumnCore, params: BillingPreviewUpdateParams, options?: RequestOptions): Promise<Result<UpdatePreview>> {
  return send(core, operation, params, options);
}
