import { describe, expect, it } from "vitest";
import { referralProgramsCreate } from "../../src/funcs/referral-programs-create.js";
import { referralProgramsDelete } from "../../src/funcs/referral-programs-delete.js";
import { referralProgramsGet } from "../../src/funcs/referral-programs-get.js";
import { referralProgramsList } from "../../src/funcs/referral-programs-list.js";
import { referralProgramsUpdate } from "../../src/funcs/referral-programs-update.js";
import { referralsCreateCode } from "../../src/funcs/referrals-create-code.js";
import { referralsRedeemCode } from "../../src/funcs/referrals-redeem-code.js";
import { ReferralPrograms } from "../../src/sdk/referral-programs.js";
import { Referrals } from "../../src/sdk/referrals.js";
import { api, expectMalformed, expectRefused, fixture, recordRequests, testCore } from "../helpers.js";

const program = fixture("referral-program");
const checkout = { id: "refer_a_friend", rewardId: "beta_credits_grant", redeemOn: "checkout", receivedBy: "all", planIds: ["pro", "team"] } as const;

describe("referral_programs.create", () => {
  it("sends the program in snake_case under an Idempotency-Key and returns it camelCased", async () => {
    const seen = recordRequests(api().post("/v1/referral_programs.create").reply(200, program));
    const result = await referralProgramsCreate(testCore(), { ...checkout, maxRedemptions: 10, excludeTrial: true });
    expect(seen[0]?.path).toBe("/v1/referral_programs.create");
    expect(seen[0]?.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]?.body).toEqual({
      id: "refer_a_friend",
      reward_id: "beta_credits_grant",
      redeem_on: "checkout",
      received_by: "all",
      plan_ids: ["pro", "team"],
      max_redemptions: 10,
      exclude_trial: true,
    });
    expect(result.ok && result.value).toEqual({
      id: "refer_a_friend",
      rewardId: "beta_credits_grant",
      redeemOn: "checkout",
      receivedBy: "all",
      maxRedemptions: 10,
      planIds: ["pro", "team"],
      excludeTrial: true,
      createdAt: 1718000000000,
    });
  });

  it("refuses a checkout program without plans, and what the server refuses, without sending", async () => {
    const scope = api().post("/v1/referral_programs.create").reply(200, program);
    await expectRefused((params) => referralProgramsCreate(testCore(), params), [
      [{ ...checkout, planIds: undefined }, "planIds"],
      [{ ...checkout, planIds: [] }, "planIds"],
      [{ ...checkout, planIds: ["pro", "pro"] }, "planIds"],
      [{ ...checkout, redeemOn: "signup" }, "redeemOn"],
      [{ ...checkout, receivedBy: "referred" }, "receivedBy"],
      [{ ...checkout, maxRedemptions: 0 }, "maxRedemptions"],
      [{ ...checkout, maxRedemptions: 2.5 }, "maxRedemptions"],
      [{ ...checkout, id: "" }, "id"],
      [{ ...checkout, rewardId: undefined }, "rewardId"],
      [{ ...checkout, createdAt: 1718000000000 }, "createdAt"],
    ]);
    expect(scope.isDone()).toBe(false);
  });

  it("takes a program without plans or a limit when it grants on redemption", async () => {
    const scope = api()
      .post("/v1/referral_programs.create", { id: "signup", reward_id: "beta_credits_grant", redeem_on: "customer_creation", received_by: "referrer", max_redemptions: null })
      .reply(200, { ...program, id: "signup", redeem_on: "customer_creation", max_redemptions: null, plan_ids: null, exclude_trial: null });
    const result = await referralProgramsCreate(testCore(), { id: "signup", rewardId: "beta_credits_grant", redeemOn: "customer_creation", receivedBy: "referrer", maxRedemptions: null });
    expect(scope.isDone()).toBe(true);
    expect(result.ok && result.value).toMatchObject({ maxRedemptions: null, planIds: null, excludeTrial: null });
  });
});

