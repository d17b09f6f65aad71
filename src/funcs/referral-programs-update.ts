import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type ReferralProgram, ReferralProgramSchema } from "../models/referral-program.js";
import { type ReferralProgramsUpdateParams, ReferralProgramsUpdateParamsSchema } from "../models/operations/referral-programs-update.js";

const operation: Operation<ReferralProgramsUpdateParams, ReferralProgram> = {
  path: "referral_programs.update",
  params: ReferralProgramsUpdateParamsSchema,
  response: ReferralProgramSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Changes a referral program; what is left out keeps its value.
 *
 * @example
 * ```ts
 * const res = await referralProgramsUpdate(autumn, { referralProgramId: "refer_a_friend", receivedBy: "all" });
 * if (!res.ok) console.error(res.error);
 * ```
 */
export function referralProgramsUpdate(core: AutumnCore, params: ReferralProgramsUpdateParams, options?: RequestOptions): Promise<Result<ReferralProgram>> {
  return send(core, operation, params, options);
}
