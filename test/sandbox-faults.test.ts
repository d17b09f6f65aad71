import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AutumnCore } from "../src/core.js";
import { balancesCheck } from "../src/funcs/balances-check.js";
import { balancesTrack } from "../src/funcs/balances-track.js";
import { billingAttach } from "../src/funcs/billing-attach.js";
import { customersGet } from "../src/funcs/customers-get.js";
import { customersGetOrCreate } from "../src/funcs/customers-get-or-create.js";
import type { RetryConfig } from "../src/lib/config.js";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";
import { advance, fakeClock, until, watch } from "./clock.js";

/**
 * `sandbox.fail()` makes the sandbox misbehave on purpose so that an app can test its own retries,
 * timeouts and fail-open handling. Each test drives the real SDK against it and pins what the app sees.
 */

let sandbox: Sandbox;
let core: AutumnCore;
const CUSTOMER = "fault_user";
// Backoff in milliseconds, so that a test with retries does not wait seconds for them; Retry-After is still honoured.
const QUICK_RETRIES: RetryConfig = { initialDelayMs: 1, maxDelayMs: 5 };

beforeAll(async () => {
  sandbox = await startSandbox();
  core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  sandbox.reset();
  expect((await customersGetOrCreate(core, { customerId: CUSTOMER })).ok).toBe(true);
  expect((await billingAttach(core, { customerId: CUSTOMER, planId: "free" })).ok).toBe(true);
  sandbox.requests.length = 0;
});

