import { describe, expect, it, onTestFinished } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { type Sandbox, type SandboxCatalog, startSandbox } from "../../src/sandbox/index.js";

/**
 * The webhooks a change of usage sends, as Autumn's track sends them:
 * `balances.limit_reached` when a check of the feature turns from allowed to
 * refused (so never while overage may still be bought), with the limit that
 * refused it and the entity it was for; `balances.usage_alert_triggered` for
 * the customer's alerts over its whole balance and for an entity's own alerts
 * over the entity's, never for an unlimited balance.
 */

const CATALOG = {
  features: [
    { id: "messages", name: "Messages", type: "metered", consumable: true },
    { id: "seats", name: "Seats", type: "metered", consumable: false },
  ],
  plans: [
    { id: "free", name: "Free", group: "main", autoEnable: true, items: [{ featureId: "messages", included: 5, reset: { interval: "month" } }] },
    { id: "metered", name: "Metered", group: "main", items: [{ featureId: "messages", included: 5, reset: { interval: "month" }, price: { amount: 0.01, interval: "month", billingMethod: "usage_based" } }] },
    { id: "capped", name: "Capped", group: "main", items: [{ featureId: "messages", included: 5, reset: { interval: "month" }, price: { amount: 0.01, interval: "month", billingMethod: "usage_based", maxPurchase: 3 } }] },
    { id: "unlimited", name: "Unlimited", group: "main", items: [{ featureId: "messages", unlimited: true }] },
    { id: "workspace", name: "Workspace", group: "workspaces", items: [{ featureId: "messages", included: 3, reset: { interval: "month" } }] },
  ],
} satisfies SandboxCatalog;

async function open(): Promise<{ sandbox: Sandbox; autumn: Autumn }> {
  const sandbox = await startSandbox({ catalog: CATALOG });
  onTestFinished(() => sandbox.close());
  return { sandbox, autumn: new Autumn({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } }) };
}

/** A customer on `planId`, paid for through the sandbox's checkout when it needs one. */
async function customerOn(sandbox: Sandbox, autumn: Autumn, customerId: string, planId: string): Promise<void> {
  await autumn.customers.getOrCreate({ customerId });
  if (planId === "free") return;
  const attached = await autumn.billing.attach({ customerId, planId });
  if (attached.paymentUrl) sandbox.completeCheckout(attached.paymentUrl);
}

/** The data of each webhook of `type` sent so far, in order. */
function sent(sandbox: Sandbox, type: string): Record<string, unknown>[] {
  return sandbox.webhooks.deliveries.filter((delivery) => delivery.type === type).map((delivery) => JSON.parse(delivery.body).data);
}

describe("balances.limit_reached", () => {
  it("is sent when the included units run out and nothing more may be bought", async () => {
    const { sandbox, autumn } = await open();
    await customerOn(sandbox, autumn, "free_1", "free");
    await autumn.track({ customerId: "free_1", featureId: "messages", value: 5 });
    expect(sent(sandbox, "balances.limit_reached")).toEqual([{ customer_id: "free_1", feature_id: "messages", limit_type: "included" }]);
    expect((await autumn.check({ customerId: "free_1", featureId: "messages" })).allowed).toBe(false);
  });

  it("is not sent while overage may be bought without a cap: the check still allows", async () => {
    const { sandbox, autumn } = await open();
    await customerOn(sandbox, autumn, "payg", "metered");
    await autumn.track({ customerId: "payg", featureId: "messages", value: 5 });
    await autumn.track({ customerId: "payg", featureId: "messages", value: 50 });
    expect(sent(sandbox, "balances.limit_reached")).toEqual([]);
    expect((await autumn.check({ customerId: "payg", featureId: "messages" })).allowed).toBe(true);
  });

  it("is sent with limit_type max_purchase when the overage reaches its cap, not when the included units run out", async () => {
    const { sandbox, autumn } = await open();
    await customerOn(sandbox, autumn, "cap", "capped");
    await autumn.track({ customerId: "cap", featureId: "messages", value: 5 });
    expect(sent(sandbox, "balances.limit_reached")).toEqual([]);
    await autumn.track({ customerId: "cap", featureId: "messages", value: 2 });
    expect(sent(sandbox, "balances.limit_reached")).toEqual([]);
    await autumn.track({ customerId: "cap", featureId: "messages", value: 1 });
    expect(sent(sandbox, "balances.limit_reached")).toEqual([{ customer_id: "cap", feature_id: "messages", limit_type: "max_purchase" }]);
    expect((await autumn.check({ customerId: "cap", featureId: "messages" })).allowed).toBe(false);
    // Already refused: tracking past the limit (overflow) sends nothing more.
    await autumn.track({ customerId: "cap", featureId: "messages", value: 1, overageBehavior: "overflow" });
    expect(sent(sandbox, "balances.limit_reached")).toHaveLength(1);
  });

  it("names the entity whose balance ran out, and is judged on the entity's balance", async () => {
    const { sandbox, autumn } = await open();
    await autumn.customers.getOrCreate({ customerId: "org" });
    await autumn.entities.create({ customerId: "org", entityId: "ws_1", featureId: "seats" });
    await autumn.billing.attach({ customerId: "org", planId: "workspace", entityId: "ws_1" });
    // The entity draws on its own 3, then on its customer's 5.
    await autumn.track({ customerId: "org", entityId: "ws_1", featureId: "messages", value: 3 });
    expect(sent(sandbox, "balances.limit_reached")).toEqual([]);
    await autumn.track({ customerId: "org", entityId: "ws_1", featureId: "messages", value: 5 });
    expect(sent(sandbox, "balances.limit_reached")).toEqual([{ customer_id: "org", feature_id: "messages", limit_type: "included", entity_id: "ws_1" }]);
  });
});

