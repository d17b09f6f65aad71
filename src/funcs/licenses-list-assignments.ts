import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type LicenseAssignmentList,
  LicenseAssignmentListSchema,
  type LicensesListAssignmentsParams,
  LicensesListAssignmentsParamsSchema,
} from "../models/operations/licenses-list-assignments.js";

const operation: Operation<LicensesListAssignmentsParams, LicenseAssignmentList> = {
  path: "licenses.list_assignments",
  params: LicensesListAssignmentsParamsSchema,
  response: LicenseAssignmentListSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Lists which entities hold seats of a customer's license plans: the seats
 * held now, or with `active: false` the released ones too. The spec hides this
 * operation from SDKs, but Autumn serves it.
 *
 * @example
 * ```ts
 * const res = await licensesListAssignments(autumn, { customerId: "org_42", planId: "seat" });
 * if (res.ok) console.log(res.value.list.map((seat) => seat.entityId));
 * ```
 */
export function licensesListAssignments(
  core: AutumnCore,
  params: LicensesListAssignmentsParams,
  options?: RequestOptions,
): Promise<Result<LicenseAssignmentList>> {
  return send(core, operation, params, options);
}
