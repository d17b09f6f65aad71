import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/request.js";
import * as retryPolicy from "../lib/retry-policy.js";
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
  retry: retryPolicy.plansDelete,
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
