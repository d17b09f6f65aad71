import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AutumnCore } from "../src/core.js";
import { balancesCheck } from "../src/funcs/balances-check.js";
import { billingAttach } from "../src/funcs/billing-attach.js";
import { billingCreateSchedule } from "../src/funcs/billing-create-schedule.js";
import { billingImport } from "../src/funcs/billing-import.js";
import { billingMultiAttach } from "../src/funcs/billing-multi-attach.js";
import { billingPreviewAttach } from "../src/funcs/billing-preview-attach.js";
import { billingPreviewUpdate } from "../src/funcs/billing-preview-update.js";
import { billingUpdate } from "../src/funcs/billing-update.js";
import { customersGet } from "../src/funcs/customers-get.js";
import { customersGetOrCreate } from "../src/funcs/customers-get-or-create.js";
import { featuresCreate } from "../src/funcs/features-create.js";
import { featuresDelete } from "../src/funcs/features-delete.js";
import { featuresUpdate } from "../src/funcs/features-update.js";
import { plansCreate } from "../src/funcs/plans-create.js";
import { plansDelete } from "../src/funcs/plans-delete.js";
import { plansUpdate } from "../src/funcs/plans-update.js";
import type { Result } from "../src/lib/result.js";
import { loadCatalog, SandboxCatalogError } from "../src/sandbox/catalog.js";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";

const DAY = 86_400_000;

let sandbox: Sandbox;
let core: AutumnCore;

beforeAll(async () => {
  sandbox = await startSandbox();
  core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
});
afterAll(async () => {
  await sandbox.close();
});

async function ok<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw result.error;
  return result.value;
}

async function failure(call: Promise<Result<unknown>>): Promise<unknown> {
  const result = await call;
  return result.ok ? "ok" : result.error;
}

async function customer(id: string, withCard = false): Promise<void> {
  await ok(customersGetOrCreate(core, { customerId: id }));
  if (!withCard) return;
  // A checkout for a paid plan leaves a card on file; the customer is then on pro.
  await ok(billingAttach(core, { customerId: id, planId: "pro" }));
  sandbox.completeCheckout(id);
}

const planIds = async (id: string) => (await ok(customersGet(core, { customerId: id }))).subscriptions.map((subscription) => subscription.planId);

