import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AutumnCore } from "../src/core.js";
import { balancesTrack } from "../src/funcs/balances-track.js";
import { billingAttach } from "../src/funcs/billing-attach.js";
import { customersGet } from "../src/funcs/customers-get.js";
import { customersGetOrCreate } from "../src/funcs/customers-get-or-create.js";
import { keysMint } from "../src/funcs/keys-mint.js";
import { plansList } from "../src/funcs/plans-list.js";
import { DEMO_CATALOG } from "../src/sandbox/demo-catalog.js";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";
import { sizedFor } from "./helpers.js";

/**
 * Apps start one sandbox per test file, and a test runner puts several files in one process: nothing one
 * sandbox holds (customers, usage, claimed idempotency keys, tokens, faults) may show in another, and
 * closing one may not disturb the rest.
 */

const COUNT = 20;
// Every sandbox gets the same key: claimed in one, it must still be free in the others.
const SHARED_KEY = "same-key-everywhere";

interface Instance {
  sandbox: Sandbox;
  core: AutumnCore;
  customer: string;
  accessToken: string;
}

let instances: Instance[] = [];

beforeAll(async () => {
  const sandboxes = await Promise.all(Array.from({ length: COUNT }, () => startSandbox()));
  instances = await Promise.all(
    sandboxes.map(async (sandbox, index) => {
      const core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
      const customer = `isolated_${index}`;
      expect((await customersGetOrCreate(core, { customerId: customer })).ok).toBe(true);
      expect((await billingAttach(core, { customerId: customer, planId: "free" })).ok).toBe(true);
      const tracked = await balancesTrack(core, { customerId: customer, featureId: "messages", value: 1 + (index % 5) }, { idempotencyKey: SHARED_KEY });
      expect(tracked.ok).toBe(true);
      const minted = await keysMint(core, { customerId: customer });
      if (!minted.ok) throw minted.error;
      return { sandbox, core, customer, accessToken: minted.value.accessToken };
    }),
  );
}, sizedFor(COUNT * 4));
afterAll(async () => {
  await Promise.all(instances.map(({ sandbox }) => sandbox.close()));
});

const others = (index: number) => instances.filter((_, other) => other !== index);

/** The status of a `balances.check` a page makes with a customer's access token. */
async function checkWithToken(sandbox: Sandbox, accessToken: string): Promise<number> {
  const response = await fetch(`${sandbox.url}/v1/balances.check`, {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json", "x-api-version": "2.3.0" },
    body: JSON.stringify({ feature_id: "messages" }),
  });
  await response.body?.cancel();
  return response.status;
}

