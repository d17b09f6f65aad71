import { describe, expectTypeOf, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import type { AutumnCore } from "../../src/core.js";
import type { CustomerCore } from "../../src/customer-core.js";
import { balancesBatchTrack } from "../../src/funcs/balances-batch-track.js";
import { balancesCheck } from "../../src/funcs/balances-check.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { balancesTrackTokens } from "../../src/funcs/balances-track-tokens.js";
import { batchTrack } from "../../src/funcs/batch-track.js";
import { check } from "../../src/funcs/check.js";
import { keysRefresh } from "../../src/funcs/keys-refresh.js";
import { platformGetRevenueCatKeys } from "../../src/funcs/platform-get-revenue-cat-keys.js";
import { platformGetRevenuecatKeys } from "../../src/funcs/platform-get-revenuecat-keys.js";
import { platformLinkRevenueCat } from "../../src/funcs/platform-link-revenue-cat.js";
import { platformSyncRevenueCat } from "../../src/funcs/platform-sync-revenue-cat.js";
import { referralProgramsCreate } from "../../src/funcs/referral-programs-create.js";
import { referralsCreateProgram } from "../../src/funcs/referrals-create-program.js";
import { referralsDeleteProgram } from "../../src/funcs/referrals-delete-program.js";
import { referralsGetProgram } from "../../src/funcs/referrals-get-program.js";
import { referralsListPrograms } from "../../src/funcs/referrals-list-programs.js";
import { referralsUpdateProgram } from "../../src/funcs/referrals-update-program.js";
import { rewardsRedeem } from "../../src/funcs/rewards-redeem.js";
import { rewardsRedeemCode } from "../../src/funcs/rewards-redeem-code.js";
import { track } from "../../src/funcs/track.js";
import { trackTokens } from "../../src/funcs/track-tokens.js";
import type { CustomerTokens } from "../../src/models/index.js";

declare const core: AutumnCore;
declare const customer: CustomerCore;

describe("the functions named as in Autumn's current SDK", () => {
  it("have the primary function's type, overloads included", () => {
    expectTypeOf(check).toEqualTypeOf(balancesCheck);
    expectTypeOf(track).toEqualTypeOf(balancesTrack);
    expectTypeOf(trackTokens).toEqualTypeOf(balancesTrackTokens);
    expectTypeOf(batchTrack).toEqualTypeOf(balancesBatchTrack);
    expectTypeOf(referralsCreateProgram).toEqualTypeOf(referralProgramsCreate);
    expectTypeOf(platformGetRevenueCatKeys).toEqualTypeOf(platformGetRevenuecatKeys);
    expectTypeOf(rewardsRedeemCode).toEqualTypeOf(rewardsRedeem);
  });

  it("take the params the API reference shows", async () => {
    await check(core, { customerId: "user_123", featureId: "messages", requiredBalance: 1 });
    await check(customer, { featureId: "messages" });
    await track(core, { customerId: "user_123", featureId: "messages", value: 1 });
    await trackTokens(core, { customerId: "user_123", featureId: "ai_credits", modelId: "gpt-4o", inputTokens: 1200, outputTokens: 300 } as never);
    await batchTrack(core, [{ customerId: "user_123", featureId: "messages", value: 1 }] as never);
    await referralsCreateProgram(core, { id: "refer_a_friend", rewardId: "beta_credits_grant", redeemOn: "customer_creation", receivedBy: "referrer" });
    await referralsGetProgram(core, { referralProgramId: "refer_a_friend" });
    await referralsListPrograms(core);
    await referralsUpdateProgram(core, { referralProgramId: "refer_a_friend", maxRedemptions: 20 });
    await referralsDeleteProgram(core, { referralProgramId: "refer_a_friend" });
    await platformLinkRevenueCat(core, { organizationSlug: "acme", env: "test", projectName: "acme-mobile", redirectUrl: "https://app.example.com/revenuecat" });
    await platformSyncRevenueCat(core, { organizationSlug: "acme", env: "test", productIds: ["pro", "premium"] });
    await platformGetRevenueCatKeys(core, { organizationSlug: "acme", env: "test" });
    await rewardsRedeemCode(core, { code: "BETA2024", customerId: "user_123" });
    // @ts-expect-error: still this SDK's params, checked the same way
    await check(core, { customer_id: "user_123", featureId: "messages" });
  });
});

describe("the class methods the API reference calls", () => {
  const autumn = new Autumn({ xApiVersion: "2.3.0", secretKey: process.env["AUTUMN_SECRET_KEY"] ?? "" });

  it("exist with the same params and answers as this SDK's names", async () => {
    expectTypeOf(autumn.referrals.createProgram).toEqualTypeOf<typeof autumn.referralPrograms.create>();
    expectTypeOf(autumn.referrals.getProgram).toEqualTypeOf<typeof autumn.referralPrograms.get>();
    expectTypeOf(autumn.referrals.listPrograms).toEqualTypeOf<typeof autumn.referralPrograms.list>();
    expectTypeOf(autumn.referrals.updateProgram).toEqualTypeOf<typeof autumn.referralPrograms.update>();
    expectTypeOf(autumn.referrals.deleteProgram).toEqualTypeOf<typeof autumn.referralPrograms.delete>();
    expectTypeOf(autumn.platform.linkRevenueCat).toEqualTypeOf<typeof autumn.platform.linkRevenuecat>();
    expectTypeOf(autumn.platform.syncRevenueCat).toEqualTypeOf<typeof autumn.platform.syncRevenuecat>();
    expectTypeOf(autumn.platform.getRevenueCatKeys).toEqualTypeOf<typeof autumn.platform.getRevenuecatKeys>();
    expectTypeOf(autumn.rewards.redeemCode).toEqualTypeOf<typeof autumn.rewards.redeem>();

    await autumn.referrals.createProgram({ id: "refer_a_friend", rewardId: "beta_credits_grant", redeemOn: "checkout", receivedBy: "all", planIds: ["pro"] });
    await autumn.referrals.listPrograms({});
    await autumn.platform.linkRevenueCat({ organizationSlug: "acme", env: "test", projectName: "acme-mobile", redirectUrl: "https://app.example.com/revenuecat" });
    await autumn.rewards.redeemCode({ code: "BETA2024", customerId: "user_123" });
  });

  it("has no static methods: the 0.x API's static calls do not compile", () => {
    // @ts-expect-error: make a client and call its method instead
    void Autumn.check({ customerId: "user_123", featureId: "messages" });
  });

  it("keys.refresh takes {} (or nothing) on a client whose key is the refresh token", async () => {
    const refreshing = new Autumn({ secretKey: "am_jwt_refresh" });
    expectTypeOf(await refreshing.keys.refresh({})).toEqualTypeOf<CustomerTokens>();
    await refreshing.keys.refresh();
    await keysRefresh(core, {});
    await keysRefresh(core);
    // A CustomerCore's own key is its access token: the refresh token must be given.
    // @ts-expect-error: refreshToken is required with a CustomerCore
    await keysRefresh(customer, {});
    await keysRefresh(customer, { refreshToken: "am_jwt_refresh" });
  });
});