describe("the catalog changed at runtime", () => {
  it("serves a feature and a plan created through the API: attached, checked, tracked", async () => {
    await ok(featuresCreate(core, { featureId: "reports", name: "Reports", type: "metered", consumable: true }));
    await ok(plansCreate(core, { planId: "analyst", name: "Analyst", addOn: true, items: [{ featureId: "reports", included: 3, reset: { interval: "month" } }] }));
    await customer("rt_ada");
    expect((await ok(billingAttach(core, { customerId: "rt_ada", planId: "analyst" }))).paymentUrl).toBe(null);
    expect(await ok(balancesCheck(core, { customerId: "rt_ada", featureId: "reports", requiredBalance: 3 }))).toMatchObject({ allowed: true, balance: { granted: 3 } });
  });

  it("gives new attaches what plans.update set, and keeps customers already on the plan on their version", async () => {
    await ok(plansCreate(core, { planId: "starter", name: "Starter", group: "starter", price: { amount: 10, interval: "month" }, items: [{ featureId: "messages", included: 100, reset: { interval: "month" } }] }));
    await customer("rt_early", true);
    await ok(billingAttach(core, { customerId: "rt_early", planId: "starter" }));
    const updated = await ok(plansUpdate(core, { planId: "starter", price: { amount: 15, interval: "year" }, items: [{ featureId: "messages", included: 500, reset: { interval: "month" } }] }));
    expect(updated).toMatchObject({ version: 2, price: { amount: 15, interval: "year" } });

    await customer("rt_late", true);
    await ok(billingAttach(core, { customerId: "rt_late", planId: "starter" }));
    const late = await ok(customersGet(core, { customerId: "rt_late", expand: ["subscriptions.plan"] }));
    const early = await ok(customersGet(core, { customerId: "rt_early", expand: ["subscriptions.plan"] }));
    expect(late.balances["messages"]!.granted).toBe(1000 + 500);
    expect(early.balances["messages"]!.granted).toBe(1000 + 100);
    const starter = (held: typeof early) => held.subscriptions.find((subscription) => subscription.planId === "starter");
    expect(starter(early)?.plan).toMatchObject({ version: 1, price: { amount: 10, interval: "month" } });
    expect(starter(late)?.plan).toMatchObject({ version: 2 });
    // The early customer's cycle still rolls monthly, as the version it holds says.
    const before = starter(early)!.currentPeriodEnd!;
    sandbox.advanceClock(32 * DAY);
    const rolled = await ok(customersGet(core, { customerId: "rt_early" }));
    expect(starter(rolled)?.currentPeriodStart).toBe(before);
  });

  it("refuses a bad plan the way the catalog loader does: the same field, as a 400 or a SandboxCatalogError", async () => {
    const bad = { planId: "broken", name: "Broken", items: [{ featureId: "nothing", included: 1 }] };
    expect(await failure(plansCreate(core, bad))).toMatchObject({ status: 400, code: "invalid_inputs", message: expect.stringContaining('items.0.featureId: no feature "nothing"') });
    expect(() => loadCatalog({ features: [], plans: [bad] })).toThrow(new SandboxCatalogError('plans[0] "broken"', "items.0.featureId", 'no feature "nothing" in the catalog'));
    // Checked by the SDK's schema on the server too: a raw body the SDK would refuse to send.
    const response = await fetch(`${sandbox.url}/v1/features.create`, {
      method: "POST",
      headers: { authorization: `Bearer ${sandbox.secretKey}`, "content-type": "application/json" },
      body: JSON.stringify({ feature_id: "odd", name: "Odd", type: "volume" }),
    });
    expect([response.status, ((await response.json()) as { code: string }).code]).toEqual([400, "invalid_inputs"]);
  });

  it("refuses to delete what is in use, and deletes it once it is not", async () => {
    await ok(featuresCreate(core, { featureId: "badges", name: "Badges", type: "boolean" }));
    await ok(plansCreate(core, { planId: "badged", name: "Badged", addOn: true, items: [{ featureId: "badges" }] }));
    await customer("rt_badged");
    await ok(billingAttach(core, { customerId: "rt_badged", planId: "badged" }));
    expect(await failure(featuresDelete(core, { featureId: "badges" }))).toMatchObject({ status: 400, message: expect.stringContaining("plan badged") });
    expect(await failure(plansDelete(core, { planId: "badged" }))).toMatchObject({ status: 400, message: expect.stringContaining("customer rt_badged") });
    expect(await failure(featuresUpdate(core, { featureId: "badges", type: "metered" }))).toMatchObject({ status: 400 });
    expect(await ok(featuresUpdate(core, { featureId: "badges", archived: true }))).toMatchObject({ archived: true });

    await ok(billingUpdate(core, { customerId: "rt_badged", planId: "badged", cancelAction: "cancel_immediately" }));
    expect(await ok(plansDelete(core, { planId: "badged" }))).toEqual({ success: true });
    expect(await ok(featuresDelete(core, { featureId: "badges" }))).toEqual({ success: true });
    expect(await failure(billingAttach(core, { customerId: "rt_badged", planId: "badged" }))).toMatchObject({ status: 404 });
  });
});

describe("previews", () => {
  it("prices a downgrade at nothing today, starting at the end of the cycle", async () => {
    await customer("pv_down", true);
    const { subscriptions } = await ok(customersGet(core, { customerId: "pv_down" }));
    const periodEnd = subscriptions.find((subscription) => subscription.planId === "pro")!.currentPeriodEnd;
    const preview = await ok(billingPreviewAttach(core, { customerId: "pv_down", planId: "free" }));
    expect(preview).toMatchObject({ total: 0, lineItems: [], incoming: [{ planId: "free", effectiveAt: periodEnd }], outgoing: [{ planId: "pro", expiresAt: periodEnd }], redirectToCheckout: false });
    expect(preview.nextCycle).toBeUndefined();
    // Nothing changed.
    expect(await planIds("pv_down")).toEqual(["pro"]);
  });

  it("charges the prepaid units an update adds, at their price per billing unit", async () => {
    await ok(plansCreate(core, {
      planId: "bulk",
      name: "Bulk",
      addOn: true,
      items: [{ featureId: "messages", included: 0, price: { amount: 4, billingUnits: 50, interval: "month", billingMethod: "prepaid" } }],
    }));
    await customer("pv_bulk", true);
    await ok(billingAttach(core, { customerId: "pv_bulk", planId: "bulk", featureQuantities: [{ featureId: "messages", quantity: 100 }] }));
    const preview = await ok(billingPreviewUpdate(core, { customerId: "pv_bulk", planId: "bulk", featureQuantities: [{ featureId: "messages", quantity: 250 }] }));
    // 150 more units are 3 billing units of 50; the next cycle bills all 250, 5 units.
    expect(preview).toMatchObject({ intent: "update_quantity", total: 12, lineItems: [{ featureId: "messages", quantity: 150, total: 12 }], nextCycle: { total: 20 } });
  });

  it("shows a trial as free today, billed when it ends", async () => {
    await ok(plansCreate(core, { planId: "tried", name: "Tried", group: "tried", price: { amount: 9, interval: "month" }, freeTrial: { durationLength: 7, durationType: "day", cardRequired: false } }));
    await customer("pv_trial");
    const now = sandbox.now();
    const preview = await ok(billingPreviewAttach(core, { customerId: "pv_trial", planId: "tried" }));
    expect(preview).toMatchObject({ total: 0, redirectToCheckout: false, nextCycle: { total: 9 } });
    expect(preview.nextCycle!.startsAt - now).toBeGreaterThanOrEqual(7 * DAY);
    expect(preview.nextCycle!.startsAt - now).toBeLessThan(8 * DAY);
  });
});

