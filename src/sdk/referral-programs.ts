import type { AutumnCore } from "../core.js";
import { referralProgramsCreate } from "../funcs/referral-programs-create.js";
import { referralProgramsDelete } from "../funcs/referral-programs-delete.js";
import { referralProgramsGet } from "../funcs/referral-programs-get.js";
import { referralProgramsList } from "../funcs/referral-programs-list.js";
import { referralProgramsUpdate } from "../funcs/referral-programs-update.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync } from "../lib/result.js";
import type { ReferralProgramsCreateParams } from "../models/operations/referral-programs-create.js";
import type { ReferralProgramsDeleteParams, ReferralProgramsDeleteResponse } from "../models/operations/referral-programs-delete.js";
import type { ReferralProgramsGetParams } from "../models/operations/referral-programs-get.js";
import type { ReferralProgramList, ReferralProgramsListParams } from "../models/operations/referral-programs-list.js";
import type { ReferralProgramsUpdateParams } from "../models/operations/referral-programs-update.js";
import type { ReferralProgram } from "../models/referral-program.js";

/** Referral programs: the reward a referral code earns, when and for whom. Methods throw on error. */
export class ReferralPrograms {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Creates a referral program. */
  create(params: ReferralProgramsCreateParams, options?: RequestOptions): Promise<ReferralProgram> {
    return unwrapAsync(referralProgramsCreate(this.#core, params, options));
  }

  /** Lists every referral program. */
  list(params?: ReferralProgramsListParams, options?: RequestOptions): Promise<ReferralProgramList> {
    return unwrapAsync(referralProgramsList(this.#core, params, options));
  }

  /** Gets a referral program by id. */
  get(params: ReferralProgramsGetParams, options?: RequestOptions): Promise<ReferralProgram> {
    return unwrapAsync(referralProgramsGet(this.#core, params, options));
  }

  /** Changes a referral program. */
  update(params: ReferralProgramsUpdateParams, options?: RequestOptions): Promise<ReferralProgram> {
    return unwrapAsync(referralProgramsUpdate(this.#core, params, options));
  }

  /** Deletes a referral program. */
  delete(params: ReferralProgramsDeleteParams, options?: RequestOptions): Promise<ReferralProgramsDeleteResponse> {
    return unwrapAsync(referralProgramsDelete(this.#core, params, options));
  }
}
