import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AutumnCore } from "../src/core.js";
import { balancesCheck } from "../src/funcs/balances-check.js";
import { balancesTrack } from "../src/funcs/balances-track.js";
import { billingAttach } from "../src/funcs/billing-attach.js";
import { customersDelete } from "../src/funcs/customers-delete.js";
import { customersGetOrCreate } from "../src/funcs/customers-get-or-create.js";
import { customersUpdate } from "../src/funcs/customers-update.js";
import { plansList } from "../src/funcs/plans-list.js";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";
import { CHILD_TIMEOUT_MS, SPAWNING_TEST } from "./helpers.js";

let sandbox: Sandbox;
let core: AutumnCore;

beforeAll(async () => {
  sandbox = await startSandbox();
  core = new AutumnCore({ secretKey: "am_sk_test_sandbox", serverURL: sandbox.url });
});
afterAll(async () => {
  await sandbox.close();
});

describe("the SDK against the local sandbox", () => {
  it("runs the billing loop: balances go down and allowed turns false at zero", async () => {
    expect((await customersGetOrCreate(core, { customerId: "loop_1" })).ok).toBe(true);
    const attached = await billingAttach(core, { customerId: "loop_1", planId: "free" });
    expect(attached.ok && attached.value.paymentUrl).toBe(null);
    const first = await balancesCheck(core, { customerId: "loop_1", featureId: "messages" });
    expect(first.ok && first.value).toMatchObject({ allowed: true, balance: { granted: 5, remaining: 5 } });
    const tracked = await balancesTrack(core, { customerId: "loop_1", featureId: "messages", value: 5 });
    expect(tracked.ok && tracked.value.balance).toMatchObject({ remaining: 0, usage: 5 });
    const denied = await balancesCheck(core, { customerId: "loop_1", featureId: "messages" });
    expect(denied.ok && denied.value).toMatchObject({ allowed: false, balance: { remaining: 0 } });
  });

  it("answers a paid plan with a checkout URL and parses its catalog", async () => {
    await customersGetOrCreate(core, { customerId: "loop_2" });
    const attached = await billingAttach(core, { customerId: "loop_2", planId: "pro" });
    expect(attached.ok && attached.value.paymentUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/checkout\//);
    const plans = await plansList(core);
    expect(plans.ok && plans.value.list.map((plan) => plan.id)).toEqual(["free", "pro", "seat", "team"]);
  });

  it("refuses a reused idempotency key with 409 duplicate_idempotency_key", async () => {
    await customersGetOrCreate(core, { customerId: "loop_3" });
    expect((await customersUpdate(core, { customerId: "loop_3", name: "A" }, { idempotencyKey: "same-key" })).ok).toBe(true);
    const second = await customersUpdate(core, { customerId: "loop_3", name: "B" }, { idempotencyKey: "same-key" });
    expect(second.ok || second.error).toMatchObject({ name: "AutumnAPIError", status: 409, code: "duplicate_idempotency_key" });
  });

  it("keeps customers created without an id apart from customers with one", async () => {
    const anonymous = await customersGetOrCreate(core, { customerId: null, email: "first@example.com" });
    expect(anonymous.ok && anonymous.value.id).toBe(null);
    // Whatever the sandbox stores it under, that key asked for as an id is a customer with that id.
    for (const key of [...sandbox.state.customers.keys()].filter((key) => /^[A-Za-z0-9_:-]+$/.test(key))) {
      const created = await customersGetOrCreate(core, { customerId: key });
      expect(created.ok && created.value.id).toBe(key);
    }
    // A deletion must not let the next id-less customer take the place of the first.
    await customersGetOrCreate(core, { customerId: "to_delete" });
    await customersDelete(core, { customerId: "to_delete" });
    const second = await customersGetOrCreate(core, { customerId: null, email: "second@example.com" });
    expect(second.ok && second.value).toMatchObject({ id: null, email: "second@example.com" });
    const emails = [...sandbox.state.customers.values()].filter((customer) => customer.id === null).map((customer) => customer.email);
    expect(emails.sort()).toEqual(["first@example.com", "second@example.com"]);
  });

  it("rejects a bad key and an unknown API version the way Autumn does", async () => {
    const badKey = await customersGetOrCreate(new AutumnCore({ secretKey: "am_pk_test_wrong", serverURL: sandbox.url }), { customerId: "x" });
    expect(badKey.ok || badKey.error).toMatchObject({ status: 401, code: "invalid_secret_key" });
    const badVersion = await customersGetOrCreate(new AutumnCore({ secretKey: "am_sk_test_a", serverURL: sandbox.url, xApiVersion: "9.9" }), { customerId: "x" });
    expect(badVersion.ok || badVersion.error).toMatchObject({ status: 400, code: "invalid_api_version" });
  });
});

describe("the quick start (npm start)", () => {
  it("walks every call against its own sandbox, from the sources (no build), and exits cleanly", SPAWNING_TEST, async () => {
    const env = { ...process.env };
    delete env["AUTUMN_SECRET_KEY"];
    const { stdout } = await promisify(execFile)("npm", ["start", "--silent"], { env, timeout: CHILD_TIMEOUT_MS });
    expect(stdout).toContain("Using the local sandbox");
    expect(stdout).toMatch(/autumn\.check at zero\n\{\n {2}"allowed": false/);
    expect(stdout).toContain('"code": "customer_not_found"');
    expect(stdout).toContain('"field": "customerId"');
    expect(stdout).toMatch(/licenses\.list after licenses\.attach gave 2 of the team plan's seats\n\[\n {2}\{\n {4}"licensePlanId": "seat",[^\]]*"remaining": 1,/);
    expect(stdout).toMatch(/the same code again, refused\n\{\n {2}"status": 400,/);
  });
});