describe("several plans at once", () => {
  it("sends multi_attach through one checkout without a card, and attaches every plan once it is paid", async () => {
    await customer("ma_new");
    const result = await ok(billingMultiAttach(core, { customerId: "ma_new", plans: [{ planId: "pro" }, { planId: "seat" }] }));
    expect(result.paymentUrl).toMatch(/\/checkout\//);
    expect(await planIds("ma_new")).toEqual(["free"]);
    sandbox.completeCheckout("ma_new");
    expect(await planIds("ma_new")).toEqual(["pro", "seat"]);
  });

  it("refuses two plans that would replace each other", async () => {
    await customer("ma_rivals", true);
    expect(await failure(billingMultiAttach(core, { customerId: "ma_rivals", plans: [{ planId: "pro" }, { planId: "team" }] }))).toMatchObject({ status: 400, code: "invalid_inputs" });
  });

  it("starts a schedule's later phase when the clock reaches it, ending the plan it replaces", async () => {
    await customer("sc_later");
    const schedule = await ok(billingCreateSchedule(core, {
      customerId: "sc_later",
      phases: [{ startsAt: "now", plans: [{ planId: "team" }] }, { startsAt: sandbox.now() + 10 * DAY, plans: [{ planId: "free" }] }],
    }));
    expect(schedule.status).toBe("created");
    const waiting = await ok(customersGet(core, { customerId: "sc_later" }));
    expect(waiting.subscriptions.map(({ planId, status }) => [planId, status])).toEqual([["team", "active"], ["free", "scheduled"]]);
    sandbox.advanceClock(11 * DAY);
    const after = await ok(customersGet(core, { customerId: "sc_later" }));
    expect(after.subscriptions.map(({ planId, status }) => [planId, status])).toEqual([["free", "active"]]);
    expect(after.balances["messages"]).toMatchObject({ granted: 5 });
  });

  it("sets a schedule with a paid phase up once its checkout is paid", async () => {
    await customer("sc_paid");
    const schedule = await ok(billingCreateSchedule(core, {
      customerId: "sc_paid",
      phases: [{ plans: [{ planId: "team" }] }, { startingAfter: { durationType: "month", durationCount: 1 }, plans: [{ planId: "pro" }] }],
    }));
    expect(schedule).toMatchObject({ status: "pending_payment", phases: [] });
    expect(await planIds("sc_paid")).toEqual(["free"]);
    sandbox.completeCheckout(schedule.paymentUrl!);
    const paid = await ok(customersGet(core, { customerId: "sc_paid" }));
    expect(paid.subscriptions.map(({ planId, status }) => [planId, status])).toEqual([["team", "active"], ["pro", "scheduled"]]);
  });

  it("imports a backdated plan with its balance, and ends what the import leaves out", async () => {
    await ok(plansCreate(core, { planId: "legacy", name: "Legacy", addOn: true, items: [{ featureId: "messages", included: 7 }] }));
    await customer("im_ada");
    await ok(billingAttach(core, { customerId: "im_ada", planId: "legacy" }));
    const startedAt = sandbox.now() - 45 * DAY;
    const imported = await ok(billingImport(core, {
      customerId: "im_ada",
      billables: [{ processor: "stripe", plan: { planId: "pro", startedAt, balances: [{ featureId: "messages", balance: 900 }] } }],
    }));
    expect(imported.flashed).toMatchObject([
      { planId: "pro", status: "active", skipped: false },
      { planId: "legacy", status: "expired", expired: true },
    ]);
    const pro = imported.customer!.subscriptions.find((subscription) => subscription.planId === "pro")!;
    expect(pro.startedAt).toBe(startedAt);
    // 45 days in, the first monthly period is behind it.
    expect(pro.currentPeriodStart).toBeGreaterThan(startedAt);
    expect(imported.customer!.subscriptions.map((subscription) => subscription.planId)).toEqual(["pro"]);
    expect(imported.customer!.balances["messages"]).toMatchObject({ granted: 1000, remaining: 900 });
    // Imported as paid through Stripe: a later paid attach needs no checkout.
    await ok(plansCreate(core, { planId: "boost", name: "Boost", addOn: true, price: { amount: 5, interval: "month" } }));
    expect((await ok(billingAttach(core, { customerId: "im_ada", planId: "boost" }))).paymentUrl).toBe(null);
  });
});
