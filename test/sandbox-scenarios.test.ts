import { describe, expect, it, onTestFinished } from "vitest";
import { Autumn } from "../src/autumn.js";
import { type Sandbox, SandboxCatalogError, type SandboxCatalog, startSandbox } from "../src/sandbox/index.js";
import * as aiApp from "./fixtures/ai-app.config.js";
import { FEATURE_FLAGS, TEAM_WORKSPACE, TRIALS, USAGE_PRICED } from "./fixtures/catalogs.js";

/**
 * What an application built on Autumn relies on, proved against the sandbox
 * with the app's own catalog and through the SDK alone: checks and tracks
 * through a month of usage, the monthly reset, upgrades through checkout,
 * downgrades and cancellations at the end of the cycle, trials, seats as
 * entities. Each scenario has its own sandbox. Time moves only with
 * `advanceClock`, by whole days past the boundary in question, so nothing
 * depends on how fast the machine runs.
 *
 * Usage is spent in Autumn's deduction order (src/sandbox/ledger.ts): the
 * shorter reset interval first, a one-off grant last, and overage only once
 * every grant is spent; seats are counted past the grant, so the app checks
 * before it adds a member.
 */

const DAY = 86_400_000;
/** Past any monthly boundary from now, and short of the next one. */
const A_MONTH_AND_A_DAY = 32 * DAY;

async function open(catalog: SandboxCatalog): Promise<{ sandbox: Sandbox; autumn: Autumn }> {
  const sandbox = await startSandbox({ catalog });
  onTestFinished(() => sandbox.close());
  return { sandbox, autumn: new Autumn({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } }) };
}

/** Moves the sandbox's clock a day past `at`. */
function advancePast(sandbox: Sandbox, at: number | null | undefined): void {
  expect(at).toEqual(expect.any(Number));
  sandbox.advanceClock(at! - sandbox.now() + DAY);
}

