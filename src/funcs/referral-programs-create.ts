import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type ReferralProgram, ReferralProgramSchema } from "../models/referral-program.js";
import { type ReferralProgramsCreateParams, ReferralProgramsCreateParamsSchema } from "../models/operations/referral-programs-create.js";

const operation: Operation<ReferralProgramsCreateParams, ReferralProgram> = {
  path: "referral_programs.create",
  params: ReferralProgramsCreateParamsSchema,
  response: ReferralProgramSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Creates a referral program: the reward (which must exist) a referral code
 * earns, when it is granted and to whom. A `checkout` program needs the
 * `planIds` whose checkout grants it.
 *
 * @example
 * ```ts
 * const res = await referralProgramsCreate(autumn, { id: "refer_a_friend", rewardId: "beta_credits_grant", redeemOn: "customer_creation", receivedBy: "referrer", maxRedemptions: 10 });
 * if (res.ok) console.log(res.value.createdAt);
 * ```
 */
export function referralProgramsCreate(core: AutumnCore, params: ReferralProgramsCreateParams, options?: RequestOptions): Promise<Result<ReferralProgram>> {
  return send(core, operation, params, options);
}
