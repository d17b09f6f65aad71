import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type PlansDeleteParams,
  PlansDeleteParamsSchema,
  type PlansDeleteResponse,
  PlansDeleteResponseSchema,
} from "../models/operations/plans-delete.js";

const operation: Operation<PlansDeleteParams, PlansDeleteResponse> = {
  path: "plans.delete",
  params: PlansDeleteParamsSchema,
  response: PlansDeleteResponseSchema,
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
export function plansDelete(core: AutumnCore, params: PlansDeleteParams, options?: RequestOptions): Promise<Result<PlansDeleteResponse>> {
  return send(core, operation, params, options);
}
