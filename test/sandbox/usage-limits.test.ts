import { describe, expect, it, onTestFinished } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { type Sandbox, type SandboxCatalog, startSandbox } from "../../src/sandbox/index.js";

/**
 * Usage limits (`billingControls.usageLimits`) as Autumn enforces them: at
 * most `limit` units per window (a day, week, month or year, phased to the
 * balance's own cycle unless `anchor: "utc"`), counted from what tracks took
 * in the window; a check refuses what the window has no room for, a track
 * takes no more than it has, and the window opens again when it rolls. A
 * filter counts only events whose properties match; an entity's own limit
 * counts the entity's usage, its customer's the usage it governs.
 */

const DAY = 86_400_000;

const CATALOG = {
  features: [
    { id: "messages", name: "Messages", type: "metered", consumable: true },
    { id: "credits", name: "Credits", type: "credit_system", creditSchema: [{ meteredFeatureId: "messages", creditCost: 2 }] },
    { id: "seats", name: "Seats", type: "metered", consumable: false },
  ],
  plans: [
    { id: "free", name: "Free", group: "main", autoEnable: true, items: [{ featureId: "messages", included: 100, reset: { interval: "month" } }] },
    { id: "credit_pack", name: "Credit pack", addOn: true, items: [{ featureId: "credits", included: 100, reset: { interval: "month" } }] },
  ],
} satisfies SandboxCatalog;

async function open(): Promise<{ sandbox: Sandbox; autumn: Autumn }> {
  const sandbox = await startSandbox({ catalog: CATALOG });
  onTestFinished(() => sandbox.close());
  return { sandbox, autumn: new Autumn({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } }) };
}

type Limits = NonNullable<NonNullable<Parameters<Autumn["customers"]["getOrCreate"]>[0]["billingControls"]>["usageLimits"]>;

const usage = async (autumn: Autumn, customerId: string, featureId = "messages") => (await autumn.customers.get({ customerId })).balances[featureId]!.usage;
const allowed = async (autumn: Autumn, customerId: string, requiredBalance: number, more: { entityId?: string; properties?: Record<string, unknown>; featureId?: string } = {}) =>
  (await autumn.check({ customerId, featureId: "messages", requiredBalance, ...more })).allowed;

describe("a daily usage limit", () => {
  it("refuses checks past the room left in the window, caps tracks at it, says usage_limit, and opens again the next day", async () => {
    const { sandbox, autumn } = await open();
    await autumn.customers.getOrCreate({ customerId: "daily", billingControls: { usageLimits: [{ featureId: "messages", limit: 10, interval: "day" }] } });
    await autumn.track({ customerId: "daily", featureId: "messages", value: 7 });
    expect(await allowed(autumn, "daily", 3)).toBe(true);
    expect(await allowed(autumn, "daily", 4)).toBe(false);

    await autumn.track({ customerId: "daily", featureId: "messages", value: 5 });
    expect(await usage(autumn, "daily")).toBe(10);
    expect(await allowed(autumn, "daily", 1)).toBe(false);
    const limits = sandbox.webhooks.deliveries.filter((delivery) => delivery.type === "balances.limit_reached").map((delivery) => JSON.parse(delivery.body).data);
    expect(limits).toEqual([{ customer_id: "daily", feature_id: "messages", limit_type: "usage_limit" }]);
    expect((await autumn.customers.get({ customerId: "daily" })).billingControls.usageLimits).toMatchObject([{ featureId: "messages", limit: 10, usage: 10 }]);

    sandbox.advanceClock(DAY);
    expect(await allowed(autumn, "daily", 10)).toBe(true);
    expect((await autumn.customers.get({ customerId: "daily" })).billingControls.usageLimits).toMatchObject([{ usage: 0 }]);
  });

  it("is off with enabled: false, and a check that uses its units is refused past it and takes nothing", async () => {
    const { autumn } = await open();
    const limits: Limits = [{ featureId: "messages", limit: 2, interval: "day", enabled: false }];
    await autumn.customers.getOrCreate({ customerId: "off", billingControls: { usageLimits: limits } });
    await autumn.track({ customerId: "off", featureId: "messages", value: 5 });
    expect(await usage(autumn, "off")).toBe(5);

    await autumn.customers.getOrCreate({ customerId: "on", billingControls: { usageLimits: [{ featureId: "messages", limit: 2, interval: "day" }] } });
    expect((await autumn.check({ customerId: "on", featureId: "messages", requiredBalance: 3, sendEvent: true })).allowed).toBe(false);
    expect(await usage(autumn, "on")).toBe(0);
  });
});

