import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type PlanList,
  PlanListSchema,
  type PlansListParams,
  PlansListParamsSchema,
} from "../models/operations/plans-list.js";

const operation: Operation<PlansListParams, PlanList> = {
  path: "plans.list",
  params: PlansListParamsSchema,
  response: PlanListSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Lists every plan in one response (no pagination); with `customerId`, each plan says whether that customer could attach it.
 *
 * @example
 * ```ts
 * const res = await plansList(autumn, { customerId: "user_123" });
 * if (res.ok) for (const plan of res.value.list) console.log(plan.id, plan.customerEligibility?.attachAction);
 * ```
 */
export function plansList(core: AutumnCore, params: PlansListParams = {}, options?: RequestOptions): Promise<Result<PlanList>> {
  return send(core, operation, params, options);
}
