import { describe, expect, it } from "vitest";
import { rewardsCreate } from "../../src/funcs/rewards-create.js";
import { rewardsDelete } from "../../src/funcs/rewards-delete.js";
import { rewardsGet } from "../../src/funcs/rewards-get.js";
import { rewardsList } from "../../src/funcs/rewards-list.js";
import { rewardsRedeem } from "../../src/funcs/rewards-redeem.js";
import { rewardsUpdate } from "../../src/funcs/rewards-update.js";
import type { CouponCreateParams, FeatureGrantCreateParams } from "../../src/models/index.js";
import { Rewards } from "../../src/sdk/rewards.js";
import { api, expectMalformed, expectRefused, fixture, recordRequests, testCore } from "../helpers.js";

const couponReward = fixture<{ coupon: Record<string, unknown> }>("reward-coupon");
const grantReward = fixture<{ feature_grant: Record<string, unknown> }>("reward-feature-grant");

const coupon: CouponCreateParams = {
  id: "summer_sale",
  name: "Summer Sale",
  type: "percentage_discount",
  value: 20,
  duration: { type: "months", length: 3 },
  planIds: ["pro", "starter"],
  promoCodes: [{ code: "SUMMER20", globalMaxRedemption: 100, firstTimeTransaction: false }, { code: "SUMMER20-VIP" }],
};
const grant: FeatureGrantCreateParams = {
  id: "beta_credits_grant",
  name: "Beta Tester Credits",
  grants: [
    { featureId: "credits", included: 1000, expiry: { type: "month", length: 1 } },
    { featureId: "sso_login", included: null, expiry: null },
  ],
  promoCodes: [{ code: "BETA2024", maxUses: 500 }],
};

