import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { TRIALS } from "../fixtures/catalogs.js";

/**
 * `plans.list` with a customer: each plan carries what attaching it would do for that customer and
 * where they stand with it, as Autumn's pricing-page examples read it.
 */
// The TRIALS starter catalog's free and pro plans (pro with a trial needing no card), and beside them a
// dearer plan, an add-on and a one-off pack.
const CATALOG = {
  features: [...TRIALS.features, { id: "exports", name: "Exports", type: "boolean" }],
  plans: [
    ...TRIALS.plans.slice(0, 2),
    { id: "business", name: "Business", group: "main", price: { amount: 90, interval: "month" }, items: [{ featureId: "reports", unlimited: true }] },
    { id: "exports_addon", name: "Exports", addOn: true, price: { amount: 5, interval: "month" }, items: [{ featureId: "exports" }] },
    { id: "report_pack", name: "100 reports", addOn: true, price: { amount: 10, interval: "one_off" }, items: [{ featureId: "reports", included: 100 }] },
  ],
};

let sandbox: Sandbox;
let autumn: Autumn;

beforeAll(async () => {
  sandbox = await startSandbox({ catalog: CATALOG as never });
  autumn = new Autumn({ secretKey: "am_sk_test_eligibility", serverURL: sandbox.url, retryConfig: { limit: 0 } });
});
afterAll(async () => {
  await sandbox.close();
});

async function eligibility(customerId: string): Promise<Record<string, unknown>> {
  const { list } = await autumn.plans.list({ customerId });
  return Object.fromEntries(list.map((plan) => [plan.id, plan.customerEligibility]));
}

describe("plans.list with customerId", () => {
  it("on the free plan: it is current, paid plans are upgrades, an add-on activates, a one-off is a purchase", async () => {
    await autumn.customers.getOrCreate({ customerId: "elig_new" });
    expect(await eligibility("elig_new")).toEqual({
      free: { attachAction: "none", status: "active", canceling: false, trialing: false },
      pro: { attachAction: "upgrade", trialAvailable: true },
      business: { attachAction: "upgrade" },
      exports_addon: { attachAction: "activate" },
      report_pack: { attachAction: "purchase" },
    });
  });

  it("trialing pro: pro is current and trialing, its trial used; free is a downgrade, business an upgrade; cancelling shows", async () => {
    await autumn.customers.getOrCreate({ customerId: "elig_trial" });
    await autumn.billing.attach({ customerId: "elig_trial", planId: "pro" });
    const during = await eligibility("elig_trial");
    expect(during["pro"]).toEqual({ attachAction: "none", status: "active", canceling: false, trialing: true, trialAvailable: false });
    expect(during["free"]).toEqual({ attachAction: "downgrade" });
    expect(during["business"]).toEqual({ attachAction: "upgrade" });

    await autumn.billing.update({ customerId: "elig_trial", planId: "pro", cancelAction: "cancel_end_of_cycle" });
    expect((await eligibility("elig_trial"))["pro"]).toMatchObject({ status: "active", canceling: true });
  });

  it("without a customer, plans carry no eligibility; an unknown customer is 404", async () => {
    const { list } = await autumn.plans.list();
    expect(list.every((plan) => plan.customerEligibility === undefined)).toBe(true);
    await expect(autumn.plans.list({ customerId: "elig_nobody" })).rejects.toMatchObject({ status: 404, code: "customer_not_found" });
  });
});
