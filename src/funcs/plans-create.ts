import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Plan, PlanSchema } from "../models/plan.js";
import { type PlansCreateParams, PlansCreateParamsSchema } from "../models/operations/plans-create.js";

const operation: Operation<PlansCreateParams, Plan> = {
  path: "plans.create",
  params: PlansCreateParamsSchema,
  response: PlanSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Creates a plan: its base price, the features it grants and how they are billed.
 *
 * @example
 * ```ts
 * const res = await plansCreate(autumn, {
 *   planId: "pro",
 *   name: "Pro",
 *   price: { amount: 20, interval: "month" },
 *   items: [{ featureId: "messages", included: 1000, reset: { interval: "month" } }],
 * });
 * if (res.ok) console.log(res.value.version);
 * ```
 */
export function plansCreate(core: AutumnCore, params: PlansCreateParams, options?: RequestOptions): Promise<Result<Plan>> {
  return send(core, operation, params, options);
}
