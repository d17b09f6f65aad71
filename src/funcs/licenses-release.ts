import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type LicensesReleaseParams,
  LicensesReleaseParamsSchema,
  type LicensesReleaseResponse,
  LicensesReleaseResponseSchema,
} from "../models/operations/licenses-release.js";

const operation: Operation<LicensesReleaseParams, LicensesReleaseResponse> = {
  path: "licenses.release",
  params: LicensesReleaseParamsSchema,
  response: LicensesReleaseResponseSchema,
  // Frees seats; a late repeat could free a seat given again in between, so only under its Idempotency-Key.
  retry: "mutation",
};

/**
 * Frees the seats the entities hold, of one license plan or of all.
 *
 * @example
 * ```ts
 * const res = await licensesRelease(autumn, { customerId: "org_42", licensePlanId: "seat", entityIds: ["user_7"] });
 * if (!res.ok) console.error(res.error);
 * ```
 */
export function licensesRelease(core: AutumnCore, params: LicensesReleaseParams, options?: RequestOptions): Promise<Result<LicensesReleaseResponse>> {
  return send(core, operation, params, options);
}
