import { beforeEach, describe, expect, it } from "vitest";
import { cachedCheck, cachedTrack, invalidateCustomer } from "../../src/entitlements/index.js";
import { balancesCheck } from "../../src/funcs/balances-check.js";
import { billingAttach } from "../../src/funcs/billing-attach.js";
import { customersGetOrCreate } from "../../src/funcs/customers-get-or-create.js";
import { entitiesCreate } from "../../src/funcs/entities-create.js";
import { seededRandom } from "../faults/random.js";
import { AI_CREDITS, DIRECT_AND_CREDITS, type DifferentialCatalog, OVERAGE_AND_FLAGS, SEATS } from "./catalogs.js";
import { comparable, harness, stillClock } from "./helpers.js";


/**
 * The cache against the network, step by step: seeded random sequences of
 * checks, usage, plan changes, entities and time passing, against the
 * sandbox, with one writer (this test, writing through the cache or telling
 * it with invalidateCustomer). After every step that checks, the cached
 * answer and balancesCheck's for the same params must be the same: `allowed`,
 * the balance, the flag, the error. Replay a failure with its seed:
 * ENTITLEMENT_SEED=<seed> npx vitest run test/entitlements/differential.test.ts
 */
beforeEach(stillClock);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STEPS = 300;
const SEEDS = process.env["ENTITLEMENT_SEED"] ? [Number(process.env["ENTITLEMENT_SEED"])] : [1, 2];

interface Tally {
  compared: number;
  fromCache: number;
  /** Checks paid by a credit system (their requiredBalance in credits). */
  creditCharged: number;
}

async function run(spec: DifferentialCatalog, seed: number, steps: number): Promise<Tally> {
  const { sandbox, core, cache, close } = await harness({ catalog: spec.catalog });
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const customers = ["c1", "c2", "c3"];
  const entities = new Map<string, string[]>(customers.map((id) => [id, []]));
  const tally: Tally = { compared: 0, fromCache: 0, creditCharged: 0 };
  // What each subject had left of each feature at the last answer: checks aim at it, where a decision flips.
  const remaining = new Map<string, number>();
  let created = 0;
  try {
    for (const customerId of customers) await customersGetOrCreate(core, { customerId });
    for (let step = 0; step < steps; step++) {
      const where = `seed ${seed}, step ${step}`;
      const customerId = pick(customers);
      const owned = entities.get(customerId)!;
      const entityId = owned.length > 0 && random() < 0.4 ? pick(owned) : undefined;
      const roll = random();
      if (roll < 0.45) {
        const featureId = random() < 0.04 ? "no_such_feature" : pick(spec.features);
        const left = remaining.get(`${customerId}/${entityId}/${featureId}`);
        const edges = left === undefined ? [] : [left, left + 1, left + 0.5];
        const requiredBalance = pick([undefined, 0, 1, 1, 2, 5, 0.5, 25, 150, 1200, ...edges, ...edges]);
        const params = { customerId, featureId, ...(entityId !== undefined && { entityId }), ...(requiredBalance !== undefined && { requiredBalance }) };
        const cached = await cachedCheck(cache, params);
        const network = await balancesCheck(core, params);
        if (network.ok && network.value.balance) remaining.set(`${customerId}/${entityId}/${featureId}`, network.value.balance.remaining);
        expect(comparable(cached), `${where}: ${JSON.stringify(params)}`).toEqual(comparable(network));
        tally.compared++;
        const paidBy = network.ok ? network.value.balance?.featureId : undefined;
        if (paidBy !== undefined && paidBy !== featureId) tally.creditCharged++;
        if (cached.ok && cached.value.source === "cache") tally.fromCache++;
      } else if (roll < 0.68) {
        const featureId = pick(spec.metered);
        await cachedTrack(cache, { customerId, featureId, value: pick([1, 1, 2, 3, 5, 10, 40, 100, 400, 0.5, -1]), ...(entityId !== undefined && { entityId }) });
      } else if (roll < 0.74) {
        const featureId = pick(spec.metered);
        await cachedCheck(cache, { customerId, featureId, sendEvent: true, requiredBalance: pick([1, 2, 5]), ...(entityId !== undefined && { entityId }) });
      } else if (roll < 0.84) {
        const plan = pick(spec.plans);
        if (plan.perEntity && owned.length === 0) continue;
        const target = plan.perEntity ? { entityId: pick(owned) } : {};
        const quantities = plan.planId === "credit_top_up" ? { featureQuantities: [{ featureId: "credits", quantity: 1000 }] } : {};
        const attached = await billingAttach(core, { customerId, planId: plan.planId, ...target, ...quantities });
        if (attached.ok && attached.value.paymentUrl) sandbox.completeCheckout(attached.value.paymentUrl);
        await invalidateCustomer(cache, customerId);
      } else if (roll < 0.92) {
        sandbox.advanceClock(pick([HOUR, DAY, 10 * DAY, 31 * DAY]));
      } else if (spec.entityFeature) {
        const id = `e${++created}`;
        const made = await entitiesCreate(core, { customerId, entityId: id, featureId: spec.entityFeature });
        if (made.ok) owned.push(id);
        await invalidateCustomer(cache, customerId);
      }
    }
  } finally {
    await close();
  }
  return tally;
}

describe("cachedCheck against balancesCheck, one writer", () => {
  it.each([
    ["a credit system with overage capped by maxPurchase and a prepaid top-up", AI_CREDITS],
    ["seats held by entities, with plans attached to entities", SEATS],
    ["overage capped and uncapped, unlimited, and flags", OVERAGE_AND_FLAGS],
  ] as const)("gives the network's answer at every step: %s", { timeout: 240_000 }, async (_name, spec) => {
    for (const seed of SEEDS) {
      const tally = await run(spec, seed, STEPS);
      if (spec === AI_CREDITS) expect(tally.creditCharged).toBeGreaterThan(0);
      // Not vacuous: most answers came from the cache, and every check was compared.
      expect(tally.compared).toBeGreaterThan(STEPS / 4);
      expect(tally.fromCache / tally.compared, `seed ${seed}`).toBeGreaterThan(0.5);
    }
  });

  it("gives the network's answer for a feature held both directly and through a credit system", { timeout: 240_000 }, async () => {
    for (const seed of SEEDS) {
      const tally = await run(DIRECT_AND_CREDITS, seed, STEPS);
      // Both ways of paying were taken.
      expect(tally.creditCharged).toBeGreaterThan(0);
      expect(tally.creditCharged).toBeLessThan(tally.compared);
      expect(tally.fromCache / tally.compared, `seed ${seed}`).toBeGreaterThan(0.5);
    }
  });
});
