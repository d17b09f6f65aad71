import { describe, expect, it, onTestFinished } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { type SandboxCatalog, startSandbox } from "../../src/sandbox/index.js";

/**
 * A check that uses the units it allows (`sendEvent`, or a `lock`) decides
 * as Autumn's does: by taking them, as a track that may not go past what is
 * allowed, from the feature's own balance and then the credit systems that
 * price it; and it answers that track's balances.
 */

const CATALOG = {
  features: [
    { id: "messages", name: "Messages", type: "metered", consumable: true },
    { id: "credits", name: "Credits", type: "credit_system", creditSchema: [{ meteredFeatureId: "messages", creditCost: 2 }] },
    { id: "sso", name: "SSO", type: "boolean" },
  ],
  plans: [
    { id: "free", name: "Free", group: "main", autoEnable: true, items: [{ featureId: "messages", included: 3, reset: { interval: "month" } }, { featureId: "sso" }] },
    { id: "credit_pack", name: "Credit pack", addOn: true, items: [{ featureId: "credits", included: 4, reset: { interval: "month" } }] },
  ],
} satisfies SandboxCatalog;

async function open(): Promise<Autumn> {
  const sandbox = await startSandbox({ catalog: CATALOG });
  onTestFinished(() => sandbox.close());
  const autumn = new Autumn({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } });
  await autumn.customers.getOrCreate({ customerId: "split" });
  await autumn.billing.attach({ customerId: "split", planId: "credit_pack" });
  return autumn;
}

describe("a check with sendEvent", () => {
  it("allows what its own balance and the credits cover together, takes it from both, and answers both balances", async () => {
    const autumn = await open();
    // 3 messages of its own and 4 credits (2 messages' worth): 5 are covered only by both together.
    expect((await autumn.check({ customerId: "split", featureId: "messages", requiredBalance: 5 })).allowed).toBe(false);
    const used = await autumn.check({ customerId: "split", featureId: "messages", requiredBalance: 5, sendEvent: true, properties: { model: "small" } });
    expect(used.allowed).toBe(true);
    expect(used.balances).toEqual({ messages: expect.objectContaining({ remaining: 0, usage: 3 }), credits: expect.objectContaining({ remaining: 0, usage: 4 }) });
    const events = await autumn.events.list({ customerId: "split" });
    expect(events.list.map((event) => [event.featureId, event.value, event.properties])).toEqual([["messages", 5, { model: "small" }]]);
  });

  it("takes nothing when the units are not all covered", async () => {
    const autumn = await open();
    const refused = await autumn.check({ customerId: "split", featureId: "messages", requiredBalance: 6, sendEvent: true });
    expect(refused.allowed).toBe(false);
    expect((await autumn.customers.get({ customerId: "split" })).balances).toMatchObject({ messages: { usage: 0 }, credits: { usage: 0 } });
    expect((await autumn.events.list({ customerId: "split" })).list).toEqual([]);
  });

  it("is refused for a flag, which is not used up", async () => {
    const autumn = await open();
    expect((await autumn.check({ customerId: "split", featureId: "sso" })).allowed).toBe(true);
    await expect(autumn.check({ customerId: "split", featureId: "sso", sendEvent: true })).rejects.toMatchObject({ status: 400, code: "invalid_request" });
  });
});

describe("a check with a lock", () => {
  it("holds what its own balance and the credits cover together, and gives it all back on release", async () => {
    const autumn = await open();
    expect((await autumn.check({ customerId: "split", featureId: "messages", requiredBalance: 5, lock: { lockId: "both" } })).allowed).toBe(true);
    expect((await autumn.customers.get({ customerId: "split" })).balances).toMatchObject({ messages: { usage: 3 }, credits: { usage: 4 } });
    await autumn.balances.finalize({ lockId: "both", action: "release" });
    expect((await autumn.customers.get({ customerId: "split" })).balances).toMatchObject({ messages: { usage: 0 }, credits: { usage: 0 } });
    expect((await autumn.check({ customerId: "split", featureId: "messages", requiredBalance: 6, lock: { lockId: "too_much" } })).allowed).toBe(false);
    expect((await autumn.customers.get({ customerId: "split" })).balances).toMatchObject({ messages: { usage: 0 }, credits: { usage: 0 } });
  });
});

describe("a check that uses its units, for a customer with no balance to take them from", () => {
  it("is refused, with the amount asked for as it was given and no balance", async () => {
    const autumn = await open();
    await autumn.customers.getOrCreate({ customerId: "none" });
    await autumn.balances.delete({ customerId: "none", featureId: "messages" });
    const answer = await autumn.check({ customerId: "none", featureId: "messages", requiredBalance: 3, sendEvent: true });
    expect(answer).toMatchObject({ allowed: false, requiredBalance: 3, balance: null });
    expect(answer.balances).toBeUndefined();
  });
});
