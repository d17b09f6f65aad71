import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type DeletePlanParams,
  DeletePlanParamsSchema,
  type DeletePlanResponse,
  DeletePlanResponseSchema,
} from "../models/operations/plans-delete.js";

const operation: Operation<DeletePlanParams, DeletePlanResponse> = {
  path: "plans.delete",
  params: DeletePlanParamsSchema,
  response: DeletePlanResponseSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Deletes a plan's latest version, or with `allVersions` every version.
 *
 * @example
 * ```ts
 * const res = await plansDelete(autumn, { planId: "legacy_pro", allVersions: true });
 * if (res.ok) console.log(res.value.success);
 * ```
 */
export function plansDelete(core: AutumnCore, params: DeletePlanParams, options?: RequestOptions): Promise<Result<DeletePlanResponse>> {
  return send(core, operation, params, options);
}
