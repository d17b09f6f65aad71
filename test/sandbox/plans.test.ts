import { describe, expect, it, onTestFinished } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { type Sandbox, type SandboxCatalog, startSandbox } from "../../src/sandbox/index.js";

/**
 * Plans as Autumn attaches them: which need a checkout, what prepaid
 * quantities grant, and the group of a plan created at runtime (what a
 * converted trial reports is in clock.test.ts). The catalog is written as
 * Autumn's CLI writes it.
 */

const CATALOG = {
  features: [
    { id: "api_calls", name: "API calls", type: "metered", consumable: true },
    { id: "seats", name: "Seats", type: "metered", consumable: false },
    { id: "reports", name: "Reports", type: "metered", consumable: true },
  ],
  plans: [
    { id: "free", name: "Free", group: "", autoEnable: true, items: [{ featureId: "reports", included: 5, reset: { interval: "month" } }] },
    // Pay as you go: no base price, a cent a call.
    { id: "payg", name: "Pay as you go", group: "", items: [{ featureId: "api_calls", price: { amount: 0.01, interval: "month", billingMethod: "usage_based" } }] },
    // Seats bought up front, five of them included.
    { id: "seats", name: "Seats", addOn: true, items: [{ featureId: "seats", included: 5, price: { amount: 10, interval: "month", billingMethod: "prepaid", billingUnits: 1 } }] },
  ],
} satisfies SandboxCatalog;

async function open(): Promise<{ sandbox: Sandbox; autumn: Autumn }> {
  const sandbox = await startSandbox({ catalog: CATALOG });
  onTestFinished(() => sandbox.close());
  return { sandbox, autumn: new Autumn({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } }) };
}

const planIds = async (autumn: Autumn, customerId: string) => (await autumn.customers.get({ customerId })).subscriptions.map((subscription) => subscription.planId).sort();

describe("a plan priced only on usage", () => {
  it("needs a checkout for a customer without a card, and is attached once it is paid", async () => {
    const { sandbox, autumn } = await open();
    await autumn.customers.getOrCreate({ customerId: "metered" });
    const attached = await autumn.billing.attach({ customerId: "metered", planId: "payg" });
    expect(attached.paymentUrl).toMatch(/\/checkout\//);
    expect(await planIds(autumn, "metered")).toEqual(["free"]);

    sandbox.completeCheckout(attached.paymentUrl!);
    expect(await planIds(autumn, "metered")).toEqual(["payg"]);
    expect((await autumn.check({ customerId: "metered", featureId: "api_calls", requiredBalance: 1000 })).allowed).toBe(true);
  });
});

describe("prepaid quantities", () => {
  it("are the total granted, the included units part of it; below them the included units are granted", async () => {
    const { sandbox, autumn } = await open();
    const granted = async (customerId: string, quantity: number) => {
      await autumn.customers.getOrCreate({ customerId });
      const attached = await autumn.billing.attach({ customerId, planId: "seats", featureQuantities: [{ featureId: "seats", quantity }] });
      sandbox.completeCheckout(attached.paymentUrl!);
      return (await autumn.customers.get({ customerId })).balances["seats"]!;
    };
    expect(await granted("ten", 10)).toMatchObject({ granted: 10, breakdown: [{ includedGrant: 5, prepaidGrant: 5 }] });
    expect(await granted("three", 3)).toMatchObject({ granted: 5, breakdown: [{ includedGrant: 5, prepaidGrant: 0 }] });

    // Only the units bought beyond the included ones are charged: 5 seats at 10.
    await autumn.customers.getOrCreate({ customerId: "previewed" });
    const preview = await autumn.billing.previewAttach({ customerId: "previewed", planId: "seats", featureQuantities: [{ featureId: "seats", quantity: 10 }] });
    expect(preview).toMatchObject({ total: 50, lineItems: [{ featureId: "seats", quantity: 5, total: 50 }] });

    // A new quantity is a new total too.
    await autumn.billing.update({ customerId: "ten", planId: "seats", featureQuantities: [{ featureId: "seats", quantity: 8 }] });
    expect((await autumn.customers.get({ customerId: "ten" })).balances["seats"]).toMatchObject({ granted: 8 });
  });
});

describe("a plan created at runtime", () => {
  it("is in the group \"\" by default, so a paid one replaces the free plan rather than stacking on it", async () => {
    const { sandbox, autumn } = await open();
    const created = await autumn.plans.create({ planId: "pro", name: "Pro", price: { amount: 20, interval: "month" }, items: [{ featureId: "reports", included: 100, reset: { interval: "month" } }] });
    expect(created.group).toBe("");
    await autumn.customers.getOrCreate({ customerId: "upgrader" });
    const attached = await autumn.billing.attach({ customerId: "upgrader", planId: "pro" });
    sandbox.completeCheckout(attached.paymentUrl!);
    expect(await planIds(autumn, "upgrader")).toEqual(["pro"]);
  });
});
