import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type ReferralProgram, ReferralProgramSchema } from "../models/referral-program.js";
import { type ReferralProgramsGetParams, ReferralProgramsGetParamsSchema } from "../models/operations/referral-programs-get.js";

const operation: Operation<ReferralProgramsGetParams, ReferralProgram> = {
  path: "referral_programs.get",
  params: ReferralProgramsGetParamsSchema,
  response: ReferralProgramSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Gets a referral program by id.
 *
 * @example
 * ```ts
 * const res = await referralProgramsGet(autumn, { referralProgramId: "refer_a_friend" });
 * if (res.ok) console.log(res.value.redeemOn, res.value.maxRedemptions);
 * ```
 */
export function referralProgramsGet(core: AutumnCore, params: ReferralProgramsGetParams, options?: RequestOptions): Promise<Result<ReferralProgram>> {
  return send(core, operation, params, options);
}
