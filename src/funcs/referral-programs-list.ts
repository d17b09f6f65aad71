import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type ReferralProgramList,
  ReferralProgramListSchema,
  type ReferralProgramsListParams,
  ReferralProgramsListParamsSchema,
} from "../models/operations/referral-programs-list.js";

const operation: Operation<ReferralProgramsListParams, ReferralProgramList> = {
  path: "referral_programs.list",
  params: ReferralProgramsListParamsSchema,
  response: ReferralProgramListSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Lists every referral program of the organisation.
 *
 * @example
 * ```ts
 * const res = await referralProgramsList(autumn);
 * if (res.ok) for (const program of res.value.list) console.log(program.id, program.rewardId);
 * ```
 */
export function referralProgramsList(core: AutumnCore, params: ReferralProgramsListParams = {}, options?: RequestOptions): Promise<Result<ReferralProgramList>> {
  return send(core, operation, params, options);
}
