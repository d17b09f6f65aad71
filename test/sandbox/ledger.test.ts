import { describe, expect, it, onTestFinished } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { type SandboxCatalog, startSandbox } from "../../src/sandbox/index.js";

/**
 * How the sandbox spends and credits grants, as Autumn's deduction does:
 * the order grants are spent in, refunds, overflow, direct balances before a
 * credit system's, and plans attached to an entity kept to that entity. Each
 * case is what an app's test would see through the SDK; the numbers are
 * those Autumn's server gives for the same calls.
 */

const DAY = 86_400_000;

/** Messages granted monthly by the free plan every customer gets; credits that also pay for messages. */
const CATALOG = {
  features: [
    { id: "messages", name: "Messages", type: "metered", consumable: true },
    { id: "seats", name: "Seats", type: "metered", consumable: false },
    { id: "credits", name: "Credits", type: "credit_system", creditSchema: [{ meteredFeatureId: "messages", creditCost: 2 }] },
  ],
  plans: [
    { id: "free", name: "Free", group: "main", autoEnable: true, items: [{ featureId: "messages", included: 100, reset: { interval: "month" } }] },
    { id: "weekly", name: "Weekly", addOn: true, items: [{ featureId: "messages", included: 10, reset: { interval: "week" } }] },
    { id: "credit_pack", name: "Credit pack", addOn: true, items: [{ featureId: "credits", included: 100, reset: { interval: "month" } }] },
    { id: "workspace", name: "Workspace", group: "workspaces", items: [{ featureId: "messages", included: 40, reset: { interval: "month" } }] },
  ],
} satisfies SandboxCatalog;

async function open(): Promise<{ autumn: Autumn; advance: (ms: number) => void; now: () => number }> {
  const sandbox = await startSandbox({ catalog: CATALOG });
  onTestFinished(() => sandbox.close());
  return { autumn: new Autumn({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } }), advance: (ms) => sandbox.advanceClock(ms), now: () => sandbox.now() };
}

/** Each grant of a customer's messages by plan (or balance id for a grant of no plan): its usage. */
async function usageByGrant(autumn: Autumn, customerId: string): Promise<Record<string, number>> {
  const balance = (await autumn.customers.get({ customerId })).balances["messages"]!;
  return Object.fromEntries(balance.breakdown!.map((grant) => [grant.planId ?? grant.id, grant.usage]));
}

describe("refunds", () => {
  it("credit grants in deduction order: the monthly grant first, then a one-off", async () => {
    const { autumn } = await open();
    await autumn.customers.getOrCreate({ customerId: "refund" });
    await autumn.balances.create({ customerId: "refund", featureId: "messages", includedGrant: 50, balanceId: "top_up" });
    await autumn.track({ customerId: "refund", featureId: "messages", value: 130 });
    expect(await usageByGrant(autumn, "refund")).toEqual({ free: 100, top_up: 30 });

    const refund = await autumn.track({ customerId: "refund", featureId: "messages", value: -40 });
    expect(await usageByGrant(autumn, "refund")).toEqual({ free: 60, top_up: 30 });
    expect(refund.deductions!.map((deduction) => [deduction.planId ?? deduction.balanceId, deduction.value])).toEqual([["free", -40]]);
  });

  it("stop at the grant, unless overflow lets the balance go above it", async () => {
    const { autumn } = await open();
    for (const customerId of ["capped", "overflowed"]) {
      await autumn.customers.getOrCreate({ customerId });
      await autumn.track({ customerId, featureId: "messages", value: 30 });
    }
    // A refund takes nothing, so the answer's `balance` is that of the credit system pricing messages, which
    // these customers do not hold: null, as Autumn answers. The messages balance is in `balances`.
    const capped = await autumn.track({ customerId: "capped", featureId: "messages", value: -50 });
    expect(capped.balance).toBeNull();
    expect(capped.balances!["messages"]).toMatchObject({ granted: 100, remaining: 100, usage: 0 });

    const overflowed = await autumn.track({ customerId: "overflowed", featureId: "messages", value: -50, overageBehavior: "overflow" });
    expect(overflowed.balances!["messages"]).toMatchObject({ granted: 100, remaining: 120, usage: -20 });
    expect((await autumn.check({ customerId: "overflowed", featureId: "messages", requiredBalance: 120 })).allowed).toBe(true);
  });
});

