import type { AutumnCore } from "../core.js";
import { licensesAttach } from "../funcs/licenses-attach.js";
import { licensesList } from "../funcs/licenses-list.js";
import { licensesListAssignments } from "../funcs/licenses-list-assignments.js";
import { licensesRelease } from "../funcs/licenses-release.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync } from "../lib/result.js";
import type { LicensesAttachParams, LicensesAttachResponse } from "../models/operations/licenses-attach.js";
import type { LicenseList, LicensesListParams } from "../models/operations/licenses-list.js";
import type { LicenseAssignmentList, LicensesListAssignmentsParams } from "../models/operations/licenses-list-assignments.js";
import type { LicensesReleaseParams, LicensesReleaseResponse } from "../models/operations/licenses-release.js";

/** Licenses: the seats of license plans that a customer's plans offer, given to and taken from entities. Methods throw on error. */
export class Licenses {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Gives each entity a seat of a license plan. */
  attach(params: LicensesAttachParams, options?: RequestOptions): Promise<LicensesAttachResponse> {
    return unwrapAsync(licensesAttach(this.#core, params, options));
  }

  /** Frees the seats the entities hold. */
  release(params: LicensesReleaseParams, options?: RequestOptions): Promise<LicensesReleaseResponse> {
    return unwrapAsync(licensesRelease(this.#core, params, options));
  }

  /** Lists a customer's seat pools (hidden in the spec, served by Autumn). */
  list(params: LicensesListParams, options?: RequestOptions): Promise<LicenseList> {
    return unwrapAsync(licensesList(this.#core, params, options));
  }

  /** Lists which entities hold seats (hidden in the spec, served by Autumn). */
  listAssignments(params: LicensesListAssignmentsParams, options?: RequestOptions): Promise<LicenseAssignmentList> {
    return unwrapAsync(licensesListAssignments(this.#core, params, options));
  }
}
