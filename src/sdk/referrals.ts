import type { AutumnCore } from "../core.js";
import { referralProgramsCreate } from "../funcs/referral-programs-create.js";
import { referralProgramsDelete } from "../funcs/referral-programs-delete.js";
import { referralProgramsGet } from "../funcs/referral-programs-get.js";
import { referralProgramsList } from "../funcs/referral-programs-list.js";
import { referralProgramsUpdate } from "../funcs/referral-programs-update.js";
import { referralsCreateCode } from "../funcs/referrals-create-code.js";
import { referralsRedeemCode } from "../funcs/referrals-redeem-code.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync } from "../lib/result.js";
import type { ReferralProgramsCreateParams } from "../models/operations/referral-programs-create.js";
import type { ReferralProgramsDeleteParams, ReferralProgramsDeleteResponse } from "../models/operations/referral-programs-delete.js";
import type { ReferralProgramsGetParams } from "../models/operations/referral-programs-get.js";
import type { ReferralProgramList, ReferralProgramsListParams } from "../models/operations/referral-programs-list.js";
import type { ReferralProgramsUpdateParams } from "../models/operations/referral-programs-update.js";
import type { ReferralsCreateCodeParams, ReferralsCreateCodeResponse } from "../models/operations/referrals-create-code.js";
import type { ReferralsRedeemCodeParams, ReferralsRedeemCodeResponse } from "../models/operations/referrals-redeem-code.js";
import type { ReferralProgram } from "../models/referral-program.js";

/** Referrals: a referrer's code for a program, and its redemption by the customers they referred. Methods throw on error. */
export class Referrals {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Gives a customer their referral code for a program, the same on every call. */
  createCode(params: ReferralsCreateCodeParams, options?: RequestOptions): Promise<ReferralsCreateCodeResponse> {
    return unwrapAsync(referralsCreateCode(this.#core, params, options));
  }

  /** Redeems a referral code for the customer who was referred. */
  redeemCode(params: ReferralsRedeemCodeParams, options?: RequestOptions): Promise<ReferralsRedeemCodeResponse> {
    return unwrapAsync(referralsRedeemCode(this.#core, params, options));
  }

  // The program methods under the names of Autumn's current SDK; `autumn.referralPrograms` has them too.

  /** Creates a referral program: `referralPrograms.create` under the name of Autumn's current SDK. */
  createProgram(params: ReferralProgramsCreateParams, options?: RequestOptions): Promise<ReferralProgram> {
    return unwrapAsync(referralProgramsCreate(this.#core, params, options));
  }

  /** Gets a referral program by id: `referralPrograms.get` under the name of Autumn's current SDK. */
  getProgram(params: ReferralProgramsGetParams, options?: RequestOptions): Promise<ReferralProgram> {
    return unwrapAsync(referralProgramsGet(this.#core, params, options));
  }

  /** Lists every referral program: `referralPrograms.list` under the name of Autumn's current SDK. */
  listPrograms(params?: ReferralProgramsListParams, options?: RequestOptions): Promise<ReferralProgramList> {
    return unwrapAsync(referralProgramsList(this.#core, params, options));
  }

  /** Changes a referral program: `referralPrograms.update` under the name of Autumn's current SDK. */
  updateProgram(params: ReferralProgramsUpdateParams, options?: RequestOptions): Promise<ReferralProgram> {
    return unwrapAsync(referralProgramsUpdate(this.#core, params, options));
  }

  /** Deletes a referral program: `referralPrograms.delete` under the name of Autumn's current SDK. */
  deleteProgram(params: ReferralProgramsDeleteParams, options?: RequestOptions): Promise<ReferralProgramsDeleteResponse> {
    return unwrapAsync(referralProgramsDelete(this.#core, params, options));
  }
}
