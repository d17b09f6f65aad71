import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type InvoicesInsertParams,
  InvoicesInsertParamsSchema,
  type InvoicesInsertResponse,
  InvoicesInsertResponseSchema,
} from "../models/operations/invoices-insert.js";

const operation: Operation<InvoicesInsertParams, InvoicesInsertResponse> = {
  path: "invoices.insert",
  params: InvoicesInsertParamsSchema,
  response: InvoicesInsertResponseSchema,
  // Writes invoices; a late repeat would overwrite a newer write of the same ones, so only under its Idempotency-Key.
  retry: "mutation",
};

/**
 * Records up to 500 historical invoices (an import from another billing
 * system), or updates those already recorded under the same processor id.
 * No processor is read or changed. More than 500 is a
 * `RequestValidationError` on `invoices`, and nothing is sent.
 *
 * @example
 * ```ts
 * const res = await invoicesInsert(autumn, {
 *   invoices: [{ customerId: "user_123", stripeId: "in_legacy_1", status: "paid", total: 29.99, currency: "usd", createdAt: 1_704_067_200_000 }],
 * });
 * if (res.ok) console.log(res.value.invoices[0]?.id);
 * ```
 */
export function invoicesInsert(core: AutumnCore, params: InvoicesInsertParams, options?: RequestOptions): Promise<Result<InvoicesInsertResponse>> {
  return send(core, operation, params, options);
}
