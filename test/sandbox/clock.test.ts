import { describe, expect, it, onTestFinished, vi } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/index.js";
import { TRIALS } from "../fixtures/catalogs.js";

/**
 * What the sandbox's clock brings about: what falls due (cancellations,
 * trials ending) is applied when the clock moves, for every customer, in the
 * order it fell due and at the time it did, so the webhooks a test waits for
 * go out without the customer being read; and a trial that converted no
 * longer reports when it ends.
 */

const DAY = 86_400_000;

async function open(): Promise<{ sandbox: Sandbox; autumn: Autumn }> {
  const sandbox = await startSandbox({ catalog: TRIALS });
  onTestFinished(() => sandbox.close());
  return { sandbox, autumn: new Autumn({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } }) };
}

/** Attaches a plan to a new customer, paying its checkout when it asks for one; the subscription. */
async function attach(sandbox: Sandbox, autumn: Autumn, customerId: string, planId: string) {
  await autumn.customers.getOrCreate({ customerId });
  const attached = await autumn.billing.attach({ customerId, planId });
  if (attached.paymentUrl) sandbox.completeCheckout(attached.paymentUrl);
  return (await autumn.customers.get({ customerId })).subscriptions[0]!;
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
    // First to be created, last to fall due: a 14-day trial without a card, which lapses.
    const lapsing = await attach(sandbox, autumn, "lapser", "pro");
    // A 7-day trial with the card on file, which converts.
    const converting = await attach(sandbox, autumn, "converter", "business");
    const sent = planChanges(sandbox).length;

    sandbox.advanceClock(20 * DAY);
    const changes = planChanges(sandbox).slice(sent);
    expect(changes.map(({ customer, action, plan }) => [customer, action, plan])).toEqual([
      ["converter", "updated", "business"],
      ["lapser", "expired", "pro"],
      ["lapser", "activated", "free"],
    ]);
    // Each at the time it fell due, not when the clock stopped.
    expect(changes[0]!.subscription).toMatchObject({ current_period_start: converting.trialEndsAt });
    expect(changes[2]!.subscription).toMatchObject({ started_at: lapsing.trialEndsAt });
  });

  it("by nothing applies what real time brought due since, as a test may ask it to", async () => {
    const { sandbox, autumn } = await open();
    const trial = await attach(sandbox, autumn, "lapser", "pro");
    // The real clock stands still (timers and sockets stay real) until the test moves it.
    vi.useFakeTimers({ toFake: ["Date"] });
    sandbox.advanceClock(trial.trialEndsAt! - sandbox.now() - 1);
    const sent = planChanges(sandbox).length;
    // A millisecond of real time later the trial has lapsed, and nothing has read the customer.
    vi.advanceTimersByTime(1);
    sandbox.advanceClock(0);
    expect(planChanges(sandbox).slice(sent).map(({ action, plan }) => [action, plan])).toEqual([
      ["expired", "pro"],
      ["activated", "free"],
    ]);
  });
});

describe("a trial that converts", () => {
  it("reports trialEndsAt while the trial runs and null once the plan is paid for", async () => {
    const { sandbox, autumn } = await open();
    const trial = await attach(sandbox, autumn, "convert", "business");
    expect(trial).toMatchObject({ planId: "business", trialEndsAt: trial.startedAt + 7 * DAY });

    sandbox.advanceClock(8 * DAY);
    const [paid] = (await autumn.customers.get({ customerId: "convert" })).subscriptions;
    expect(paid).toMatchObject({ planId: "business", status: "active", trialEndsAt: null, currentPeriodStart: trial.trialEndsAt });
    expect(planChanges(sandbox).at(-1)).toMatchObject({ action: "updated", subscription: { trial_ends_at: null } });
  });
});
