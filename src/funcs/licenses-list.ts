import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type LicenseList,
  LicenseListSchema,
  type LicensesListParams,
  LicensesListParamsSchema,
} from "../models/operations/licenses-list.js";

const operation: Operation<LicensesListParams, LicenseList> = {
  path: "licenses.list",
  params: LicensesListParamsSchema,
  response: LicenseListSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Lists a customer's seat pools: for each license plan its plans offer, the
 * seats granted, used and remaining. The spec hides this operation from SDKs,
 * but Autumn serves it.
 *
 * @example
 * ```ts
 * const res = await licensesList(autumn, { customerId: "org_42" });
 * if (res.ok) for (const pool of res.value.list) console.log(pool.licensePlanId, pool.remaining);
 * ```
 */
export function licensesList(core: AutumnCore, params: LicensesListParams, options?: RequestOptions): Promise<Result<LicenseList>> {
  return send(core, operation, params, options);
}