describe("overflow", () => {
  it("reports the units past the balance and puts them on the first grant, whose reset forgives them", async () => {
    const { autumn, advance } = await open();
    await autumn.customers.getOrCreate({ customerId: "debt" });
    await autumn.balances.create({ customerId: "debt", featureId: "messages", includedGrant: 50, balanceId: "top_up" });

    const tracked = await autumn.track({ customerId: "debt", featureId: "messages", value: 180, overageBehavior: "overflow" });
    expect(tracked.deductions!.map((deduction) => [deduction.planId ?? deduction.balanceId, deduction.value])).toEqual([
      ["free", 130],
      ["top_up", 50],
    ]);
    expect(await usageByGrant(autumn, "debt")).toEqual({ free: 130, top_up: 50 });
    expect(tracked.balance).toMatchObject({ granted: 150, remaining: 0, usage: 180 });

    advance(32 * DAY);
    const after = await autumn.check({ customerId: "debt", featureId: "messages", requiredBalance: 100 });
    expect(after).toMatchObject({ allowed: true, balance: { granted: 150, remaining: 100, usage: 50 } });
    expect((await autumn.check({ customerId: "debt", featureId: "messages", requiredBalance: 101 })).allowed).toBe(false);
  });
});

describe("direct balances and credit systems", () => {
  it("spends the feature's own balance first, then the credit pool, and checks against the pool once the own balance falls short", async () => {
    const { autumn } = await open();
    await autumn.customers.getOrCreate({ customerId: "both" });
    await autumn.billing.attach({ customerId: "both", planId: "credit_pack" });
    await autumn.track({ customerId: "both", featureId: "messages", value: 95 });

    // 5 messages of its own left: a check for 45 is answered from the 100 credits (2 a message).
    const check = await autumn.check({ customerId: "both", featureId: "messages", requiredBalance: 45 });
    // Answered from the credit system, requiredBalance is in credits, as Autumn's check reports it.
    expect(check).toMatchObject({ allowed: true, requiredBalance: 90, balance: { featureId: "credits", remaining: 100 } });
    // Answered from the feature's own balance, it stays in messages.
    expect(await autumn.check({ customerId: "both", featureId: "messages", requiredBalance: 5 })).toMatchObject({ allowed: true, requiredBalance: 5, balance: { featureId: "messages" } });

    const tracked = await autumn.track({ customerId: "both", featureId: "messages", value: 15 });
    expect(tracked.deductions!.map((deduction) => [deduction.featureId, deduction.value])).toEqual([
      ["messages", 5],
      ["credits", 20],
    ]);
    expect((await autumn.customers.get({ customerId: "both" })).balances).toMatchObject({ messages: { usage: 100, remaining: 0 }, credits: { usage: 20, remaining: 80 } });
    expect((await autumn.check({ customerId: "both", featureId: "messages", requiredBalance: 40 })).allowed).toBe(true);
    expect((await autumn.check({ customerId: "both", featureId: "messages", requiredBalance: 41 })).allowed).toBe(false);
  });
});

describe("deduction order", () => {
  it("spends the shorter reset interval first, whichever resets sooner", async () => {
    const { autumn, now } = await open();
    await autumn.customers.getOrCreate({ customerId: "order" });
    await autumn.billing.attach({ customerId: "order", planId: "weekly" });
    // A monthly grant that resets tomorrow, before the weekly one does.
    await autumn.balances.create({ customerId: "order", featureId: "messages", includedGrant: 10, reset: { interval: "month" }, nextResetAt: now() + DAY, balanceId: "soon" });
    await autumn.track({ customerId: "order", featureId: "messages", value: 5 });
    expect(await usageByGrant(autumn, "order")).toEqual({ free: 0, weekly: 5, soon: 0 });
  });

  it("spends the grant that expires soonest first, before one that never expires", async () => {
    const { autumn, now } = await open();
    await autumn.customers.getOrCreate({ customerId: "expiring" });
    await autumn.balances.create({ customerId: "expiring", featureId: "messages", includedGrant: 20, balanceId: "forever" });
    await autumn.balances.create({ customerId: "expiring", featureId: "messages", includedGrant: 20, expiresAt: now() + 30 * DAY, balanceId: "month" });
    await autumn.balances.create({ customerId: "expiring", featureId: "messages", includedGrant: 20, expiresAt: now() + 7 * DAY, balanceId: "week" });
    await autumn.track({ customerId: "expiring", featureId: "messages", value: 130 });
    expect(await usageByGrant(autumn, "expiring")).toEqual({ free: 100, forever: 0, month: 10, week: 20 });
  });
});