describe("balances.usage_alert_triggered", () => {
  it("is never sent for an unlimited balance", async () => {
    const { sandbox, autumn } = await open();
    await customerOn(sandbox, autumn, "big", "unlimited");
    await autumn.customers.update({ customerId: "big", billingControls: { usageAlerts: [{ featureId: "messages", threshold: 10, thresholdType: "usage" }] } });
    await autumn.track({ customerId: "big", featureId: "messages", value: 20 });
    expect(sent(sandbox, "balances.usage_alert_triggered")).toEqual([]);
    expect(sent(sandbox, "balances.limit_reached")).toEqual([]);
  });

  it("judges the customer's alerts on its whole balance, and an entity's own alerts on the entity's, naming it", async () => {
    const { sandbox, autumn } = await open();
    await autumn.customers.getOrCreate({ customerId: "team", billingControls: { usageAlerts: [{ featureId: "messages", threshold: 6, thresholdType: "usage" }] } });
    await autumn.entities.create({ customerId: "team", entityId: "ws_a", featureId: "seats", billingControls: { usageAlerts: [{ featureId: "messages", threshold: 2, thresholdType: "usage", name: "two" }] } });
    await autumn.entities.create({ customerId: "team", entityId: "ws_b", featureId: "seats" });
    for (const entityId of ["ws_a", "ws_b"]) await autumn.billing.attach({ customerId: "team", planId: "workspace", entityId });
    await autumn.track({ customerId: "team", entityId: "ws_b", featureId: "messages", value: 3 });
    expect(sent(sandbox, "balances.usage_alert_triggered")).toEqual([]);
    // 6 used in all crosses the customer's alert; 3 in ws_a's scope (its grant and its customer's) crosses ws_a's.
    await autumn.track({ customerId: "team", entityId: "ws_a", featureId: "messages", value: 3 });
    expect(sent(sandbox, "balances.usage_alert_triggered")).toEqual([
      { customer_id: "team", feature_id: "messages", usage_alert: { threshold: 6, threshold_type: "usage" } },
      { customer_id: "team", feature_id: "messages", entity_id: "ws_a", usage_alert: { name: "two", threshold: 2, threshold_type: "usage" } },
    ]);
  });

  it("reads remaining as the balance shows it: one grant's overage does not eat another's", async () => {
    const { sandbox, autumn } = await open();
    await autumn.customers.getOrCreate({ customerId: "two_grants", billingControls: { usageAlerts: [{ featureId: "messages", threshold: 4, thresholdType: "remaining" }] } });
    // 7 on the free plan's 5 by overflow, then 5 more granted: the balance shows 0 + 5 left, not 10 - 7.
    await autumn.track({ customerId: "two_grants", featureId: "messages", value: 7, overageBehavior: "overflow" });
    const alert = { customer_id: "two_grants", feature_id: "messages", usage_alert: { threshold: 4, threshold_type: "remaining" } };
    expect(sent(sandbox, "balances.usage_alert_triggered")).toEqual([alert]);
    await autumn.balances.create({ customerId: "two_grants", featureId: "messages", includedGrant: 5, balanceId: "extra" });
    expect((await autumn.customers.get({ customerId: "two_grants" })).balances["messages"]!.remaining).toBe(5);
    await autumn.track({ customerId: "two_grants", featureId: "messages", value: 1 });
    expect((await autumn.customers.get({ customerId: "two_grants" })).balances["messages"]!.remaining).toBe(4);
    // From 5 left to 4: crossed again, as Autumn judges it on the balance it shows.
    expect(sent(sandbox, "balances.usage_alert_triggered")).toEqual([alert, alert]);
  });
});