describe("a usage limit with a filter", () => {
  it("counts only events whose properties match, and binds only checks and tracks that carry them", async () => {
    const { autumn } = await open();
    const filtered: Limits = [{ featureId: "messages", limit: 3, interval: "month", filter: { properties: { model: "large" } } }];
    await autumn.customers.getOrCreate({ customerId: "models", billingControls: { usageLimits: filtered } });
    await autumn.track({ customerId: "models", featureId: "messages", value: 20, properties: { model: "small" } });
    await autumn.track({ customerId: "models", featureId: "messages", value: 2, properties: { model: "large" } });
    expect(await allowed(autumn, "models", 1, { properties: { model: "large" } })).toBe(true);
    expect(await allowed(autumn, "models", 2, { properties: { model: "large" } })).toBe(false);
    expect(await allowed(autumn, "models", 50, { properties: { model: "small" } })).toBe(true);
    await autumn.track({ customerId: "models", featureId: "messages", value: 5, properties: { model: "large" } });
    expect(await usage(autumn, "models")).toBe(23);
  });
});

describe("usage limits and entities", () => {
  it("an entity's own limit counts the entity's usage; its customer's counts the usage it governs, of the customer and the entities that inherit it", async () => {
    const { autumn } = await open();
    await autumn.customers.getOrCreate({ customerId: "org", billingControls: { usageLimits: [{ featureId: "messages", limit: 8, interval: "month" }] } });
    await autumn.entities.create({ customerId: "org", entityId: "small_team", featureId: "seats", billingControls: { usageLimits: [{ featureId: "messages", limit: 2, interval: "month" }] } });
    await autumn.entities.create({ customerId: "org", entityId: "big_team", featureId: "seats" });
    await autumn.track({ customerId: "org", entityId: "small_team", featureId: "messages", value: 5 });
    expect(await usage(autumn, "org")).toBe(2);
    await autumn.track({ customerId: "org", entityId: "big_team", featureId: "messages", value: 10 });
    // big_team inherits the customer's 8, whose counter small_team's usage (under its own limit) never moved.
    expect(await usage(autumn, "org")).toBe(10);
    expect(await allowed(autumn, "org", 1, { entityId: "big_team" })).toBe(false);
    expect(await allowed(autumn, "org", 1)).toBe(false);
    expect((await autumn.entities.get({ customerId: "org", entityId: "small_team" })).billingControls?.usageLimits).toMatchObject([{ limit: 2, usage: 2 }]);
  });
});

describe("a usage limit on a credit system", () => {
  it("counts the credits drained, and caps what a track of a feature it prices may take from it", async () => {
    const { autumn } = await open();
    await autumn.customers.getOrCreate({ customerId: "credited", billingControls: { usageLimits: [{ featureId: "credits", limit: 10, interval: "month" }] } });
    await autumn.billing.attach({ customerId: "credited", planId: "credit_pack" });
    await autumn.track({ customerId: "credited", featureId: "messages", value: 100 });
    // The messages' own 100 are not credits; the next 10 messages would cost 20 credits, 10 are allowed: 5 messages.
    await autumn.track({ customerId: "credited", featureId: "messages", value: 10 });
    expect(await usage(autumn, "credited", "credits")).toBe(10);
    expect(await usage(autumn, "credited")).toBe(100);
  });
});
