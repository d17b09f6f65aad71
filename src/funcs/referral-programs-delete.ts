import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type ReferralProgramsDeleteParams,
  ReferralProgramsDeleteParamsSchema,
  type ReferralProgramsDeleteResponse,
  ReferralProgramsDeleteResponseSchema,
} from "../models/operations/referral-programs-delete.js";

const operation: Operation<ReferralProgramsDeleteParams, ReferralProgramsDeleteResponse> = {
  path: "referral_programs.delete",
  params: ReferralProgramsDeleteParamsSchema,
  response: ReferralProgramsDeleteResponseSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Deletes a referral program.
 *
 * @example
 * ```ts
 * const res = await referralProgramsDelete(autumn, { referralProgramId: "refer_a_friend" });
 * if (!res.ok) console.error(res.error);
 * ```
 */
export function referralProgramsDelete(
  core: AutumnCore,
  params: ReferralProgramsDeleteParams,
  options?: RequestOptions,
): Promise<Result<ReferralProgramsDeleteResponse>> {
  return send(core, operation, params, options);
}