describe(`${COUNT} sandboxes in one process`, () => {
  it("listen on distinct URLs", () => {
    expect(new Set(instances.map(({ sandbox }) => sandbox.url)).size).toBe(COUNT);
  });

  it("each hold their own customer, usage and claimed key, and none of the others'", async () => {
    for (const [index, { sandbox, customer }] of instances.entries()) {
      expect([...sandbox.state.customers.keys()]).toEqual([customer]);
      const rows = sandbox.state.customers.get(customer)!.rows.filter((row) => row.feature_id === "messages");
      expect(rows.reduce((sum, row) => sum + row.usage, 0)).toBe(1 + (index % 5));
      // Its keys are the ones its own requests carried (the SDK generates one per mutation), SHARED_KEY among them.
      // Claims are per environment (`sandbox:` for a test key).
      const sent = sandbox.requests.flatMap(({ idempotencyKey }) => (idempotencyKey ? [`sandbox:${idempotencyKey}`] : []));
      expect(new Set(sandbox.state.claimedKeys.keys())).toEqual(new Set(sent));
      expect(sandbox.state.claimedKeys.has(`sandbox:${SHARED_KEY}`)).toBe(true);
      for (const other of others(index)) expect(sent.filter((claim) => claim !== `sandbox:${SHARED_KEY}` && other.sandbox.state.claimedKeys.has(claim))).toEqual([]);
    }
    // Over the wire: every sandbox answers its neighbour's customer with 404.
    await Promise.all(
      instances.map(async ({ core }, index) => {
        const neighbour = instances[(index + 1) % COUNT]!.customer;
        const got = await customersGet(core, { customerId: neighbour }, { retries: 0 });
        expect(got.ok || got.error).toMatchObject({ name: "AutumnAPIError", status: 404, code: "customer_not_found" });
      }),
    );
  });

  it("refuse each other's customer tokens", { timeout: sizedFor(COUNT * COUNT) }, async () => {
    await Promise.all(
      instances.map(async ({ accessToken }, index) => {
        expect(await checkWithToken(instances[index]!.sandbox, accessToken)).toBe(200);
        for (const { sandbox } of others(index)) expect(await checkWithToken(sandbox, accessToken)).toBe(401);
      }),
    );
  });

  it("keep a fault queued in one to that one", async () => {
    const [first, ...rest] = instances;
    first!.sandbox.fail({ kind: "status", status: 503 }, { times: COUNT });
    try {
      const results = await Promise.all(rest.map(({ core, customer }) => customersGet(core, { customerId: customer }, { retries: 0 })));
      expect(results.every((result) => result.ok)).toBe(true);
      expect(rest.every(({ sandbox }) => sandbox.requests.every((request) => request.fault === undefined))).toBe(true);
      const faulted = await customersGet(first!.core, { customerId: first!.customer }, { retries: 0 });
      expect(faulted.ok || faulted.error).toMatchObject({ status: 503 });
    } finally {
      first!.sandbox.clearFaults();
    }
  });

  it("keep serving when one of them closes", async () => {
    const closing = instances[COUNT - 1]!;
    await closing.sandbox.close();
    await expect(fetch(`${closing.sandbox.url}/v1/customers.get`, { method: "POST", body: "{}" })).rejects.toThrow(TypeError);
    const results = await Promise.all(instances.slice(0, -1).map(({ core, customer }) => customersGet(core, { customerId: customer }, { retries: 0 })));
    expect(results.map((result) => result.ok && result.value.id)).toEqual(instances.slice(0, -1).map(({ customer }) => customer));
  });
});

describe("reset()", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it("empties customers, requests, claimed keys and tokens, and keeps the catalog and the clock", async () => {
    const core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
    // The demo catalog with its free plan only.
    const demo = DEMO_CATALOG as { features: readonly object[]; plans: readonly { planId: string }[] };
    const catalog = { features: demo.features, plans: demo.plans.filter((plan) => plan.planId === "free") };
    sandbox.setCatalog(catalog);
    const HOURS_2 = 2 * 60 * 60 * 1000;
    sandbox.advanceClock(HOURS_2);

    expect((await customersGetOrCreate(core, { customerId: "before_reset" })).ok).toBe(true);
    expect((await billingAttach(core, { customerId: "before_reset", planId: "free" })).ok).toBe(true);
    expect((await balancesTrack(core, { customerId: "before_reset", featureId: "messages", value: 2 }, { idempotencyKey: "reset-key" })).ok).toBe(true);
    const minted = await keysMint(core, { customerId: "before_reset" });
    if (!minted.ok) throw minted.error;
    sandbox.fail({ kind: "status", status: 500 });

    sandbox.reset();

    expect(sandbox.state.customers.size).toBe(0);
    expect(sandbox.requests).toEqual([]);
    expect(sandbox.state.claimedKeys.size).toBe(0);
    expect(sandbox.state.tokens.customers.size).toBe(0);
    // The clock keeps its offset: read between two real readings, it is two hours ahead of both.
    const before = Date.now();
    const clock = sandbox.state.clock();
    const after = Date.now();
    expect(clock).toBeGreaterThanOrEqual(before + HOURS_2);
    expect(clock).toBeLessThanOrEqual(after + HOURS_2);

    // The queued fault went with the reset; the catalog stayed.
    const plans = await plansList(core, undefined, { retries: 0 });
    expect(plans.ok && plans.value.list.map((plan) => plan.id)).toEqual(["free"]);
    // The token minted before no longer opens anything.
    expect(await checkWithToken(sandbox, minted.value.accessToken)).toBe(401);
    // The key is free again and the customer is new, with nothing used.
    expect((await customersGetOrCreate(core, { customerId: "before_reset" })).ok).toBe(true);
    expect((await billingAttach(core, { customerId: "before_reset", planId: "free" })).ok).toBe(true);
    const again = await balancesTrack(core, { customerId: "before_reset", featureId: "messages", value: 1 }, { idempotencyKey: "reset-key" });
    expect(again.ok && again.value.balance).toMatchObject({ usage: 1, remaining: 4 });
  });
});