const usage = () => sandbox.state.customers.get(CUSTOMER)?.rows.filter((row) => row.feature_id === "messages").reduce((sum, row) => sum + row.usage, 0);
const faultsSeen = () => sandbox.requests.map((request) => `${request.path}${request.fault ? ` (${request.fault})` : ""}`);
/** A raw POST as any client sends it. */
const post = (path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  fetch(`${sandbox.url}/v1/${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${sandbox.secretKey}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("sandbox.fail with a status", () => {
  it("a 503 with Retry-After is waited out and retried by the SDK, which then succeeds", async () => {
    sandbox.fail({ kind: "status", status: 503, retryAfterSeconds: 1 });
    const result = await customersGetOrCreate(core, { customerId: "after_503" });
    expect(result.ok && result.value.id).toBe("after_503");
    expect(faultsSeen()).toEqual(["customers.get_or_create (status 503)", "customers.get_or_create"]);
    // The retry carried the same key: the faulted attempt had not claimed it.
    expect(sandbox.requests[1]!.idempotencyKey).toBe(sandbox.requests[0]!.idempotencyKey);
  });

  it("answers Autumn's error body, Retry-After and the CORS header, with a code per status unless one is given", async () => {
    sandbox.fail({ kind: "status", status: 503, retryAfterSeconds: 7 });
    sandbox.fail({ kind: "status", status: 500 });
    sandbox.fail({ kind: "status", status: 429 });
    sandbox.fail({ kind: "status", status: 502, code: "upstream_gone" });
    sandbox.fail({ kind: "status", status: 418 });

    const unavailable = await post("customers.get", { customer_id: CUSTOMER }, { origin: "http://localhost:5173" });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("7");
    expect(unavailable.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    // No rate-limit window on an outage: the SDK would read its reset as a wait.
    expect(unavailable.headers.get("ratelimit-reset")).toBe(null);
    expect(await unavailable.json()).toEqual({ message: expect.stringContaining("sandbox.fail"), code: "service_unavailable" });

    const internal = await post("customers.get", { customer_id: CUSTOMER });
    expect([internal.status, internal.headers.get("retry-after"), (await internal.json()).code]).toEqual([500, null, "internal_error"]);
    const limited = await post("customers.get", { customer_id: CUSTOMER });
    expect([limited.status, limited.headers.get("ratelimit-remaining"), (await limited.json()).code]).toEqual([429, "0", "rate_limit_exceeded"]);
    const custom = await post("customers.get", { customer_id: CUSTOMER });
    expect([custom.status, (await custom.json()).code]).toEqual([502, "upstream_gone"]);
    const teapot = await post("customers.get", { customer_id: CUSTOMER });
    expect([teapot.status, (await teapot.json()).code]).toEqual([418, "invalid_request"]);

    const served = await post("customers.get", { customer_id: CUSTOMER });
    expect(served.status).toBe(200);
  });

  it("with times: 3 on balances.check and failOpen, the app gets the synthesised allowed value", async () => {
    sandbox.fail({ kind: "status", status: 500 }, { times: 3, route: "balances.check" });
    const result = await balancesCheck(core, { customerId: CUSTOMER, featureId: "messages" }, { failOpen: true, retries: QUICK_RETRIES });
    expect(result.ok && result.value).toMatchObject({ allowed: true, balance: null, failedOpen: true, failOpenCause: { name: "AutumnAPIError", status: 500, code: "internal_error" } });
    // The SDK's default limit of 2 retries: three attempts, each one faulted.
    expect(faultsSeen()).toEqual(Array(3).fill("balances.check (status 500)"));

    // The three are used up: the next check is Autumn's real answer.
    const real = await balancesCheck(core, { customerId: CUSTOMER, featureId: "messages" }, { failOpen: true });
    expect(real.ok && real.value).toMatchObject({ allowed: true, balance: { remaining: 5 } });
    expect(real.ok && "failedOpen" in real.value).toBe(false);
  });

  it("changes no state and claims no idempotency key", async () => {
    sandbox.fail({ kind: "status", status: 500 });
    const failed = await balancesTrack(core, { customerId: CUSTOMER, featureId: "messages", value: 2 }, { idempotencyKey: "status-key", retries: 0 });
    expect(failed.ok || failed.error).toMatchObject({ name: "AutumnAPIError", status: 500 });
    expect(usage()).toBe(0);
    expect(sandbox.state.claimedKeys.has("sandbox:status-key")).toBe(false);
    // Resent under the same key, it is applied: nothing had claimed it.
    expect((await balancesTrack(core, { customerId: CUSTOMER, featureId: "messages", value: 2 }, { idempotencyKey: "status-key" })).ok).toBe(true);
    expect(usage()).toBe(2);
  });
});

describe("sandbox.fail with a timeout", () => {
  it("holds the request until the SDK's timeout ends the call, and changes nothing", async () => {
    sandbox.fail({ kind: "timeout" }, { route: "balances.track" });
    // On a fake clock the budget runs out only once the request is held, however slow the machine.
    fakeClock();
    const call = watch(balancesTrack(core, { customerId: CUSTOMER, featureId: "messages", value: 1 }, { timeoutMs: 1_000 }));
    await until(() => sandbox.requests.length === 1);
    expect(call.settled()).toBe(false);
    await advance(1_000);
    const result = await call.promise;
    vi.useRealTimers();
    expect(result.ok || result.error).toMatchObject({ name: "RequestTimeoutError", timeoutMs: 1_000 });
    expect(faultsSeen()).toEqual(["balances.track (timeout)"]);
    expect(usage()).toBe(0);
    const key = !result.ok && result.error.name === "RequestTimeoutError" ? result.error.idempotencyKey : undefined;
    expect(key).toBeDefined();
    expect(sandbox.state.claimedKeys.has(`sandbox:${key!}`)).toBe(false);

    // What docs/errors-and-retries.md tells an app to do after a timeout: resend under the same key. It is applied once.
    const replayed = await balancesTrack(core, { customerId: CUSTOMER, featureId: "messages", value: 1 }, { idempotencyKey: key! });
    expect(replayed.ok).toBe(true);
    expect(usage()).toBe(1);
  });

  it("lets reset() and close() cut off what it holds, so nothing waits on them", async () => {
    const other = await startSandbox();
    let closed = false;
    try {
      for (const target of [sandbox, other]) target.fail({ kind: "timeout" });
      const held = [sandbox, other].map((target) =>
        watch(fetch(`${target.url}/v1/customers.get`, { method: "POST", headers: { authorization: `Bearer ${target.secretKey}` }, body: "{}" })),
      );
      await until(() => sandbox.requests.length === 1 && other.requests.length === 1);
      expect(held.map((request) => request.settled())).toEqual([false, false]);

      sandbox.reset();
      await expect(held[0]!.promise).rejects.toThrow(TypeError);
      await other.close();
      closed = true;
      await expect(held[1]!.promise).rejects.toThrow(TypeError);
    } finally {
      if (!closed) await other.close();
    }
  });
});

describe("sandbox.fail with a reset", () => {
  it("cuts the connection before applying: the SDK's retry applies it once", async () => {
    sandbox.fail({ kind: "reset" }, { route: "balances.track" });
    const result = await balancesTrack(core, { customerId: CUSTOMER, featureId: "messages", value: 1 }, { retries: QUICK_RETRIES });
    expect(result.ok && result.value.balance).toMatchObject({ usage: 1 });
    expect(faultsSeen()).toEqual(["balances.track (reset)", "balances.track"]);
    expect(usage()).toBe(1);
  });

  it("with afterApplying, the answer is lost: the retry gets 409 duplicate key and the usage counts once", async () => {
    sandbox.fail({ kind: "reset", afterApplying: true }, { route: "balances.track" });
    const result = await balancesTrack(core, { customerId: CUSTOMER, featureId: "messages", value: 3 }, { idempotencyKey: "track-once", retries: QUICK_RETRIES });
    expect(result.ok || result.error).toMatchObject({ name: "RequestAlreadyAcceptedError", idempotencyKey: "track-once", attempts: 2 });
    expect(faultsSeen()).toEqual(["balances.track (reset afterApplying)", "balances.track"]);
    expect(usage()).toBe(3);
    const customer = await customersGet(core, { customerId: CUSTOMER });
    expect(customer.ok && customer.value.balances["messages"]).toMatchObject({ usage: 3, remaining: 2 });
  });
});

describe("which requests a fault hits", () => {
  it("a route filter hits that route only", async () => {
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 2 });
    expect((await customersGet(core, { customerId: CUSTOMER }, { retries: 0 })).ok).toBe(true);
    expect((await balancesCheck(core, { customerId: CUSTOMER, featureId: "messages" }, { retries: 0 })).ok).toBe(true);
    const tracked = await balancesTrack(core, { customerId: CUSTOMER, featureId: "messages", value: 1 }, { retries: 0 });
    expect(tracked.ok || tracked.error).toMatchObject({ name: "AutumnAPIError", status: 503 });
    expect(faultsSeen()).toEqual(["customers.get", "balances.check", "balances.track (status 503)"]);
  });

  it("takes faults first in, first out among those matching the request", async () => {
    sandbox.fail({ kind: "status", status: 502 }, { route: "balances.track" });
    sandbox.fail({ kind: "status", status: 500 });
    sandbox.fail({ kind: "status", status: 504 }, { times: 2 });
    for (const path of ["customers.get", "balances.track", "balances.track", "balances.track", "balances.track"]) {
      await post(path, { customer_id: CUSTOMER, feature_id: "messages" });
    }
    expect(faultsSeen()).toEqual([
      "customers.get (status 500)",
      "balances.track (status 502)",
      "balances.track (status 504)",
      "balances.track (status 504)",
      "balances.track",
    ]);
  });

  it("never hits or counts a CORS preflight", async () => {
    sandbox.fail({ kind: "status", status: 503 });
    const preflight = await fetch(`${sandbox.url}/v1/balances.check`, { method: "OPTIONS", headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" } });
    expect(preflight.status).toBe(204);
    expect(sandbox.requests).toEqual([]);
    expect((await post("balances.check", { customer_id: CUSTOMER, feature_id: "messages" })).status).toBe(503);
  });

  it("clearFaults() and reset() forget queued faults", async () => {
    sandbox.fail({ kind: "status", status: 503 }, { times: 5 });
    sandbox.clearFaults();
    expect((await post("customers.get", { customer_id: CUSTOMER })).status).toBe(200);
    sandbox.fail({ kind: "timeout" });
    sandbox.reset();
    expect((await post("customers.get_or_create", { customer_id: CUSTOMER })).status).toBe(200);
  });

  it("refuses a bad argument with a TypeError naming the field", () => {
    const cases: [fault: unknown, options: unknown, field: string][] = [
      [undefined, undefined, "fault"],
      [{ kind: "explode" }, undefined, "fault.kind"],
      [{ kind: "status" }, undefined, "fault.status"],
      [{ kind: "status", status: 200 }, undefined, "fault.status"],
      [{ kind: "status", status: 600 }, undefined, "fault.status"],
      [{ kind: "status", status: 503.5 }, undefined, "fault.status"],
      [{ kind: "status", status: "503" }, undefined, "fault.status"],
      [{ kind: "status", status: 503, retryAfterSeconds: -1 }, undefined, "fault.retryAfterSeconds"],
      [{ kind: "status", status: 503, retryAfterSeconds: 0.5 }, undefined, "fault.retryAfterSeconds"],
      [{ kind: "status", status: 503, code: "" }, undefined, "fault.code"],
      [{ kind: "status", status: 503, retryAfter: 1 }, undefined, "fault.retryAfter"],
      [{ kind: "timeout", status: 503 }, undefined, "fault.status"],
      [{ kind: "reset", afterApplying: "yes" }, undefined, "fault.afterApplying"],
      [{ kind: "timeout" }, { times: 0 }, "options.times"],
      [{ kind: "timeout" }, { times: 1.5 }, "options.times"],
      [{ kind: "timeout" }, { times: Number.NaN }, "options.times"],
      [{ kind: "timeout" }, { route: "/v1/balances.check" }, "options.route"],
      [{ kind: "timeout" }, { route: "balances.chek" }, "options.route"],
      [{ kind: "timeout" }, { count: 2 }, "options.count"],
    ];
    for (const [fault, options, field] of cases) {
      expect(() => sandbox.fail(fault as never, options as never), `${JSON.stringify(fault)} ${JSON.stringify(options)}`).toThrow(
        expect.objectContaining({ name: "TypeError", message: expect.stringContaining(field) }),
      );
    }
    // Nothing was queued by a refused call.
    return post("customers.get", { customer_id: CUSTOMER }).then((response) => expect(response.status).toBe(200));
  });
});
