import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Autumn } from "../src/autumn.js";
import type { InvoiceInsertParams } from "../src/models/index.js";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";

/**
 * The sandbox's behaviour beyond customers and billing, through the class:
 * what a caller sees Autumn do with invoices, seats, referral codes, rewards
 * and RevenueCat. test/sandbox/ checks the shape of every answer; this checks
 * the state behind them.
 */
let sandbox: Sandbox;
let autumn: Autumn;

beforeAll(async () => {
  sandbox = await startSandbox();
  autumn = new Autumn({ secretKey: "am_sk_test_resources", serverURL: sandbox.url, retryConfig: { limit: 0 } });
});
afterAll(async () => {
  await sandbox.close();
});

const invoice = (customerId: string, stripeId: string, createdAt: number): InvoiceInsertParams => ({ customerId, stripeId, status: "paid", total: 10, createdAt });

describe("invoices", () => {
  it("records an import all or none, updates an invoice sent again, and shows it on the customer", async () => {
    await autumn.customers.getOrCreate({ customerId: "inv_ada" });
    const [first] = (await autumn.invoices.insert({ invoices: [invoice("inv_ada", "in_1", 1_000)] })).invoices;
    // One unknown customer refuses the whole call: in_2 is not recorded.
    await expect(autumn.invoices.insert({ invoices: [invoice("inv_ada", "in_2", 2_000), invoice("inv_nobody", "in_3", 3_000)] })).rejects.toMatchObject({ status: 404, code: "customer_not_found" });
    const [again] = (await autumn.invoices.insert({ invoices: [{ ...invoice("inv_ada", "in_1", 1_000), status: "void", refundedAmount: 10 }] })).invoices;
    expect(again).toMatchObject({ id: first!.id, status: "void", refundedAmount: 10 });
    const customer = await autumn.customers.get({ customerId: "inv_ada", expand: ["invoices"] });
    expect(customer.invoices).toEqual([{ planIds: [], stripeId: "in_1", processorType: "stripe", status: "void", total: 10, currency: "usd", createdAt: 1_000, hostedInvoiceUrl: null }]);
  });

  it("lists newest first across pages, an entity's invoices being none", async () => {
    await autumn.customers.getOrCreate({ customerId: "inv_bob" });
    await autumn.invoices.insert({ invoices: [1, 2, 3].map((n) => invoice("inv_bob", `in_bob_${n}`, n * 10_000)) });
    const ids: string[] = [];
    for await (const found of autumn.invoices.listItems({ customerId: "inv_bob", limit: 2 })) ids.push(found.stripeId);
    expect(ids).toEqual(["in_bob_3", "in_bob_2", "in_bob_1"]);
    expect((await autumn.invoices.list({ customerId: "inv_bob", entityId: "seat_1" })).list).toEqual([]);
  });

  it("refuses more than 500 invoices and more than 5000 a page, as the SDK does before sending", async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${sandbox.url}/v1/${path}`, { method: "POST", headers: { authorization: "Bearer am_sk_test_raw", "content-type": "application/json" }, body: JSON.stringify(body) });
    const tooMany = await post("invoices.insert", { invoices: Array.from({ length: 501 }, (_, n) => ({ customer_id: "inv_ada", stripe_id: `in_${n}`, status: "paid", total: 1, created_at: 0 })) });
    expect([tooMany.status, (await tooMany.json()).code]).toEqual([400, "invalid_inputs"]);
    const tooLong = await post("invoices.list", { limit: 5001 });
    expect([tooLong.status, (await tooLong.json()).code]).toEqual([400, "invalid_request"]);
  });
});

describe("licenses", () => {
  const seat = (entityId: string) => ({ entityId, featureId: "seats" });

  it("takes a seat per entity until it is released, refusing a fourth of three and an entity twice", async () => {
    await autumn.customers.getOrCreate({ customerId: "lic_org" });
    await autumn.attach({ customerId: "lic_org", planId: "team" });
    await autumn.licenses.attach({ customerId: "lic_org", planId: "seat", entities: [seat("ada"), seat("grace"), { ...seat("alan"), name: "Alan" }] });
    await expect(autumn.licenses.attach({ customerId: "lic_org", planId: "seat", entities: [seat("edsger")] })).rejects.toMatchObject({ status: 400, code: "invalid_request" });
    await autumn.licenses.release({ customerId: "lic_org", entityIds: ["grace"] });
    await expect(autumn.licenses.attach({ customerId: "lic_org", planId: "seat", entities: [seat("ada")] })).rejects.toThrow(/already holds/);
    // The seat grace gave back goes to edsger.
    await autumn.licenses.attach({ customerId: "lic_org", planId: "seat", entities: [seat("edsger")] });
    const pools = await autumn.licenses.list({ customerId: "lic_org" });
    expect(pools.list).toMatchObject([{ licensePlanId: "seat", granted: 3, usage: 3, remaining: 0 }]);
    const customer = await autumn.customers.get({ customerId: "lic_org", expand: ["entities"] });
    expect(customer.licenses).toEqual(pools.list);
    expect(customer.entities?.map((entity) => [entity.id, entity.name, entity.featureId])).toEqual([
      ["ada", null, "seats"],
      ["grace", null, "seats"],
      ["alan", "Alan", "seats"],
      ["edsger", null, "seats"],
    ]);
    const seats = await autumn.licenses.listAssignments({ customerId: "lic_org", active: false });
    expect(seats.list.map((held) => [held.entityId, held.endedAt === null])).toEqual([
      ["ada", true],
      ["grace", false],
      ["alan", true],
      ["edsger", true],
    ]);
  });

  it("refuses a license plan no plan of the customer offers, and a new entity without its feature", async () => {
    await autumn.customers.getOrCreate({ customerId: "lic_free" });
    await autumn.attach({ customerId: "lic_free", planId: "free" });
    await expect(autumn.licenses.attach({ customerId: "lic_free", planId: "seat", entities: [seat("ada")] })).rejects.toMatchObject({ status: 404, code: "product_not_found" });
    await autumn.customers.getOrCreate({ customerId: "lic_team" });
    await autumn.attach({ customerId: "lic_team", planId: "team" });
    await expect(autumn.licenses.attach({ customerId: "lic_team", planId: "seat", entities: [{ entityId: "ada" }] })).rejects.toMatchObject({ status: 400, code: "invalid_inputs" });
    expect((await autumn.licenses.list({ customerId: "lic_team" })).list).toMatchObject([{ usage: 0 }]);
  });
});

describe("rewards", () => {
  const grant = (id: string, code: string, maxUses: number | null) => ({ id, name: id, grants: [{ featureId: "messages", included: 25, expiry: null }], promoCodes: [{ code, maxUses }] });

  it("keeps promo codes unique, counts a code's uses against its limit, and keeps the count when an update keeps the code", async () => {
    await autumn.customers.getOrCreate({ customerId: "rew_ada" });
    await autumn.rewards.create({ featureGrant: grant("rew_twice", "TWICE", 2) });
    await expect(autumn.rewards.create({ featureGrant: grant("rew_other", "TWICE", null) })).rejects.toMatchObject({ status: 400, code: "invalid_inputs" });
    expect(await autumn.rewards.redeem({ code: "TWICE", customerId: "rew_ada" })).toEqual({ rewardId: "rew_twice", entitlementsGranted: [{ featureId: "messages", balance: 25 }] });
    await autumn.rewards.update({ rewardId: "rew_twice", featureGrant: { name: "Renamed", promoCodes: [{ code: "TWICE", maxUses: 2 }, { code: "NEW", maxUses: null }] } });
    await autumn.rewards.redeem({ code: "TWICE", customerId: "rew_ada" });
    await expect(autumn.rewards.redeem({ code: "TWICE", customerId: "rew_ada" })).rejects.toMatchObject({ status: 400, code: "invalid_request" });
    await autumn.rewards.redeem({ code: "NEW", customerId: "rew_ada" });
  });

  it("refuses changing a feature grant as a coupon, and an unknown plan or feature", async () => {
    await autumn.rewards.create({ featureGrant: grant("rew_kind", "KIND", null) });
    await expect(autumn.rewards.update({ rewardId: "rew_kind", coupon: { name: "Coupon now" } })).rejects.toThrow(/is a feature grant/);
    await expect(
      autumn.rewards.create({ coupon: { id: "rew_c", name: "C", type: "fixed_discount", value: 5, duration: { type: "one_off", length: null }, planIds: ["enterprise"], promoCodes: [] } }),
    ).rejects.toMatchObject({ status: 404, code: "product_not_found" });
    await expect(autumn.rewards.create({ featureGrant: { ...grant("rew_f", "F", null), grants: [{ featureId: "storage", included: 1, expiry: null }] } })).rejects.toMatchObject({ code: "feature_not_found" });
    expect((await autumn.rewards.list()).coupons).toEqual([]);
  });
});

describe("referral codes", () => {
  it("belong to their referrer, one per program, and are redeemed once per referred customer, never by the referrer", async () => {
    for (const customerId of ["ref_ada", "ref_grace", "ref_alan"]) await autumn.customers.getOrCreate({ customerId, name: customerId });
    await autumn.rewards.create({ featureGrant: { id: "ref_credits", name: "Credits", grants: [{ featureId: "messages", included: 10, expiry: null }], promoCodes: [{ code: "REF_CREDITS", maxUses: null }] } });
    await autumn.referralPrograms.create({ id: "ref_friends", rewardId: "ref_credits", redeemOn: "customer_creation", receivedBy: "all" });
    await autumn.referralPrograms.create({ id: "ref_partners", rewardId: "ref_credits", redeemOn: "checkout", receivedBy: "referrer", planIds: ["pro"] });

    const { code } = await autumn.referrals.createCode({ customerId: "ref_ada", programId: "ref_friends" });
    expect((await autumn.referrals.createCode({ customerId: "ref_ada", programId: "ref_friends" })).code).toBe(code);
    expect((await autumn.referrals.createCode({ customerId: "ref_ada", programId: "ref_partners" })).code).not.toBe(code);
    expect((await autumn.referrals.createCode({ customerId: "ref_grace", programId: "ref_friends" })).code).not.toBe(code);

    await expect(autumn.referrals.redeemCode({ code, customerId: "ref_ada" })).rejects.toThrow(/own referral code/);
    expect(await autumn.referrals.redeemCode({ code, customerId: "ref_grace" })).toMatchObject({ customerId: "ref_grace", rewardId: "ref_credits" });
    await expect(autumn.referrals.redeemCode({ code, customerId: "ref_grace" })).rejects.toMatchObject({ status: 400, code: "invalid_request" });
    await autumn.referrals.redeemCode({ code, customerId: "ref_alan" });

    const ada = await autumn.customers.get({ customerId: "ref_ada", expand: ["referrals"] });
    expect(ada.referrals?.map((referral) => [referral.programId, referral.customer.id, referral.rewardApplied])).toEqual([
      ["ref_friends", "ref_grace", true],
      ["ref_friends", "ref_alan", true],
    ]);
  });

  it("refuses a checkout program without plans, deleting its reward while in use, and forgets a deleted program's codes", async () => {
    await autumn.customers.getOrCreate({ customerId: "ref_bob" });
    await autumn.rewards.create({ featureGrant: { id: "ref_gone", name: "Gone", grants: [{ featureId: "messages", included: 1, expiry: null }], promoCodes: [{ code: "REF_GONE", maxUses: null }] } });
    await autumn.referralPrograms.create({ id: "ref_short", rewardId: "ref_gone", redeemOn: "customer_creation", receivedBy: "referrer" });
    await expect(autumn.referralPrograms.update({ referralProgramId: "ref_short", redeemOn: "checkout" })).rejects.toMatchObject({ code: "invalid_inputs" });
    await expect(autumn.rewards.delete({ rewardId: "ref_gone" })).rejects.toThrow(/referral program ref_short/);
    const { code } = await autumn.referrals.createCode({ customerId: "ref_bob", programId: "ref_short" });
    await autumn.referralPrograms.delete({ referralProgramId: "ref_short" });
    await expect(autumn.referrals.redeemCode({ code, customerId: "ref_ada" })).rejects.toMatchObject({ status: 404, code: "referral_code_not_found" });
    await autumn.rewards.delete({ rewardId: "ref_gone" });
  });
});

describe("RevenueCat", () => {
  it("links at once, syncs created then existing products, and keeps test and live apart", async () => {
    const target = { organizationSlug: "rc-org", env: "test" } as const;
    await expect(autumn.platform.syncRevenuecat(target)).rejects.toThrow(/not linked/);
    await autumn.platform.linkRevenuecat({ ...target, projectName: "rc-mobile", redirectUrl: "https://app.example.com/done" });
    const first = await autumn.platform.syncRevenuecat({ ...target, productIds: ["free", "pro"] });
    expect(first.results.map((result) => [result.planId, result.apps?.[0]?.product, result.apps?.[0]?.price])).toEqual([
      ["free", "created", "skipped"],
      ["pro", "created", "set"],
    ]);
    // test and sandbox name the same environment.
    const again = await autumn.platform.syncRevenuecat({ ...target, env: "sandbox", productIds: ["pro"] });
    expect(again.results[0]?.apps?.[0]?.product).toBe("exists");
    const [one, two] = [await autumn.platform.getRevenuecatKeys(target), await autumn.platform.getRevenuecatKeys(target)];
    expect(one.oauthAccessToken).not.toBe(two.oauthAccessToken);
    await expect(autumn.platform.getRevenuecatKeys({ ...target, env: "live" })).rejects.toMatchObject({ status: 400, code: "invalid_request" });
  });
});
