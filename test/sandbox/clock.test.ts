import { describe, expect, it, onTestFinished } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { type Sandbox, type SandboxCatalog, startSandbox } from "../../src/sandbox/index.js";

/**
 * What the sandbox's clock brings about: what falls due (cancellations,
 * trials ending) is applied when the clock moves, for every customer, in the
 * order it fell due and at the time it did, so the webhooks a test waits for
 * go out without the customer being read.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CATALOG = {
  features: [{ id: "reports", name: "Reports", type: "metered", consumable: true }],
  plans: [
    { id: "free", name: "Free", group: "", autoEnable: true, items: [{ featureId: "reports", included: 5, reset: { interval: "month" } }] },
    { id: "pro", name: "Pro", group: "", price: { amount: 30, interval: "month" }, items: [{ featureId: "reports", included: 500, reset: { interval: "month" } }] },
    {
      id: "business",
      name: "Business",
      group: "",
      price: { amount: 90, interval: "month" },
      freeTrial: { durationLength: 7, durationType: "day", cardRequired: true },
      items: [{ featureId: "reports", included: 5000, reset: { interval: "month" } }],
    },
  ],
} satisfies SandboxCatalog;

async function open(): Promise<{ sandbox: Sandbox; autumn: Autumn }> {
  const sandbox = await startSandbox({ catalog: CATALOG });
  onTestFinished(() => sandbox.close());
  return { sandbox, autumn: new Autumn({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } }) };
}

async function buy(sandbox: Sandbox, autumn: Autumn, customerId: string, planId: string): Promise<void> {
  await autumn.customers.getOrCreate({ customerId });
  const attached = await autumn.billing.attach({ customerId, planId });
  sandbox.completeCheckout(attached.paymentUrl!);
}

/** The plan changes the sandbox sent as `billing.updated` webhooks, in order: customer, action, plan, and the subscription. */
function planChanges(sandbox: Sandbox): { customer: string; action: string; plan: string; subscription: Record<string, unknown> }[] {
  return sandbox.webhooks.deliveries
    .filter((delivery) => delivery.type === "billing.updated")
    .flatMap((delivery) => {
      const { data } = JSON.parse(delivery.body) as { data: { customer_id: string; plan_changes: { action: string; subscription: Record<string, unknown> & { plan_id: string } }[] } };
      return data.plan_changes.map((change) => ({ customer: data.customer_id, action: change.action, plan: change.subscription.plan_id, subscription: change.subscription }));
    });
}

describe("advanceClock", () => {
  it("applies what fell due for every customer, in the order it fell due, and sends its webhooks without a read", async () => {
    const { sandbox, autumn } = await open();
    // First to be created, last to fall due: a cancellation at the end of the month.
    await buy(sandbox, autumn, "leaver", "pro");
    await autumn.billing.update({ customerId: "leaver", planId: "pro", cancelAction: "cancel_end_of_cycle" });
    const [pro] = (await autumn.customers.get({ customerId: "leaver" })).subscriptions;
    // A trial that ends in a week and converts, the card being on file.
    await buy(sandbox, autumn, "trialist", "business");
    const [trial] = (await autumn.customers.get({ customerId: "trialist" })).subscriptions;
    const sent = planChanges(sandbox).length;

    sandbox.advanceClock(40 * DAY);
    const changes = planChanges(sandbox).slice(sent);
    expect(changes.map(({ customer, action, plan }) => [customer, action, plan])).toEqual([
      ["trialist", "updated", "business"],
      ["leaver", "expired", "pro"],
      ["leaver", "activated", "free"],
    ]);
    // Each at the time it fell due, not when the clock stopped.
    expect(changes[0]!.subscription).toMatchObject({ current_period_start: trial!.trialEndsAt, trial_ends_at: null });
    expect(changes[2]!.subscription).toMatchObject({ started_at: pro!.expiresAt });
  });

  it("by nothing applies what real time brought due since, as a test may ask it to", async () => {
    const { sandbox, autumn } = await open();
    await buy(sandbox, autumn, "leaver", "pro");
    await autumn.billing.update({ customerId: "leaver", planId: "pro", cancelAction: "cancel_end_of_cycle" });
    const [pro] = (await autumn.customers.get({ customerId: "leaver" })).subscriptions;
    sandbox.advanceClock(pro!.expiresAt! - sandbox.now() - 1);
    const sent = planChanges(sandbox).length;
    // A millisecond of real time later the plan has ended, and nothing has read the customer.
    await new Promise((resolve) => setTimeout(resolve, 5));
    sandbox.advanceClock(0);
    expect(planChanges(sandbox).slice(sent).map(({ action, plan }) => [action, plan])).toEqual([
      ["expired", "pro"],
      ["activated", "free"],
    ]);
  });
});
