import { describe, expect, it, onTestFinished } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { type Sandbox, type SandboxCatalog, startSandbox } from "../../src/sandbox/index.js";

/**
 * The billing controls a check and a track obey, as Autumn's do: a
 * customer's `overageAllowed` switch per feature (overage turned off for a
 * usage-priced feature, or on for one that has none), and its `spendLimits`
 * (a cap on overage units); an entity's own entry for a feature before its
 * customer's.
 */

const CATALOG = {
  features: [
    { id: "messages", name: "Messages", type: "metered", consumable: true },
    { id: "calls", name: "API calls", type: "metered", consumable: true },
    { id: "seats", name: "Seats", type: "metered", consumable: false },
  ],
  plans: [
    {
      id: "starter",
      name: "Starter",
      group: "main",
      autoEnable: true,
      items: [
        { featureId: "messages", included: 5, reset: { interval: "month" } },
        { featureId: "calls", included: 5, reset: { interval: "month" }, price: { amount: 0.01, interval: "month", billingMethod: "usage_based" } },
      ],
    },
  ],
} satisfies SandboxCatalog;

async function open(): Promise<{ sandbox: Sandbox; autumn: Autumn }> {
  const sandbox = await startSandbox({ catalog: CATALOG });
  onTestFinished(() => sandbox.close());
  return { sandbox, autumn: new Autumn({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } }) };
}

type Controls = NonNullable<Parameters<Autumn["customers"]["getOrCreate"]>[0]["billingControls"]>;

/** A new customer with these controls and `used` of each feature already tracked. */
async function customer(autumn: Autumn, customerId: string, billingControls: Controls, used: Record<string, number> = {}): Promise<void> {
  await autumn.customers.getOrCreate({ customerId, billingControls });
  for (const [featureId, value] of Object.entries(used)) await autumn.track({ customerId, featureId, value });
}

const usage = async (autumn: Autumn, customerId: string, featureId: string) => (await autumn.customers.get({ customerId })).balances[featureId]!.usage;
const allowed = async (autumn: Autumn, customerId: string, featureId: string, requiredBalance = 1, entityId?: string) =>
  (await autumn.check({ customerId, featureId, requiredBalance, ...(entityId && { entityId }) })).allowed;

describe("overageAllowed", () => {
  it("turned off, stops a usage-priced feature at its grant: checks refuse and tracks take no more", async () => {
    const { autumn } = await open();
    await customer(autumn, "no_overage", { overageAllowed: [{ featureId: "calls", enabled: false }] }, { calls: 5 });
    expect(await allowed(autumn, "no_overage", "calls")).toBe(false);
    await autumn.track({ customerId: "no_overage", featureId: "calls", value: 3 });
    expect(await usage(autumn, "no_overage", "calls")).toBe(5);

    // Without the control the same plan goes past its grant.
    await customer(autumn, "priced", {}, { calls: 8 });
    expect(await usage(autumn, "priced", "calls")).toBe(8);
    expect(await allowed(autumn, "priced", "calls")).toBe(true);
  });

  it("an entry that does not say enabled turns overage off, as Autumn reads it", async () => {
    const { autumn } = await open();
    await customer(autumn, "unsaid", { overageAllowed: [{ featureId: "calls" }] }, { calls: 5 });
    expect(await allowed(autumn, "unsaid", "calls")).toBe(false);
  });

  it("turned on, lets a feature without a usage price go past its grant", async () => {
    const { autumn } = await open();
    await customer(autumn, "over", { overageAllowed: [{ featureId: "messages", enabled: true }] }, { messages: 5 });
    expect(await allowed(autumn, "over", "messages", 100)).toBe(true);
    await autumn.track({ customerId: "over", featureId: "messages", value: 4 });
    expect(await usage(autumn, "over", "messages")).toBe(9);
  });
});

describe("spendLimits", () => {
  it("cap the overage in units: checks allow up to the cap, tracks stop at it, and limit_reached says spend_limit", async () => {
    const { sandbox, autumn } = await open();
    await customer(autumn, "capped", { spendLimits: [{ featureId: "calls", enabled: true, overageLimit: 3 }] }, { calls: 5 });
    expect(await allowed(autumn, "capped", "calls", 3)).toBe(true);
    expect(await allowed(autumn, "capped", "calls", 4)).toBe(false);
    await autumn.track({ customerId: "capped", featureId: "calls", value: 10 });
    expect(await usage(autumn, "capped", "calls")).toBe(8);
    expect(await allowed(autumn, "capped", "calls")).toBe(false);
    const limits = sandbox.webhooks.deliveries.filter((delivery) => delivery.type === "balances.limit_reached").map((delivery) => JSON.parse(delivery.body).data);
    expect(limits).toEqual([{ customer_id: "capped", feature_id: "calls", limit_type: "spend_limit" }]);
  });

  it("cap overage that overageAllowed turned on", async () => {
    const { autumn } = await open();
    await customer(autumn, "both", { overageAllowed: [{ featureId: "messages", enabled: true }], spendLimits: [{ featureId: "messages", enabled: true, overageLimit: 2 }] }, { messages: 9 });
    expect(await usage(autumn, "both", "messages")).toBe(7);
  });

  it("apply only when enabled: an entry that does not say so is off, as Autumn reads it", async () => {
    const { autumn } = await open();
    await customer(autumn, "unset", { spendLimits: [{ featureId: "calls", overageLimit: 1 }] }, { calls: 9 });
    expect(await usage(autumn, "unset", "calls")).toBe(9);
  });
});

describe("an entity", () => {
  it("inherits its customer's control for a feature, and its own entry for that feature wins", async () => {
    const { autumn } = await open();
    await customer(autumn, "org", { overageAllowed: [{ featureId: "calls", enabled: false }] });
    await autumn.entities.create({ customerId: "org", entityId: "inherits", featureId: "seats" });
    await autumn.entities.create({ customerId: "org", entityId: "own", featureId: "seats", billingControls: { overageAllowed: [{ featureId: "calls", enabled: true }] } });
    await autumn.track({ customerId: "org", featureId: "calls", value: 5 });
    expect(await allowed(autumn, "org", "calls", 1, "inherits")).toBe(false);
    expect(await allowed(autumn, "org", "calls", 1, "own")).toBe(true);
    await autumn.track({ customerId: "org", entityId: "own", featureId: "calls", value: 2 });
    expect(await usage(autumn, "org", "calls")).toBe(7);
  });
});

describe("a check that holds units under a lock", () => {
  it("holds overage the controls allow", async () => {
    const { autumn } = await open();
    await customer(autumn, "held", { overageAllowed: [{ featureId: "messages", enabled: true }], spendLimits: [{ featureId: "messages", enabled: true, overageLimit: 4 }] }, { messages: 5 });
    expect((await autumn.check({ customerId: "held", featureId: "messages", requiredBalance: 3, lock: { lockId: "job" } })).allowed).toBe(true);
    expect(await usage(autumn, "held", "messages")).toBe(8);
    expect(await allowed(autumn, "held", "messages", 2)).toBe(false);
    expect(await allowed(autumn, "held", "messages", 1)).toBe(true);
  });
});