/** Buys a paid plan the way a new customer does: the attach answers a checkout, the buyer pays it. */
async function checkout(sandbox: Sandbox, autumn: Autumn, params: { customerId: string; planId: string; entityId?: string }): Promise<void> {
  const { paymentUrl } = await autumn.billing.attach(params);
  expect(paymentUrl).toMatch(/\/checkout\//);
  sandbox.completeCheckout(paymentUrl!);
}

async function planIds(autumn: Autumn, customerId: string): Promise<string[]> {
  const customer = await autumn.customers.get({ customerId });
  return customer.subscriptions.map((subscription) => subscription.planId).sort();
}

describe("an AI app with model tiers paid in credits", () => {
  it("spends premium at 5 credits until the free plan's 100 run out, and allows it again after the monthly reset", async () => {
    const { sandbox, autumn } = await open(aiApp);
    const customer = await autumn.customers.getOrCreate({ customerId: "ada" });
    expect(customer.subscriptions.map((subscription) => subscription.planId)).toEqual(["free"]);
    expect(customer.balances["credits"]).toMatchObject({ granted: 100, remaining: 100, usage: 0, overageAllowed: false });

    let allowedRuns = 0;
    while ((await autumn.check({ customerId: "ada", featureId: "premium_model" })).allowed) {
      await autumn.track({ customerId: "ada", featureId: "premium_model" });
      allowedRuns++;
      expect(allowedRuns).toBeLessThanOrEqual(20);
    }
    expect(allowedRuns).toBe(20);
    const denied = await autumn.check({ customerId: "ada", featureId: "premium_model" });
    expect(denied).toMatchObject({ allowed: false, balance: { featureId: "credits", remaining: 0, usage: 100 } });
    // A basic run costs 1 credit: with none left it is refused as well.
    expect((await autumn.check({ customerId: "ada", featureId: "basic_model" })).allowed).toBe(false);

    const resetsAt = denied.balance!.nextResetAt;
    advancePast(sandbox, resetsAt);
    const next = await autumn.check({ customerId: "ada", featureId: "premium_model" });
    expect(next).toMatchObject({ allowed: true, balance: { remaining: 100, usage: 0 } });
    expect(next.balance!.nextResetAt).toBeGreaterThan(resetsAt!);
  });

  it("upgrades to Pro through checkout, runs 500 credits of overage past the 2,000 included, then refuses", async () => {
    const { sandbox, autumn } = await open(aiApp);
    await autumn.customers.getOrCreate({ customerId: "bo" });
    await autumn.track({ customerId: "bo", featureId: "basic_model", value: 60 });
    await checkout(sandbox, autumn, { customerId: "bo", planId: "pro" });
    expect(await planIds(autumn, "bo")).toEqual(["pro"]);
    // The free plan's usage goes with it: Pro starts on a fresh 2,000.
    const upgraded = await autumn.check({ customerId: "bo", featureId: "premium_model" });
    expect(upgraded).toMatchObject({ allowed: true, balance: { granted: 2000, remaining: 2000, usage: 0, overageAllowed: true, maxPurchase: 500 } });

    await autumn.track({ customerId: "bo", featureId: "premium_model", value: 400 });
    const atIncluded = await autumn.check({ customerId: "bo", featureId: "basic_model" });
    expect(atIncluded).toMatchObject({ allowed: true, balance: { remaining: 0, usage: 2000 } });
    // Overage: past the included credits, up to maxPurchase more.
    await autumn.track({ customerId: "bo", featureId: "premium_model", value: 99 });
    expect((await autumn.check({ customerId: "bo", featureId: "premium_model" })).allowed).toBe(true);
    expect((await autumn.check({ customerId: "bo", featureId: "premium_model", requiredBalance: 2 })).allowed).toBe(false);
    const last = await autumn.track({ customerId: "bo", featureId: "premium_model" });
    expect(last.balance).toMatchObject({ granted: 2000, remaining: 0, usage: 2500 });
    expect((await autumn.check({ customerId: "bo", featureId: "basic_model" })).allowed).toBe(false);

    advancePast(sandbox, last.balance!.nextResetAt);
    expect(await autumn.check({ customerId: "bo", featureId: "premium_model" })).toMatchObject({ allowed: true, balance: { remaining: 2000, usage: 0 } });
  });

  it("stacks a one-off top-up on the monthly grant, spends it after the grant, and keeps what is left through the reset", async () => {
    const { sandbox, autumn } = await open(aiApp);
    await autumn.customers.getOrCreate({ customerId: "cy" });
    await checkout(sandbox, autumn, { customerId: "cy", planId: "pro" });
    // The card is on file now: the top-up is bought at once.
    const bought = await autumn.billing.attach({ customerId: "cy", planId: "credit_top_up", featureQuantities: [{ featureId: "credits", quantity: 1000 }] });
    expect(bought.paymentUrl).toBe(null);
    const customer = await autumn.customers.get({ customerId: "cy" });
    expect(customer.subscriptions.map((subscription) => subscription.planId)).toEqual(["pro"]);
    expect(customer.purchases.map((purchase) => purchase.planId)).toEqual(["credit_top_up"]);
    expect(customer.balances["credits"]).toMatchObject({ granted: 3000, remaining: 3000 });

    const tracked = await autumn.track({ customerId: "cy", featureId: "basic_model", value: 2100 });
    const byPlan = Object.fromEntries(tracked.balance!.breakdown!.map((row) => [row.planId, row]));
    expect(byPlan["pro"]).toMatchObject({ includedGrant: 2000, usage: 2000, remaining: 0 });
    expect(byPlan["credit_top_up"]).toMatchObject({ prepaidGrant: 1000, usage: 100, remaining: 900, reset: null });

    advancePast(sandbox, tracked.balance!.nextResetAt);
    const after = await autumn.check({ customerId: "cy", featureId: "basic_model" });
    expect(after.balance).toMatchObject({ granted: 3000, remaining: 2900, usage: 100 });
  });

  it("calls a scheduled downgrade off when the current plan is attached again, keeping its cycle and balances", async () => {
    const { sandbox, autumn } = await open(aiApp);
    await autumn.customers.getOrCreate({ customerId: "undo" });
    await checkout(sandbox, autumn, { customerId: "undo", planId: "pro" });
    await autumn.track({ customerId: "undo", featureId: "premium_model", value: 100 });
    const [before] = (await autumn.customers.get({ customerId: "undo" })).subscriptions;
    await autumn.billing.attach({ customerId: "undo", planId: "free" });
    expect(await planIds(autumn, "undo")).toEqual(["free", "pro"]);

    expect((await autumn.billing.attach({ customerId: "undo", planId: "pro" })).paymentUrl).toBe(null);
    const after = await autumn.customers.get({ customerId: "undo" });
    expect(after.subscriptions).toEqual([{ ...before, canceledAt: null, expiresAt: null }]);
    expect(after.balances["credits"]).toMatchObject({ granted: 2000, usage: 500 });
    advancePast(sandbox, before!.currentPeriodEnd);
    expect(await planIds(autumn, "undo")).toEqual(["pro"]);
  });
});

describe("a team workspace with seats and messages", () => {
  it("counts a seat per member; the app's check refuses a sixth of five, and a member going gives one back", async () => {
    const { sandbox, autumn } = await open(TEAM_WORKSPACE);
    await autumn.customers.getOrCreate({ customerId: "acme" });
    await checkout(sandbox, autumn, { customerId: "acme", planId: "team" });
    // The app's own gate, as Autumn's docs have it: check the seat, then create the member.
    const invite = async (member: string) => {
      if (!(await autumn.check({ customerId: "acme", featureId: "seats" })).allowed) return false;
      await autumn.entities.create({ customerId: "acme", entityId: member, featureId: "seats", name: member });
      return true;
    };
    for (const member of ["m1", "m2", "m3", "m4", "m5"]) expect(await invite(member)).toBe(true);
    expect((await autumn.check({ customerId: "acme", featureId: "seats" })).balance).toMatchObject({ granted: 5, usage: 5, remaining: 0 });
    expect(await invite("m6")).toBe(false);

    // Seats are held, not used up: the month's end leaves them taken.
    sandbox.advanceClock(A_MONTH_AND_A_DAY);
    expect((await autumn.check({ customerId: "acme", featureId: "seats" })).balance).toMatchObject({ usage: 5, remaining: 0, nextResetAt: null });
    expect(await invite("m6")).toBe(false);

    await autumn.entities.delete({ customerId: "acme", entityId: "m2" });
    expect((await autumn.check({ customerId: "acme", featureId: "seats" })).balance).toMatchObject({ usage: 4, remaining: 1 });
    expect(await invite("m6")).toBe(true);
    const members = await autumn.entities.list({ customerId: "acme" });
    expect(members.list.map((entity) => entity.id).sort()).toEqual(["m1", "m3", "m4", "m5", "m6"]);
  });

  it("stacks a recurring add-on's seats on the team plan's, and takes them away when it is cancelled", async () => {
    const { sandbox, autumn } = await open(TEAM_WORKSPACE);
    await autumn.customers.getOrCreate({ customerId: "bigco" });
    await checkout(sandbox, autumn, { customerId: "bigco", planId: "team" });
    // The card is on file now: the add-on applies at once, next to the team plan rather than instead of it.
    expect((await autumn.billing.attach({ customerId: "bigco", planId: "extra_seats" })).paymentUrl).toBe(null);
    expect(await planIds(autumn, "bigco")).toEqual(["extra_seats", "team"]);
    const seats = (await autumn.customers.get({ customerId: "bigco" })).balances["seats"]!;
    expect(seats).toMatchObject({ granted: 10, remaining: 10 });
    expect(seats.breakdown!.map((grant) => [grant.planId, grant.includedGrant]).sort()).toEqual([["extra_seats", 5], ["team", 5]]);
    for (let n = 1; n <= 7; n++) await autumn.entities.create({ customerId: "bigco", entityId: `member_${n}`, featureId: "seats" });

    await autumn.billing.update({ customerId: "bigco", planId: "extra_seats", cancelAction: "cancel_immediately" });
    expect(await planIds(autumn, "bigco")).toEqual(["team"]);
    const left = await autumn.check({ customerId: "bigco", featureId: "seats" });
    expect(left.allowed).toBe(false);
    expect(left.balance).toMatchObject({ granted: 5 });
  });

  it("gives a member with their own plan messages of their own, apart from other members' and reset monthly", async () => {
    const { sandbox, autumn } = await open(TEAM_WORKSPACE);
    await autumn.customers.getOrCreate({ customerId: "globex" });
    await checkout(sandbox, autumn, { customerId: "globex", planId: "team" });
    for (const member of ["ann", "ben"]) {
      await autumn.entities.create({ customerId: "globex", entityId: member, featureId: "seats" });
      const attached = await autumn.billing.attach({ customerId: "globex", planId: "member", entityId: member });
      expect(attached.paymentUrl).toBe(null);
    }
    const ann = await autumn.entities.get({ customerId: "globex", entityId: "ann" });
    expect(ann.subscriptions.map((subscription) => subscription.planId)).toEqual(["member"]);

    await autumn.track({ customerId: "globex", entityId: "ann", featureId: "messages", value: 100 });
    const annMessages = await autumn.check({ customerId: "globex", entityId: "ann", featureId: "messages" });
    const annOwn = annMessages.balance!.breakdown!.find((row) => row.planId === "member");
    expect(annOwn).toMatchObject({ includedGrant: 100, usage: 100, remaining: 0 });
    const benOwn = (await autumn.check({ customerId: "globex", entityId: "ben", featureId: "messages" })).balance!.breakdown!.find((row) => row.planId === "member");
    expect(benOwn).toMatchObject({ includedGrant: 100, usage: 0, remaining: 100 });
    // The team's pool is untouched while Ann's own messages last; past them, her usage comes from it.
    const teamPool = async () => (await autumn.customers.get({ customerId: "globex" })).balances["messages"]!.breakdown!.find((row) => row.planId === "team");
    expect(await teamPool()).toMatchObject({ includedGrant: 1000, usage: 0 });
    await autumn.track({ customerId: "globex", entityId: "ann", featureId: "messages", value: 10 });
    expect(await teamPool()).toMatchObject({ includedGrant: 1000, usage: 10 });
    // Ben sees his own messages and the team's pool, not Ann's; the customer sees them all.
    expect((await autumn.entities.get({ customerId: "globex", entityId: "ben" })).balances["messages"]).toMatchObject({ granted: 1100, usage: 10 });
    expect((await autumn.customers.get({ customerId: "globex" })).balances["messages"]).toMatchObject({ granted: 1200, usage: 110 });

    sandbox.advanceClock(A_MONTH_AND_A_DAY);
    const reset = await autumn.entities.get({ customerId: "globex", entityId: "ann" });
    expect(reset.balances["messages"]).toMatchObject({ granted: 1100, usage: 0, remaining: 1100 });
    expect(reset.balances["seats"]).toMatchObject({ usage: 2 });
  });
});

describe("usage-priced resources", () => {
  it("bills API calls in arrears with nothing included, keeps storage past the month, and resets calls at its end", async () => {
    const { sandbox, autumn } = await open(USAGE_PRICED);
    await autumn.customers.getOrCreate({ customerId: "dev" });
    expect((await autumn.check({ customerId: "dev", featureId: "api_calls" })).balance).toMatchObject({ granted: 1000, overageAllowed: false });
    await checkout(sandbox, autumn, { customerId: "dev", planId: "scale" });

    const before = await autumn.check({ customerId: "dev", featureId: "api_calls", requiredBalance: 1_000_000 });
    expect(before).toMatchObject({ allowed: true, balance: { granted: 0, remaining: 0, usage: 0, overageAllowed: true, maxPurchase: null } });
    // Counted by the feature's event name, as an app's middleware would send it.
    for (let batch = 0; batch < 5; batch++) await autumn.track({ customerId: "dev", eventName: "api.request", value: 1000 });
    await autumn.track({ customerId: "dev", featureId: "storage_gb", value: 12 });
    const month = await autumn.customers.get({ customerId: "dev" });
    expect(month.balances["api_calls"]).toMatchObject({ granted: 0, remaining: 0, usage: 5000, overageAllowed: true });
    expect(month.balances["storage_gb"]).toMatchObject({ granted: 10, remaining: 0, usage: 12, overageAllowed: true, nextResetAt: null });
    expect(sandbox.events.filter((event) => event.featureId === "api_calls")).toHaveLength(5);

    advancePast(sandbox, month.balances["api_calls"]!.nextResetAt);
    const next = await autumn.customers.get({ customerId: "dev" });
    expect(next.balances["api_calls"]).toMatchObject({ usage: 0 });
    expect(next.balances["storage_gb"]).toMatchObject({ usage: 12 });
    // Freeing storage gives it back.
    await autumn.track({ customerId: "dev", featureId: "storage_gb", value: -4 });
    expect((await autumn.check({ customerId: "dev", featureId: "storage_gb" })).balance).toMatchObject({ usage: 8, remaining: 2 });
  });
});

describe("feature flags on the paid plan", () => {
  it("turns SSO on with the upgrade, keeps it through a downgrade scheduled for the cycle's end, and drops it then", async () => {
    const { sandbox, autumn } = await open(FEATURE_FLAGS);
    await autumn.customers.getOrCreate({ customerId: "flagco" });
    expect(await autumn.check({ customerId: "flagco", featureId: "sso" })).toMatchObject({ allowed: false, flag: null });

    await checkout(sandbox, autumn, { customerId: "flagco", planId: "pro" });
    for (const featureId of ["sso", "priority_support"]) {
      expect(await autumn.check({ customerId: "flagco", featureId })).toMatchObject({ allowed: true, flag: { featureId, planId: "pro", expiresAt: null } });
    }

    const downgrade = await autumn.billing.attach({ customerId: "flagco", planId: "free" });
    expect(downgrade.paymentUrl).toBe(null);
    const scheduled = await autumn.customers.get({ customerId: "flagco" });
    const pro = scheduled.subscriptions.find((subscription) => subscription.planId === "pro")!;
    expect(scheduled.subscriptions.find((subscription) => subscription.planId === "free")).toMatchObject({ status: "scheduled", startedAt: pro.currentPeriodEnd });
    expect(pro).toMatchObject({ status: "active", expiresAt: pro.currentPeriodEnd });
    expect(await autumn.check({ customerId: "flagco", featureId: "sso" })).toMatchObject({ allowed: true, flag: { expiresAt: pro.currentPeriodEnd } });

    sandbox.advanceClock(pro.currentPeriodEnd! - sandbox.now() - DAY);
    expect((await autumn.check({ customerId: "flagco", featureId: "sso" })).allowed).toBe(true);
    advancePast(sandbox, pro.currentPeriodEnd);
    expect((await autumn.check({ customerId: "flagco", featureId: "sso" })).allowed).toBe(false);
    expect(await planIds(autumn, "flagco")).toEqual(["free"]);
    expect((await autumn.check({ customerId: "flagco", featureId: "projects" })).balance).toMatchObject({ granted: 3 });
  });

  it("keeps projects in use through a scheduled downgrade and a cancellation: held usage is not forgiven", async () => {
    const { sandbox, autumn } = await open(FEATURE_FLAGS);
    for (const [customerId, leave] of [["down", "downgrade"], ["gone", "cancel"]] as const) {
      await autumn.customers.getOrCreate({ customerId });
      await checkout(sandbox, autumn, { customerId, planId: "pro" });
      await autumn.track({ customerId, featureId: "projects", value: 10 });
      if (leave === "downgrade") await autumn.billing.attach({ customerId, planId: "free" });
      else await autumn.billing.update({ customerId, planId: "pro", cancelAction: "cancel_end_of_cycle" });
    }
    sandbox.advanceClock(A_MONTH_AND_A_DAY);
    for (const customerId of ["down", "gone"]) {
      expect(await planIds(autumn, customerId)).toEqual(["free"]);
      expect(await autumn.check({ customerId, featureId: "projects" })).toMatchObject({ allowed: false, balance: { granted: 3, usage: 10, remaining: 0 } });
    }
  });

  it("cancels at the end of the cycle: the flags last until then, and the free plan comes back", async () => {
    const { sandbox, autumn } = await open(FEATURE_FLAGS);
    await autumn.customers.getOrCreate({ customerId: "leaver" });
    await checkout(sandbox, autumn, { customerId: "leaver", planId: "pro" });
    await autumn.billing.update({ customerId: "leaver", planId: "pro", cancelAction: "cancel_end_of_cycle" });
    const [pro] = (await autumn.customers.get({ customerId: "leaver" })).subscriptions;
    expect(pro).toMatchObject({ planId: "pro", canceledAt: expect.any(Number), expiresAt: pro!.currentPeriodEnd });
    expect((await autumn.check({ customerId: "leaver", featureId: "priority_support" })).allowed).toBe(true);

    advancePast(sandbox, pro!.expiresAt);
    expect((await autumn.check({ customerId: "leaver", featureId: "priority_support" })).allowed).toBe(false);
    expect(await planIds(autumn, "leaver")).toEqual(["free"]);
  });

  it("uncancels: the plan runs on past the date it would have ended", async () => {
    const { sandbox, autumn } = await open(FEATURE_FLAGS);
    await autumn.customers.getOrCreate({ customerId: "stayer" });
    await checkout(sandbox, autumn, { customerId: "stayer", planId: "pro" });
    await autumn.billing.update({ customerId: "stayer", planId: "pro", cancelAction: "cancel_end_of_cycle" });
    await autumn.billing.update({ customerId: "stayer", planId: "pro", cancelAction: "uncancel" });
    const [pro] = (await autumn.customers.get({ customerId: "stayer" })).subscriptions;
    expect(pro).toMatchObject({ canceledAt: null, expiresAt: null });
    advancePast(sandbox, pro!.currentPeriodEnd);
    expect((await autumn.check({ customerId: "stayer", featureId: "sso" })).allowed).toBe(true);
    const renewed = (await autumn.customers.get({ customerId: "stayer" })).subscriptions[0]!;
    expect(renewed).toMatchObject({ planId: "pro", currentPeriodStart: pro!.currentPeriodEnd });
  });
});

describe("free trials", () => {
  it("starts a trial without a card at once and, with no card by its end, reverts to the free plan", async () => {
    const { sandbox, autumn } = await open(TRIALS);
    await autumn.customers.getOrCreate({ customerId: "tina" });
    const attached = await autumn.billing.attach({ customerId: "tina", planId: "pro" });
    expect(attached.paymentUrl).toBe(null);
    const [trial] = (await autumn.customers.get({ customerId: "tina" })).subscriptions;
    expect(trial).toMatchObject({ planId: "pro", status: "active" });
    expect(trial!.trialEndsAt! - trial!.startedAt).toBe(14 * DAY);
    expect((await autumn.check({ customerId: "tina", featureId: "reports" })).balance).toMatchObject({ granted: 500 });

    advancePast(sandbox, trial!.trialEndsAt);
    expect(await planIds(autumn, "tina")).toEqual(["free"]);
    expect((await autumn.check({ customerId: "tina", featureId: "reports" })).balance).toMatchObject({ granted: 5 });
    // A trial is had once: attaching again is a purchase through checkout.
    expect((await autumn.billing.attach({ customerId: "tina", planId: "pro" })).paymentUrl).toMatch(/\/checkout\//);
  });

  it("asks for a card before a trial that needs one, then bills when it ends", async () => {
    const { sandbox, autumn } = await open(TRIALS);
    await autumn.customers.getOrCreate({ customerId: "cara" });
    await checkout(sandbox, autumn, { customerId: "cara", planId: "business" });
    const [trial] = (await autumn.customers.get({ customerId: "cara" })).subscriptions;
    expect(trial).toMatchObject({ planId: "business", trialEndsAt: trial!.startedAt + 7 * DAY });

    advancePast(sandbox, trial!.trialEndsAt);
    const [paid] = (await autumn.customers.get({ customerId: "cara" })).subscriptions;
    expect(paid).toMatchObject({ planId: "business", status: "active", currentPeriodStart: trial!.trialEndsAt });
    expect(paid!.currentPeriodEnd).toBeGreaterThan(sandbox.now());
    expect((await autumn.check({ customerId: "cara", featureId: "reports" })).balance).toMatchObject({ granted: 5000 });
  });

  it("cancels a trial at the end of the cycle when the trial ends, not at once", async () => {
    const { sandbox, autumn } = await open(TRIALS);
    await autumn.customers.getOrCreate({ customerId: "quinn" });
    await autumn.billing.attach({ customerId: "quinn", planId: "pro" });
    await autumn.billing.update({ customerId: "quinn", planId: "pro", cancelAction: "cancel_end_of_cycle" });
    const [trial] = (await autumn.customers.get({ customerId: "quinn" })).subscriptions;
    expect(trial).toMatchObject({ planId: "pro", currentPeriodEnd: trial!.trialEndsAt, expiresAt: trial!.trialEndsAt });
    advancePast(sandbox, trial!.trialEndsAt);
    expect(await planIds(autumn, "quinn")).toEqual(["free"]);
  });

  it("reverts at the end of a trial set to revert, card or not", async () => {
    const { sandbox, autumn } = await open(TRIALS);
    await autumn.customers.getOrCreate({ customerId: "pia" });
    await checkout(sandbox, autumn, { customerId: "pia", planId: "enterprise_pilot" });
    const [trial] = (await autumn.customers.get({ customerId: "pia" })).subscriptions;
    expect(trial).toMatchObject({ planId: "enterprise_pilot", trialEndsAt: expect.any(Number) });
    expect((await autumn.check({ customerId: "pia", featureId: "reports", requiredBalance: 1_000_000 })).allowed).toBe(true);

    advancePast(sandbox, trial!.trialEndsAt);
    expect(await planIds(autumn, "pia")).toEqual(["free"]);
    expect((await autumn.check({ customerId: "pia", featureId: "reports", requiredBalance: 6 })).allowed).toBe(false);
  });
});

describe("catalogs as apps write them", () => {
  it("takes an autumn.config.ts module's named exports with id keys", async () => {
    const { autumn } = await open(aiApp);
    expect((await autumn.plans.list()).list.map((plan) => plan.id)).toEqual(["free", "pro", "credit_top_up"]);
    const credits = await autumn.features.get({ featureId: "credits" });
    expect(credits).toMatchObject({ type: "credit_system", creditSchema: [{ meteredFeatureId: "basic_model", creditCost: 1 }, { meteredFeatureId: "premium_model", creditCost: 5 }] });
    const pro = await autumn.plans.get({ planId: "pro" });
    // The usage price's interval, left out, is the reset's.
    expect(pro.items[0]).toMatchObject({ featureId: "credits", included: 2000, price: { interval: "month", billingMethod: "usage_based", maxPurchase: 500 } });
  });

  it("takes snake_case keys", async () => {
    const { autumn } = await open(USAGE_PRICED);
    expect(await autumn.features.get({ featureId: "api_calls" })).toMatchObject({ eventNames: ["api.request"], consumable: true });
    expect(await autumn.plans.get({ planId: "hobby" })).toMatchObject({ autoEnable: true });
    expect((await autumn.plans.get({ planId: "scale" })).items[1]).toMatchObject({ featureId: "storage_gb", price: { billingMethod: "usage_based", maxPurchase: null } });
  });

  const feature = (id: string, type: string, more: object = {}) => ({ id, name: id, type, ...(type === "metered" && { consumable: true }), ...more });
  const invalid: { name: string; catalog: SandboxCatalog; entry: string; field: string; says: RegExp }[] = [
    {
      name: "a plan item naming an unknown feature",
      catalog: { features: [feature("messages", "metered")], plans: [{ id: "pro", name: "Pro", items: [{ featureId: "mesages", included: 10 }] }] },
      entry: 'plans[0] "pro"',
      field: "items.0.featureId",
      says: /no feature "mesages"/,
    },
    {
      name: "a credit system costing a boolean feature",
      catalog: { features: [feature("sso", "boolean"), feature("credits", "credit_system", { creditSchema: [{ meteredFeatureId: "sso", creditCost: 1 }] })] },
      entry: 'features[1] "credits"',
      field: "creditSchema.0.meteredFeatureId",
      says: /"sso" is boolean, not metered/,
    },
    {
      name: "a reset interval Autumn does not have",
      catalog: { features: [feature("messages", "metered")], plans: [{ id: "free", name: "Free", items: [{ featureId: "messages", included: 10, reset: { interval: "fortnight" } }] }] },
      entry: 'plans[0] "free"',
      field: "items.0.reset.interval",
      says: /expected \("one_off" \| "minute"/,
    },
    {
      name: "a field plans.create does not take",
      catalog: { features: [feature("messages", "metered")], plans: [{ id: "free", name: "Free", autoEnabled: true, items: [] }] },
      entry: 'plans[0] "free"',
      field: "autoEnabled",
      says: /unknown field/,
    },
  ];
  for (const { name, catalog, entry, field, says } of invalid) {
    it(`refuses ${name}, naming the entry and the field`, async () => {
      const started = startSandbox({ catalog });
      await expect(started).rejects.toBeInstanceOf(SandboxCatalogError);
      const error = (await started.catch((thrown: unknown) => thrown)) as SandboxCatalogError;
      expect({ entry: error.entry, field: error.field }).toEqual({ entry, field });
      expect(error.message).toContain(entry);
      expect(error.message).toContain(field);
      expect(error.message).toMatch(says);
    });
  }
});
