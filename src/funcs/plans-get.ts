import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Plan, PlanSchema } from "../models/plan.js";
import { type PlansGetParams, PlansGetParamsSchema } from "../models/operations/plans-get.js";

const operation: Operation<PlansGetParams, Plan> = {
  path: "plans.get",
  params: PlansGetParamsSchema,
  response: PlanSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Gets a plan by id, at its latest version unless `version` says otherwise.
 *
 * @example
 * ```ts
 * const res = await plansGet(autumn, { planId: "pro" });
 * if (res.ok) for (const item of res.value.items) console.log(item.featureId, item.included);
 * ```
 */
export function plansGet(core: AutumnCore, params: PlansGetParams, options?: RequestOptions): Promise<Result<Plan>> {
  return send(core, operation, params, options);
}
