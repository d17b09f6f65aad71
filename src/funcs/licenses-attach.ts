import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type LicensesAttachParams,
  LicensesAttachParamsSchema,
  type LicensesAttachResponse,
  LicensesAttachResponseSchema,
} from "../models/operations/licenses-attach.js";

const operation: Operation<LicensesAttachParams, LicensesAttachResponse> = {
  path: "licenses.attach",
  params: LicensesAttachParamsSchema,
  response: LicensesAttachResponseSchema,
  // Takes seats, which a repeat would find taken: retried only under its Idempotency-Key.
  retry: "mutation",
};

/**
 * Gives each entity a seat of a license plan that one of the customer's plans
 * offers, creating the entities that do not exist yet (they need a
 * `featureId`). A seat stays taken until `licensesRelease` frees it.
 *
 * @example
 * ```ts
 * const res = await licensesAttach(autumn, { customerId: "org_42", planId: "seat", entities: [{ entityId: "user_7", name: "Ada", featureId: "seats" }] });
 * if (!res.ok) console.error(res.error);
 * ```
 */
export function licensesAttach(core: AutumnCore, params: LicensesAttachParams, options?: RequestOptions): Promise<Result<LicensesAttachResponse>> {
  return send(core, operation, params, options);
}
