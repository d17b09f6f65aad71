import type { AutumnCore } from "../core.js";
import { referralsCreateCode } from "../funcs/referrals-create-code.js";
import { referralsRedeemCode } from "../funcs/referrals-redeem-code.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync } from "../lib/result.js";
import type { ReferralsCreateCodeParams, ReferralsCreateCodeResponse } from "../models/operations/referrals-create-code.js";
import type { ReferralsRedeemCodeParams, ReferralsRedeemCodeResponse } from "../models/operations/referrals-redeem-code.js";

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
}
