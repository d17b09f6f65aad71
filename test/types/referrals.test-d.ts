import { describe, expectTypeOf, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import type { AutumnCore } from "../../src/core.js";
import { referralProgramsCreate } from "../../src/funcs/referral-programs-create.js";
import { referralProgramsGet } from "../../src/funcs/referral-programs-get.js";
import { referralsCreateCode } from "../../src/funcs/referrals-create-code.js";
import type { Result } from "../../src/lib/result.js";
import type { ReferralProgram, ReferralProgramsCreateParams, ReferralProgramsUpdateParams, ReferralsCreateCodeResponse, SDKError } from "../../src/models/index.js";

declare const core: AutumnCore;

describe("referral functions", () => {
  it("return a Result of the program every program operation answers", () => {
    expectTypeOf(referralProgramsCreate).returns.toEqualTypeOf<Promise<Result<ReferralProgram, SDKError>>>();
    expectTypeOf(referralProgramsGet).returns.toEqualTypeOf<Promise<Result<ReferralProgram, SDKError>>>();
    expectTypeOf<Autumn["referralPrograms"]["list"]>().returns.toEqualTypeOf<Promise<{ list: ReferralProgram[] }>>();
    expectTypeOf<Autumn["referrals"]["createCode"]>().returns.toEqualTypeOf<Promise<ReferralsCreateCodeResponse>>();
  });

  it("narrow to the code on ok, with open trigger and recipient values in programs", async () => {
    const result = await referralsCreateCode(core, { customerId: "user_123", programId: "refer_a_friend" });
    if (result.ok) expectTypeOf(result.value.code).toEqualTypeOf<string>();
    else expectTypeOf(result.error).toEqualTypeOf<SDKError>();
    expectTypeOf<"checkout">().toExtend<ReferralProgram["redeemOn"]>();
    expectTypeOf<"first_payment">().toExtend<ReferralProgram["redeemOn"]>();
    expectTypeOf<ReferralProgram["maxRedemptions"]>().toEqualTypeOf<number | null | undefined>();
  });

  it("take closed triggers and recipients; create may clear a limit with null, update may not", () => {
    expectTypeOf<ReferralProgramsCreateParams["redeemOn"]>().toEqualTypeOf<"customer_creation" | "checkout">();
    expectTypeOf<ReferralProgramsCreateParams["receivedBy"]>().toEqualTypeOf<"referrer" | "all">();
    expectTypeOf<ReferralProgramsCreateParams["maxRedemptions"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<ReferralProgramsUpdateParams["maxRedemptions"]>().toEqualTypeOf<number | undefined>();
    // @ts-expect-error: create names the program `id`, get/update/delete `referralProgramId`
    void referralProgramsCreate(core, { referralProgramId: "p", rewardId: "r", redeemOn: "checkout", receivedBy: "all" });
  });
});