describe("rewards.create", () => {
  it("sends a coupon in snake_case under an Idempotency-Key and returns it camelCased", async () => {
    const seen = recordRequests(api().post("/v1/rewards.create").reply(200, couponReward));
    const result = await rewardsCreate(testCore(), { coupon });
    expect(seen[0]?.path).toBe("/v1/rewards.create");
    expect(seen[0]?.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    // The wire body is the answer's coupon without created_at; the value is the params with it.
    const { created_at: createdAt, ...couponWire } = couponReward.coupon;
    expect(seen[0]?.body).toEqual({ coupon: couponWire });
    expect(result.ok && result.value).toEqual({ coupon: { ...coupon, createdAt } });
  });

  it("sends a feature grant and returns it camelCased, an on/off feature's amount and expiry null", async () => {
    const seen = recordRequests(api().post("/v1/rewards.create").reply(200, grantReward));
    const result = await rewardsCreate(testCore(), { featureGrant: grant });
    expect(seen[0]?.body).toEqual({
      feature_grant: {
        id: "beta_credits_grant",
        name: "Beta Tester Credits",
        grants: [
          { feature_id: "credits", included: 1000, expiry: { type: "month", length: 1 } },
          { feature_id: "sso_login", included: null, expiry: null },
        ],
        promo_codes: [{ code: "BETA2024", max_uses: 500 }],
      },
    });
    if (!result.ok) throw result.error;
    expect(result.value.featureGrant?.grants).toEqual([
      { featureId: "credits", included: 1000, expiry: { type: "month", length: 1 } },
      { featureId: "sso_login", included: null, expiry: null },
    ]);
    expect(result.value.coupon).toBeUndefined();
  });

  it("refuses what the server refuses, without sending", async () => {
    const scope = api().post("/v1/rewards.create").reply(200, couponReward);
    await expectRefused((params) => rewardsCreate(testCore(), params), [
      [{}, "coupon"],
      [{ coupon, featureGrant: grant }, "coupon"],
      [{ coupon: { ...coupon, value: 0 } }, "coupon.value"],
      [{ coupon: { ...coupon, value: 120 } }, "coupon.value"],
      [{ coupon: { ...coupon, type: "invoice_credits" } }, "coupon.type"],
      [{ coupon: { ...coupon, duration: { type: "months", length: null } } }, "coupon.duration.length"],
      [{ coupon: { ...coupon, duration: { type: "forever", length: 12 } } }, "coupon.duration.length"],
      [{ coupon: { ...coupon, duration: { type: "months", length: 1.5 } } }, "coupon.duration.length"],
      [{ coupon: { ...coupon, planIds: [] } }, "coupon.planIds"],
      [{ coupon: { ...coupon, planIds: ["pro", "pro"] } }, "coupon.planIds"],
      [{ coupon: { ...coupon, planIds: undefined } }, "coupon.planIds"],
      [{ coupon: { ...coupon, promoCodes: [{ code: "A" }, { code: "A", globalMaxRedemption: 5 }] } }, "coupon.promoCodes"],
      [{ coupon: { ...coupon, promoCodes: [{ code: "A", globalMaxRedemption: 0 }] } }, "coupon.promoCodes.0.globalMaxRedemption"],
      [{ coupon: { ...coupon, name: "" } }, "coupon.name"],
      [{ featureGrant: { ...grant, grants: [] } }, "featureGrant.grants"],
      [{ featureGrant: { ...grant, grants: [grant.grants[0], grant.grants[0]] } }, "featureGrant.grants"],
      [{ featureGrant: { ...grant, grants: [{ featureId: "credits", included: -1, expiry: null }] } }, "featureGrant.grants.0.included"],
      [{ featureGrant: { ...grant, grants: [{ featureId: "credits", included: 5 }] } }, "featureGrant.grants.0.expiry"],
      [{ featureGrant: { ...grant, grants: [{ featureId: "credits", included: 5, expiry: { type: "fortnight", length: 1 } }] } }, "featureGrant.grants.0.expiry.type"],
      [{ featureGrant: { ...grant, promoCodes: [] } }, "featureGrant.promoCodes"],
      [{ featureGrant: { ...grant, promoCodes: [{ code: "BETA" }] } }, "featureGrant.promoCodes.0.maxUses"],
      [{ featureGrant: { ...grant, duration: { type: "forever", length: null } } }, "featureGrant.duration"],
    ]);
    expect(scope.isDone()).toBe(false);
  });
});

describe("rewards.get, list, update, delete", () => {
  it("gets a reward by id without a key, tolerating new fields and values", async () => {
    const wire = { coupon: { ...couponReward.coupon, type: "buy_one_get_one", currency: "usd", duration: { type: "weeks", length: 2 } } };
    const seen = recordRequests(api().post("/v1/rewards.get").reply(200, wire));
    const result = await rewardsGet(testCore(), { rewardId: "summer_sale" });
    expect(seen[0]?.body).toEqual({ reward_id: "summer_sale" });
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    if (!result.ok) throw result.error;
    expect(result.value.coupon).toMatchObject({ type: "buy_one_get_one", duration: { type: "weeks", length: 2 } });
    expect(result.value.coupon).not.toHaveProperty("currency");
  });

  it("answers a kind of reward it does not know yet with neither coupon nor feature grant", async () => {
    api().post("/v1/rewards.get").reply(200, { credit_pack: { id: "pack" } });
    expect(await rewardsGet(testCore(), { rewardId: "pack" })).toMatchObject({ ok: true, value: {} });
  });

  it("reports a coupon without its value, or a grant without created_at, as a ResponseValidationError with the raw body", async () => {
    const { value: _value, ...withoutValue } = couponReward.coupon;
    await expectMalformed("rewards.get", { coupon: withoutValue }, () => rewardsGet(testCore(), { rewardId: "summer_sale" }), "coupon.value");
    const { created_at: _created, ...withoutCreated } = grantReward.feature_grant;
    await expectMalformed("rewards.list", { coupons: [], feature_grants: [withoutCreated] }, () => rewardsList(testCore()), "feature_grants.0.created_at");
  });

  it("lists every coupon and feature grant from an empty body", async () => {
    const scope = api().post("/v1/rewards.list", {}).reply(200, { coupons: [couponReward.coupon], feature_grants: [grantReward.feature_grant] });
    const result = await rewardsList(testCore());
    expect(scope.isDone()).toBe(true);
    if (!result.ok) throw result.error;
    expect(result.value.coupons.map((found) => found.id)).toEqual(["summer_sale"]);
    expect(result.value.featureGrants.map((found) => found.promoCodes)).toEqual([[{ code: "BETA2024", maxUses: 500 }]]);
  });

  it("updates a coupon's promo codes under an Idempotency-Key", async () => {
    const seen = recordRequests(api().post("/v1/rewards.update").reply(200, couponReward));
    const result = await rewardsUpdate(testCore(), { rewardId: "summer_sale", coupon: { name: "Summer", planIds: null, promoCodes: [] } });
    expect(seen[0]?.body).toEqual({ reward_id: "summer_sale", coupon: { name: "Summer", plan_ids: null, promo_codes: [] } });
    expect(seen[0]?.headers["idempotency-key"]).toBeDefined();
    expect(result.ok && result.value.coupon?.id).toBe("summer_sale");
  });

  it("refuses both kinds at once, and what cannot change, without sending", async () => {
    const scope = api().post("/v1/rewards.update").reply(200, couponReward);
    await expectRefused((params) => rewardsUpdate(testCore(), params), [
      [{ rewardId: "r", coupon: {}, featureGrant: {} }, "coupon"],
      [{ rewardId: "r", coupon: { value: 30 } }, "coupon.value"],
      [{ rewardId: "r", coupon: { duration: { type: "forever", length: null } } }, "coupon.duration"],
      [{ rewardId: "r", featureGrant: { promoCodes: [] } }, "featureGrant.promoCodes"],
      [{ coupon: { name: "x" } }, "rewardId"],
    ]);
    expect(scope.isDone()).toBe(false);
  });

  it("deletes a reward under an Idempotency-Key", async () => {
    const seen = recordRequests(api().post("/v1/rewards.delete", { reward_id: "summer_sale" }).reply(200, { success: true }));
    expect((await rewardsDelete(testCore(), { rewardId: "summer_sale" })).ok).toBe(true);
    expect(seen[0]?.headers["idempotency-key"]).toBeDefined();
  });
});

describe("rewards.redeem", () => {
  it("sends the code and customer under an Idempotency-Key and returns the balances granted", async () => {
    const seen = recordRequests(
      api()
        .post("/v1/rewards.redeem")
        .reply(200, { reward_id: "beta_credits_grant", entitlements_granted: [{ feature_id: "credits", balance: 1000 }], redeemed_at: 1718000000000 }),
    );
    const result = await rewardsRedeem(testCore(), { code: "BETA2024", customerId: "user_123" });
    expect(seen[0]?.body).toEqual({ code: "BETA2024", customer_id: "user_123" });
    expect(seen[0]?.headers["idempotency-key"]).toBeDefined();
    expect(result.ok && result.value).toEqual({ rewardId: "beta_credits_grant", entitlementsGranted: [{ featureId: "credits", balance: 1000 }] });
  });

  it("refuses an empty code and a bad customer id, and reports an unknown code as an AutumnAPIError", async () => {
    await expectRefused((params) => rewardsRedeem(testCore(), params), [
      [{ code: "", customerId: "user_123" }, "code"],
      [{ code: "BETA2024", customerId: "ada@example.com" }, "customerId"],
    ]);
    api().post("/v1/rewards.redeem").reply(404, { message: "Promo code NOPE not found", code: "promo_code_not_found" });
    const result = await rewardsRedeem(testCore(), { code: "NOPE", customerId: "user_123" });
    expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", status: 404, code: "promo_code_not_found" });
  });
});

describe("Rewards facade", () => {
  it("returns the values and throws the error", async () => {
    api().post("/v1/rewards.list").reply(200, { coupons: [], feature_grants: [] }).post("/v1/rewards.delete").reply(404, { message: "gone", code: "reward_not_found" });
    const rewards = new Rewards(testCore());
    await expect(rewards.list()).resolves.toEqual({ coupons: [], featureGrants: [] });
    await expect(rewards.delete({ rewardId: "gone" })).rejects.toMatchObject({ name: "AutumnAPIError", code: "reward_not_found" });
  });
});
