import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Plan, PlanSchema } from "../models/plan.js";
import { type PlansUpdateParams, PlansUpdateParamsSchema } from "../models/operations/plans-update.js";

const operation: Operation<PlansUpdateParams, Plan> = {
  path: "plans.update",
  params: PlansUpdateParamsSchema,
  response: PlanSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Updates a plan; a change to a plan customers already have creates a new version unless `disableVersion` is set.
 *
 * @example
 * ```ts
 * const res = await plansUpdate(autumn, { planId: "pro", price: { amount: 25, interval: "month" } });
 * if (res.ok) console.log(res.value.version);
 * ```
 */
export function plansUpdate(core: AutumnCore, params: PlansUpdateParams, options?: RequestOptions): Promise<Result<Plan>> {
  return send(core, operation, params, options);
}
