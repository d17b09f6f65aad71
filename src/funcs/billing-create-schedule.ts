import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type BillingCreateScheduleParams, BillingCreateScheduleParamsSchema, type Schedule, ScheduleSchema } from "../models/operations/billing-create-schedule.js";

const operation: Operation<BillingCreateScheduleParams, Schedule> = {
  path: "billing.create_schedule",
  params: BillingCreateScheduleParamsSchema,
  response: ScheduleSchema,
  // It creates a Stripe subscription schedule and may charge: retried only under the Idempotency-Key.
  retry: "mutation",
};

/**
 * Creates a schedule of plan phases: the plans that apply now and from later dates.
 *
 * @example
 * ```ts
 * const res = await billingCreateSchedule(autumn, {
 *   customerId: "user_123",
 *   phases: [
 *     { startsAt: "now", plans: [{ planId: "pro_intro" }] },
 *     { startingAfter: { durationType: "month", durationCount: 3 }, plans: [{ planId: "pro" }] },
 *   ],
 * });
 * ```
 */
export function billingCreateSchedule(core: AutumnCore, params: BillingCreateScheduleParams, options?: RequestOptions): Promise<Result<Schedule>> {
  return send(core, operation, params, options);
}
