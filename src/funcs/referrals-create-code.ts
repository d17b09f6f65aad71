import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type ReferralsCreateCodeParams,
  ReferralsCreateCodeParamsSchema,
  type ReferralsCreateCodeResponse,
  ReferralsCreateCodeResponseSchema,
} from "../models/operations/referrals-create-code.js";

const operation: Operation<ReferralsCreateCodeParams, ReferralsCreateCodeResponse> = {
  path: "referrals.create_code",
  params: ReferralsCreateCodeParamsSchema,
  response: ReferralsCreateCodeResponseSchema,
  // Create-or-fetch: a repeat answers the same code and changes nothing, so it is retried as a read.
  retry: "read",
};

/**
 * Gives a customer their referral code for a program, creating it on the
 * first call: every later call for the same customer and program answers the
 * same code.
 *
 * @example
 * ```ts
 * const res = await referralsCreateCode(autumn, { customerId: "user_123", programId: "refer_a_friend" });
 * if (res.ok) console.log(`Share ${res.value.code}`);
 * ```
 */
export function referralsCreateCode(core: AutumnCore, params: ReferralsCreateCodeParams, options?: RequestOptions): Promise<Result<ReferralsCreateCodeResponse>> {
  return send(core, operation, params, options);
}