describe("referral_programs.get, list, update, delete", () => {
  it("gets a program without a key, tolerating new fields and values, and leaves absent optional fields absent", async () => {
    const { max_redemptions: _max, plan_ids: _plans, exclude_trial: _trial, ...bare } = program;
    const seen = recordRequests(api().post("/v1/referral_programs.get").reply(200, { ...bare, redeem_on: "first_payment", received_by: "referred", archived: false }));
    const result = await referralProgramsGet(testCore(), { referralProgramId: "refer_a_friend" });
    expect(seen[0]?.body).toEqual({ referral_program_id: "refer_a_friend" });
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    expect(result.ok && result.value).toEqual({ id: "refer_a_friend", rewardId: "beta_credits_grant", redeemOn: "first_payment", receivedBy: "referred", createdAt: 1718000000000 });
  });

  it("reports a program without its reward as a ResponseValidationError with the raw body", async () => {
    const { reward_id: _reward, ...withoutReward } = program;
    await expectMalformed("referral_programs.list", { list: [withoutReward] }, () => referralProgramsList(testCore()), "list.0.reward_id");
  });

  it("lists from an empty body, updates under an Idempotency-Key, deletes", async () => {
    const seen = recordRequests(
      api()
        .post("/v1/referral_programs.list", {})
        .reply(200, { list: [program] })
        .post("/v1/referral_programs.update")
        .reply(200, { ...program, received_by: "referrer" })
        .post("/v1/referral_programs.delete")
        .reply(200, { success: true }),
    );
    expect((await referralProgramsList(testCore())).value?.list[0]?.id).toBe("refer_a_friend");
    const updated = await referralProgramsUpdate(testCore(), { referralProgramId: "refer_a_friend", receivedBy: "referrer", redeemOn: "checkout", maxRedemptions: 5 });
    expect(updated.value?.receivedBy).toBe("referrer");
    expect(seen[1]?.body).toEqual({ referral_program_id: "refer_a_friend", received_by: "referrer", redeem_on: "checkout", max_redemptions: 5 });
    expect((await referralProgramsDelete(testCore(), { referralProgramId: "refer_a_friend" })).value).toEqual({ success: true });
    expect(seen.map((request) => request.headers["idempotency-key"] !== undefined)).toEqual([false, true, true]);
  });

  it("refuses an update that cannot unset the limit or plans, or renames the id field, without sending", async () => {
    const scope = api().post("/v1/referral_programs.update").reply(200, program);
    await expectRefused((params) => referralProgramsUpdate(testCore(), params), [
      [{ referralProgramId: "refer_a_friend", maxRedemptions: null }, "maxRedemptions"],
      [{ referralProgramId: "refer_a_friend", planIds: null }, "planIds"],
      [{ id: "refer_a_friend", receivedBy: "all" }, "referralProgramId"],
    ]);
    expect(scope.isDone()).toBe(false);
  });
});

describe("referrals.create_code and redeem_code", () => {
  it("creates or fetches a code without an idempotency key, retrying a 503 as a read", async () => {
    const seen = recordRequests(
      api()
        .post("/v1/referrals.create_code")
        .reply(503, { message: "busy", code: "service_unavailable" })
        .post("/v1/referrals.create_code")
        .reply(200, { code: "REF-7QX2", customer_id: "user_123", created_at: 1771409161016, program_id: "refer_a_friend" }),
    );
    const result = await referralsCreateCode(testCore(), { customerId: "user_123", programId: "refer_a_friend" });
    expect(seen.map((request) => [request.path, request.headers["idempotency-key"]])).toEqual([
      ["/v1/referrals.create_code", undefined],
      ["/v1/referrals.create_code", undefined],
    ]);
    expect(seen[0]?.body).toEqual({ customer_id: "user_123", program_id: "refer_a_friend" });
    expect(result.ok && result.value).toEqual({ code: "REF-7QX2", customerId: "user_123", createdAt: 1771409161016 });
  });

  it("redeems a code under an Idempotency-Key", async () => {
    const seen = recordRequests(api().post("/v1/referrals.redeem_code").reply(200, { id: "redemption_2sKa", customer_id: "user_456", reward_id: "beta_credits_grant" }));
    const result = await referralsRedeemCode(testCore(), { code: "REF-7QX2", customerId: "user_456" });
    expect(seen[0]?.body).toEqual({ code: "REF-7QX2", customer_id: "user_456" });
    expect(seen[0]?.headers["idempotency-key"]).toBeDefined();
    expect(result.ok && result.value).toEqual({ id: "redemption_2sKa", customerId: "user_456", rewardId: "beta_credits_grant" });
  });

  it("refuses an empty code or program and a bad customer id, and reports a code redeemed before as an AutumnAPIError", async () => {
    await expectRefused((params) => referralsCreateCode(testCore(), params), [
      [{ customerId: "user_123", programId: "" }, "programId"],
      [{ customerId: "user 123", programId: "refer_a_friend" }, "customerId"],
    ]);
    await expectRefused((params) => referralsRedeemCode(testCore(), params), [[{ code: "", customerId: "user_456" }, "code"]]);
    api().post("/v1/referrals.redeem_code").reply(400, { message: "user_456 already redeemed REF-7QX2", code: "invalid_request" });
    const result = await referralsRedeemCode(testCore(), { code: "REF-7QX2", customerId: "user_456" });
    expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", status: 400, code: "invalid_request" });
  });

  it("reports a code answer without created_at as a ResponseValidationError with the raw body", async () => {
    await expectMalformed("referrals.create_code", { code: "REF-7QX2", customer_id: "user_123" }, () => referralsCreateCode(testCore(), { customerId: "user_123", programId: "p" }), "created_at");
  });
});

describe("ReferralPrograms and Referrals facades", () => {
  it("return the values and throw the error", async () => {
    api()
      .post("/v1/referral_programs.get")
      .reply(200, program)
      .post("/v1/referrals.redeem_code")
      .reply(404, { message: "Referral code NOPE not found", code: "referral_code_not_found" });
    await expect(new ReferralPrograms(testCore()).get({ referralProgramId: "refer_a_friend" })).resolves.toMatchObject({ planIds: ["pro", "team"] });
    await expect(new Referrals(testCore()).redeemCode({ code: "NOPE", customerId: "user_456" })).rejects.toMatchObject({ name: "AutumnAPIError", code: "referral_code_not_found" });
  });
});
