import { describe, expect, it, onTestFinished } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { type SandboxCatalog, startSandbox } from "../../src/sandbox/index.js";

/**
 * Entities as Autumn creates them: counted against the seats granted but not
 * stopped by them (an app checks first), stopped only by a usage limit, and
 * only ever of a feature that is held rather than used up.
 */

const CATALOG = {
  features: [
    { id: "seats", name: "Seats", type: "metered", consumable: false },
    { id: "messages", name: "Messages", type: "metered", consumable: true },
  ],
  plans: [
    { id: "team", name: "Team", group: "main", autoEnable: true, items: [{ featureId: "seats", included: 2 }] },
    // Seats past the two included are billed on usage, up to one more.
    { id: "capped", name: "Capped", group: "main", items: [{ featureId: "seats", included: 2, price: { amount: 0, interval: "month", billingMethod: "usage_based", maxPurchase: 1 } }] },
  ],
} satisfies SandboxCatalog;

async function open(): Promise<Autumn> {
  const sandbox = await startSandbox({ catalog: CATALOG });
  onTestFinished(() => sandbox.close());
  return new Autumn({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } });
}

describe("entities past the seats granted", () => {
  it("are created, and the balance goes over its grant; a check tells the app there is no seat left", async () => {
    const autumn = await open();
    await autumn.customers.getOrCreate({ customerId: "crowd" });
    for (const member of ["a", "b", "c"]) await autumn.entities.create({ customerId: "crowd", entityId: member, featureId: "seats" });
    expect((await autumn.entities.list({ customerId: "crowd" })).list.map((entity) => entity.id)).toEqual(["a", "b", "c"]);
    expect(await autumn.check({ customerId: "crowd", featureId: "seats" })).toMatchObject({ allowed: false, balance: { granted: 2, usage: 3, remaining: 0 } });

    await autumn.entities.delete({ customerId: "crowd", entityId: "a" });
    expect((await autumn.check({ customerId: "crowd", featureId: "seats" })).balance).toMatchObject({ usage: 2, remaining: 0 });
    await autumn.entities.delete({ customerId: "crowd", entityId: "b" });
    expect(await autumn.check({ customerId: "crowd", featureId: "seats" })).toMatchObject({ allowed: true, balance: { usage: 1, remaining: 1 } });
  });

  it("are refused with feature_limit_reached only past a usage limit", async () => {
    const autumn = await open();
    await autumn.customers.getOrCreate({ customerId: "limited" });
    await autumn.billing.attach({ customerId: "limited", planId: "capped" });
    for (const member of ["a", "b", "c"]) await autumn.entities.create({ customerId: "limited", entityId: member, featureId: "seats" });
    await expect(autumn.entities.create({ customerId: "limited", entityId: "d", featureId: "seats" })).rejects.toMatchObject({ status: 400, code: "feature_limit_reached" });
    expect((await autumn.entities.list({ customerId: "limited" })).list).toHaveLength(3);
  });
});

describe("entities of a consumable feature", () => {
  it("are refused with a 400: entities are of held features only", async () => {
    const autumn = await open();
    await autumn.customers.getOrCreate({ customerId: "chatty" });
    await expect(autumn.entities.create({ customerId: "chatty", entityId: "m", featureId: "messages" })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/non-consumable/) });
    expect((await autumn.entities.list({ customerId: "chatty" })).list).toEqual([]);
  });
});