describe("plans attached to an entity", () => {
  it("stay with their entity: a customer-level check or track never reaches them", async () => {
    const { autumn } = await open();
    await autumn.customers.getOrCreate({ customerId: "org" });
    await autumn.entities.create({ customerId: "org", entityId: "ws_1", featureId: "seats" });
    await autumn.billing.attach({ customerId: "org", planId: "workspace", entityId: "ws_1" });
    await autumn.track({ customerId: "org", featureId: "messages", value: 100 });

    const check = await autumn.check({ customerId: "org", featureId: "messages" });
    expect(check).toMatchObject({ allowed: false, balance: { granted: 100, remaining: 0 } });
    const tracked = await autumn.track({ customerId: "org", featureId: "messages", value: 5 });
    expect(tracked.deductions).toEqual([]);
    const workspace = await autumn.check({ customerId: "org", entityId: "ws_1", featureId: "messages" });
    expect(workspace).toMatchObject({ allowed: true, balance: { granted: 140, remaining: 40 } });

    // The customer's own answer adds its entities' grants up, and lists only its own grants, as Autumn's does.
    const balance = (await autumn.customers.get({ customerId: "org" })).balances["messages"]!;
    expect(balance).toMatchObject({ granted: 140, remaining: 40, usage: 100 });
    expect(balance.breakdown!.map((grant) => grant.planId)).toEqual(["free"]);
  });
});

describe("the answer of a track", () => {
  /** A customer whose track of messages may be paid by credits, with the credit pack when `credits`. */
  async function tracker(autumn: Autumn, customerId: string, credits: boolean): Promise<void> {
    await autumn.customers.getOrCreate({ customerId });
    if (credits) await autumn.billing.attach({ customerId, planId: "credit_pack" });
  }

  it("gives every balance the feature may be paid from, null for one not held, and the balance that paid", async () => {
    const { autumn } = await open();
    await tracker(autumn, "paid_own", false);
    const own = await autumn.track({ customerId: "paid_own", featureId: "messages", value: 10 });
    expect(own.balance).toMatchObject({ featureId: "messages", remaining: 90 });
    expect(own.balances).toEqual({ messages: expect.objectContaining({ featureId: "messages", remaining: 90 }), credits: null });

    await tracker(autumn, "paid_credits", true);
    await autumn.track({ customerId: "paid_credits", featureId: "messages", value: 100 });
    const fromCredits = await autumn.track({ customerId: "paid_credits", featureId: "messages", value: 5 });
    expect(fromCredits.balance).toMatchObject({ featureId: "credits", remaining: 90 });
    expect(fromCredits.balances).toEqual({ messages: expect.objectContaining({ remaining: 0 }), credits: expect.objectContaining({ remaining: 90 }) });
  });

  it("gives no balances for a feature no credit system prices", async () => {
    const { autumn } = await open();
    await autumn.customers.getOrCreate({ customerId: "seated" });
    await autumn.balances.create({ customerId: "seated", featureId: "seats", includedGrant: 3 });
    const tracked = await autumn.track({ customerId: "seated", featureId: "seats", value: 1 });
    expect(tracked.balance).toMatchObject({ featureId: "seats", remaining: 2 });
    expect(tracked.balances).toBeUndefined();
  });

  it("answers balance null when nothing was taken and the credit system that would pay is not held", async () => {
    const { autumn } = await open();
    await tracker(autumn, "spent", false);
    await autumn.track({ customerId: "spent", featureId: "messages", value: 100 });
    const nothing = await autumn.track({ customerId: "spent", featureId: "messages", value: 1 });
    expect(nothing.balance).toBeNull();
    expect(nothing.balances).toEqual({ messages: expect.objectContaining({ remaining: 0 }), credits: null });
  });
});

describe("tracking by event name", () => {
  it("counts only features that list the event name, each of them, and answers no single balance when several", async () => {
    const sandbox = await startSandbox({
      catalog: {
        features: [
          { id: "requests", name: "Requests", type: "metered", consumable: true, eventNames: ["api.call"] },
          { id: "compute", name: "Compute", type: "metered", consumable: true, eventNames: ["api.call", "job.run"] },
        ],
        plans: [{ id: "free", name: "Free", autoEnable: true, items: [{ featureId: "requests", included: 10 }, { featureId: "compute", included: 20 }] }],
      },
    });
    onTestFinished(() => sandbox.close());
    const autumn = new Autumn({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } });
    await autumn.customers.getOrCreate({ customerId: "caller" });

    const both = await autumn.track({ customerId: "caller", eventName: "api.call", value: 2 });
    expect(both.balance).toBeNull();
    const one = await autumn.track({ customerId: "caller", eventName: "job.run", value: 3 });
    expect(one.balance).toMatchObject({ featureId: "compute", usage: 5 });
    expect((await autumn.customers.get({ customerId: "caller" })).balances).toMatchObject({ requests: { usage: 2 }, compute: { usage: 5 } });

    // A feature's id is not one of its event names.
    await expect(autumn.track({ customerId: "caller", eventName: "requests" })).rejects.toMatchObject({ status: 404, code: "invalid_request", message: expect.stringContaining("No features found for event name: requests") });
  });
});
