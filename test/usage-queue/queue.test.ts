import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import type { TrackResult } from "../../src/funcs/balances-track.js";
import { createUsageQueue } from "../../src/usage-queue/queue.js";
import type { DeadLetter, QueuedUsage, UsageStore } from "../../src/usage-queue/store.js";
import { memoryStore } from "../../src/usage-queue/memory-store.js";
import { startFaultServer, reply } from "../faults/fault-server.js";
import { CHILD_TIMEOUT_MS, SPAWNING_TEST } from "../helpers.js";
import { FAST, queueSandboxes, tracksUnder } from "./helpers.js";

const sandboxes = queueSandboxes();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const track = (n: number, value = 1) => ({ customerId: "user_1", featureId: "api_calls", value, properties: { n } });

/** A clock the test moves by hand. */
function manualClock(start = Date.parse("2026-03-01T00:00:00Z")) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe("add", () => {
  it("checks the params at once: bad input is a RequestValidationError, nothing is stored or sent", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const queue = keep(createUsageQueue(core, FAST));
    for (const params of [{ customerId: "user 1", featureId: "api_calls" }, { customerId: "user_1", featureId: "api_calls", eventName: "x" }, { customerId: "user_1" }]) {
      const added = queue.add(params as never);
      expect(added.ok || added.error.name).toBe("RequestValidationError");
    }
    await queue.flush();
    expect((await queue.stats()).value).toMatchObject({ pending: 0, delivered: 0 });
    expect(sandbox.requests.filter((request) => request.path === "balances.track")).toEqual([]);
  });

  it("stores the event before returning, with its idempotency key given at that moment", async () => {
    const { core, keep } = await sandboxes();
    const queue = keep(createUsageQueue(core, FAST));
    const first = queue.add(track(1));
    const second = queue.add(track(2));
    // Synchronously, before any tick: the delivery pass has not started.
    expect(first.ok && second.ok).toBe(true);
    expect(first.value!.idempotencyKey).toMatch(UUID);
    expect(first.value!.idempotencyKey).not.toBe(second.value!.idempotencyKey);
    const stats = await queue.stats();
    expect(stats.value).toMatchObject({ pending: 2, inFlight: 0, delivered: 0 });
  });

  it("sends the event's key with every attempt, and delivers it once", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const queue = keep(createUsageQueue(core, FAST));
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 2 });
    const { idempotencyKey } = queue.add(track(1)).value!;
    while ((await queue.flush()).pending > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(tracksUnder(sandbox, idempotencyKey).map((request) => request.fault ?? "answered")).toEqual(["status 503", "status 503", "answered"]);
    expect(sandbox.events).toHaveLength(1);
  });

  it("takes your own key; a malformed one is a ConfigurationError naming it", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const queue = keep(createUsageQueue(core, FAST));
    expect(queue.add(track(1), { idempotencyKey: "order-77-usage" }).value?.idempotencyKey).toBe("order-77-usage");
    const bad = queue.add(track(2), { idempotencyKey: "bad\nkey" });
    expect(!bad.ok && bad.error.name === "ConfigurationError" && bad.error.setting).toBe("idempotencyKey");
    await queue.flush();
    expect(tracksUnder(sandbox, "order-77-usage")).toHaveLength(1);
    expect(sandbox.events).toHaveLength(1);
  });

  it("keeps one event for a key it already holds", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const queue = keep(createUsageQueue(core, FAST));
    expect(queue.add(track(1), { idempotencyKey: "same" }).ok).toBe(true);
    expect(queue.add(track(1), { idempotencyKey: "same" }).ok).toBe(true);
    expect((await queue.stats()).value?.pending).toBe(1);
    await queue.flush();
    expect(sandbox.events).toHaveLength(1);
  });

  it("refuses an event past its capacity with QueueFullError, dead letters included, and drops nothing", async () => {
    const { core, keep } = await sandboxes();
    const queue = keep(createUsageQueue(core, { ...FAST, capacity: 2 }));
    expect(queue.add({ customerId: "ghost", featureId: "api_calls" }).ok).toBe(true);
    expect(queue.add(track(1)).ok).toBe(true);
    const refused = queue.add(track(2));
    expect(!refused.ok && refused.error).toMatchObject({ name: "QueueFullError", capacity: 2 });
    await queue.flush();
    // The dead letter still counts; the delivered event no longer does.
    expect((await queue.stats()).value).toMatchObject({ pending: 0, dead: 1, delivered: 1 });
    expect(queue.add(track(3)).ok).toBe(true);
    expect(queue.add(track(4)).ok).toBe(false);
  });

  it("refuses an event after close with QueueClosedError", async () => {
    const { core } = await sandboxes();
    const queue = createUsageQueue(core, FAST);
    await queue.close();
    const refused = queue.add(track(1));
    expect(!refused.ok && refused.error.name).toBe("QueueClosedError");
  });

  it("keeps the params as they were at add, whatever the caller does to its object afterwards", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const queue = keep(createUsageQueue(core, FAST));
    const params = track(1, 5);
    queue.add(params);
    params.value = 500;
    await queue.flush();
    expect(sandbox.events.map((event) => event.value)).toEqual([5]);
  });
});

describe("delivery", () => {
  it("delivers each event by one balances.track and hands Autumn's answer to onDelivered", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const delivered: [QueuedUsage, TrackResult | undefined][] = [];
    const queue = keep(createUsageQueue(core, { ...FAST, onDelivered: (event, answer) => delivered.push([event, answer]) }));
    const added = queue.add(track(1, 3)).value!;
    const report = await queue.flush();
    expect(report).toMatchObject({ delivered: 1, dead: 0, pending: 0, inFlight: 0 });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]![0]).toEqual(added);
    expect(delivered[0]![1]?.balance).toMatchObject({ featureId: "api_calls", usage: 3 });
    expect(tracksUnder(sandbox, added.idempotencyKey)).toHaveLength(1);
  });

  it("is not fooled by a client with failOpen: an outage is retried, not taken for a delivery", async () => {
    const { sandbox, core, keep } = await sandboxes(["user_1"], { failOpen: true });
    // The queue's clock stands still until the test moves it: the backoff cannot end during the first flush.
    const clock = manualClock();
    const queue = keep(createUsageQueue(core, { ...FAST, now: clock.now }));
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 1 });
    queue.add(track(1));
    expect(await queue.flush()).toMatchObject({ delivered: 0, pending: 1 });
    clock.advance(1_000);
    expect(await queue.flush()).toMatchObject({ delivered: 1, pending: 0 });
    expect(sandbox.events).toHaveLength(1);
  });

  it("an answer lost after Autumn recorded the event: resent under its key, refused with 409, settled, recorded once", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const queue = keep(createUsageQueue(core, { ...FAST, confirmDuplicateAfterMs: 0 }));
    sandbox.fail({ kind: "reset", afterApplying: true }, { route: "balances.track" });
    const { idempotencyKey } = queue.add(track(1)).value!;
    while ((await queue.flush()).pending > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(tracksUnder(sandbox, idempotencyKey).map((request) => request.fault ?? "answered")).toEqual(["reset afterApplying", "answered"]);
    expect(sandbox.events).toHaveLength(1);
    expect((await queue.stats()).value).toMatchObject({ delivered: 1, pending: 0, dead: 0 });
  });

  it("a refusal goes to the dead letters with its error, is reported once to onDead and is not retried", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const dead: DeadLetter[] = [];
    const queue = keep(createUsageQueue(core, { ...FAST, onDead: (letter) => dead.push(letter) }));
    // The first request sent is the first event's: the fault answers it.
    sandbox.fail({ kind: "status", status: 400, code: "invalid_inputs" }, { route: "balances.track" });
    const invalid = queue.add(track(1)).value!;
    const ghost = queue.add({ customerId: "ghost", featureId: "api_calls", value: 2 }).value!;
    const unknownFeature = queue.add({ customerId: "user_1", featureId: "no_such_feature" }).value!;
    await queue.flush();
    await queue.flush();
    const letters = (await queue.deadLetters()).value!;
    const byKey = new Map(letters.map((letter) => [letter.idempotencyKey, letter]));
    expect(byKey.get(ghost.idempotencyKey)).toMatchObject({ reason: "refused", params: ghost.params, attempts: 1, error: { name: "AutumnAPIError", status: 404, code: "customer_not_found" } });
    expect(byKey.get(unknownFeature.idempotencyKey)?.error).toMatchObject({ status: 404, code: "feature_not_found" });
    expect(byKey.get(invalid.idempotencyKey)?.error).toMatchObject({ status: 400, code: "invalid_inputs" });
    expect(dead.map((letter) => letter.idempotencyKey).sort()).toEqual([ghost, unknownFeature, invalid].map((event) => event.idempotencyKey).sort());
    for (const event of [ghost, unknownFeature, invalid]) expect(tracksUnder(sandbox, event.idempotencyKey)).toHaveLength(1);
    expect((await queue.stats()).value).toMatchObject({ dead: 3, outcomeUnknown: 0, pending: 0 });
  });

  it("retryDead sends a dead letter again under its key once its cause is fixed; dropDead forgets one", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const queue = keep(createUsageQueue(core, FAST));
    const ghost = queue.add({ customerId: "ghost", featureId: "api_calls" }).value!;
    const other = queue.add({ customerId: "nobody", featureId: "api_calls" }).value!;
    await queue.flush();
    const { customersGetOrCreate } = await import("../../src/funcs/customers-get-or-create.js");
    await customersGetOrCreate(core, { customerId: "ghost" });
    expect((await queue.retryDead(ghost.idempotencyKey)).value).toBe(true);
    expect((await queue.dropDead(other.idempotencyKey)).value).toBe(true);
    expect((await queue.dropDead(other.idempotencyKey)).value).toBe(false);
    await queue.flush();
    expect(tracksUnder(sandbox, ghost.idempotencyKey).map((request) => request.idempotencyKey)).toEqual([ghost.idempotencyKey, ghost.idempotencyKey]);
    expect(sandbox.events.map((event) => event.customerId)).toEqual(["ghost"]);
    expect((await queue.stats()).value).toMatchObject({ dead: 0, pending: 0, delivered: 1 });
  });

  it("honours Retry-After: after a 429 the whole queue waits as long as Autumn asked", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const clock = manualClock();
    const queue = keep(createUsageQueue(core, { ...FAST, concurrency: 1, now: clock.now }));
    sandbox.fail({ kind: "status", status: 429, retryAfterSeconds: 30 }, { route: "balances.track" });
    queue.add(track(1));
    queue.add(track(2));
    expect(await queue.flush()).toMatchObject({ delivered: 0, pending: 2 });
    const sent = sandbox.requests.length;
    clock.advance(29_000);
    expect(await queue.flush()).toMatchObject({ delivered: 0, pending: 2 });
    expect(sandbox.requests.length).toBe(sent);
    clock.advance(1_000);
    expect(await queue.flush()).toMatchObject({ delivered: 2, pending: 0 });
  });

  it("keeps at most `concurrency` attempts in flight", async () => {
    let open = 0;
    let most = 0;
    const server = await startFaultServer((_request) => (request, response) => {
      most = Math.max(most, ++open);
      setTimeout(() => {
        open--;
        reply(200, { customer_id: "user_1", value: 1, balance: null })(request, response);
      }, 20);
    });
    try {
      const { AutumnCore } = await import("../../src/core.js");
      const core = new AutumnCore({ secretKey: "am_sk_test_x", serverURL: server.url });
      const queue = createUsageQueue(core, { ...FAST, concurrency: 3 });
      for (let n = 0; n < 12; n++) queue.add(track(n));
      expect(await queue.flush()).toMatchObject({ delivered: 12 });
      expect(most).toBe(3);
      await queue.close();
    } finally {
      await server.close();
    }
  });

  it("stats() counts pending, in flight, delivered and dead", async () => {
    const { sandbox, core, keep } = await sandboxes();
    // A clock that stands still: the event cut off below backs off and stays pending.
    const queue = keep(createUsageQueue(core, { ...FAST, attemptTimeoutMs: 5_000, now: manualClock().now }));
    sandbox.fail({ kind: "timeout" }, { route: "balances.track" });
    queue.add(track(1));
    queue.add({ customerId: "ghost", featureId: "api_calls" });
    queue.add(track(2));
    const flushing = queue.flush();
    const settled = async () => ((await queue.stats()).value?.delivered ?? 0) + ((await queue.stats()).value?.dead ?? 0);
    while ((await settled()) < 2) await new Promise((resolve) => setTimeout(resolve, 2));
    expect((await queue.stats()).value).toEqual({ pending: 0, inFlight: 1, delivered: 1, dead: 1, outcomeUnknown: 0 });
    sandbox.clearFaults();
    // The held request is cut off; the event backs off as an unknown outcome.
    sandbox.reset();
    await flushing;
    expect((await queue.stats()).value).toEqual({ pending: 1, inFlight: 0, delivered: 1, dead: 1, outcomeUnknown: 0 });
  });
});

describe("flush and close", () => {
  it("flush resolves once what was pending is settled, fit for waitUntil", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const queue = keep(createUsageQueue(core, FAST));
    for (let n = 0; n < 5; n++) queue.add(track(n));
    const waitUntil: Promise<unknown>[] = [];
    waitUntil.push(queue.flush());
    expect(await Promise.all(waitUntil)).toEqual([{ delivered: 5, dead: 0, pending: 0, inFlight: 0 }]);
    expect(sandbox.events).toHaveLength(5);
  });

  it("flush hands back events that back off instead of waiting for them", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const queue = keep(createUsageQueue(core, { ...FAST, retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 } }));
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 100 });
    queue.add(track(1));
    expect(await queue.flush()).toEqual({ delivered: 0, dead: 0, pending: 1, inFlight: 0 });
  });

  it("flush never rejects, even when the store fails: it reports the store's error", async () => {
    const { core } = await sandboxes();
    const broken: UsageStore = {
      ...memoryStore(),
      take: () => Promise.reject(new Error("ECONNREFUSED redis")),
      counts: () => Promise.reject(new Error("ECONNREFUSED redis")),
    };
    const queue = createUsageQueue(core, { ...FAST, store: broken });
    queue.add(track(1));
    const report = await queue.flush();
    expect(report).toMatchObject({ delivered: 0, pending: 0, storeError: { name: "QueueStoreError" } });
    expect((report.storeError?.cause as Error).message).toBe("ECONNREFUSED redis");
    expect((await queue.stats()).error?.name).toBe("QueueStoreError");
    const closed = await queue.close({ deadlineMs: 50 });
    expect(closed.storeError?.name).toBe("QueueStoreError");
  });

  it("close waits out backoffs with the memory store, within its deadline", async () => {
    const { sandbox, core } = await sandboxes();
    const queue = createUsageQueue(core, FAST);
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 3 });
    queue.add(track(1));
    expect(await queue.close({ deadlineMs: 30_000 })).toEqual({ delivered: 1, dead: 0, pending: 0, inFlight: 0, lost: [] });
    expect(sandbox.events).toHaveLength(1);
  });

  it("close reports what is left when the deadline comes: with the memory store, lost with the process", async () => {
    const { sandbox, core } = await sandboxes();
    const queue = createUsageQueue(core, { ...FAST, retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 } });
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 100 });
    const added = queue.add(track(1)).value!;
    const report = await queue.close({ deadlineMs: 50 });
    expect(report).toMatchObject({ delivered: 0, pending: 1, lost: [added] });
  });

  it("close aborts an attempt still in flight at its deadline", async () => {
    const { sandbox, core } = await sandboxes();
    const queue = createUsageQueue(core, { ...FAST, attemptTimeoutMs: 600_000, leaseMs: 700_000 });
    sandbox.fail({ kind: "timeout" }, { route: "balances.track" });
    const added = queue.add(track(1)).value!;
    while (sandbox.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    // Without the abort this would wait for the ten-minute attempt; the test's own timeout would end it.
    const report = await queue.close({ deadlineMs: 100 });
    expect(report.lost).toEqual([added]);
  });

  it("close twice gives the same report", async () => {
    const { core } = await sandboxes();
    const queue = createUsageQueue(core, FAST);
    expect(queue.close()).toBe(queue.close());
  });

  it("flushes on an interval, started by the first add and cleared by close", async () => {
    const { sandbox, core } = await sandboxes();
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const queue = createUsageQueue(core, { ...FAST, flushAt: 1_000, flushIntervalMs: 1_000 });
    // None at creation: Workers refuse timers outside a request.
    expect(vi.getTimerCount()).toBe(0);
    queue.add(track(1));
    expect(vi.getTimerCount()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sandbox.events).toHaveLength(0);
    vi.advanceTimersByTime(1_000);
    while (sandbox.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    await queue.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps no Node process alive: an app that adds an event ends by itself once it is delivered", SPAWNING_TEST, async () => {
    const { sandbox } = await sandboxes();
    const root = fileURLToPath(new URL("../..", import.meta.url));
    // The built package, as an app loads it. A referenced interval would keep this process running until the child's timeout.
    const script = `
      import { AutumnCore } from "@useautumn/sdk/core";
      import { createUsageQueue } from "@useautumn/sdk/usage-queue";
      const core = new AutumnCore({ secretKey: "${sandbox.secretKey}", serverURL: "${sandbox.url}" });
      const queue = createUsageQueue(core, { flushIntervalMs: 50 });
      queue.add({ customerId: "user_1", featureId: "api_calls", properties: { n: 7 } });
    `;
    await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: root, timeout: CHILD_TIMEOUT_MS });
    expect(sandbox.events.map((event) => event.properties)).toEqual([{ n: 7 }]);
  });
});

describe("at a Worker's module scope", () => {
  it("importing the package and creating a queue make no timer and draw no random value, which Workers refuse outside a request", SPAWNING_TEST, async () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    // The built package in a process where those calls throw, as in a Worker's global scope; then, as in a request, they work.
    const script = `
      const allowed = { getRandomValues: crypto.getRandomValues.bind(crypto), setTimeout, setInterval };
      crypto.getRandomValues = () => { throw new Error("getRandomValues at module scope"); };
      globalThis.setTimeout = () => { throw new Error("setTimeout at module scope"); };
      globalThis.setInterval = () => { throw new Error("setInterval at module scope"); };
      const { AutumnCore } = await import("@useautumn/sdk/core");
      const { createUsageQueue } = await import("@useautumn/sdk/usage-queue");
      const queue = createUsageQueue(new AutumnCore({ secretKey: "am_sk_test_x", serverURL: "http://127.0.0.1:9" }));
      crypto.getRandomValues = allowed.getRandomValues;
      Object.assign(globalThis, { setTimeout: allowed.setTimeout, setInterval: allowed.setInterval });
      const added = queue.add({ customerId: "user_1", featureId: "api_calls" });
      await queue.close({ deadlineMs: 0 });
      console.log(added.ok);
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: root, timeout: CHILD_TIMEOUT_MS });
    expect(stdout.trim()).toBe("true");
  });
});

describe("options", () => {
  it("a bad option throws a ConfigurationError naming it", async () => {
    const { core } = await sandboxes();
    const cases: [Record<string, unknown>, string][] = [
      [{ capacity: 0 }, "capacity"],
      [{ concurrency: 1.5 }, "concurrency"],
      [{ flushAt: 0 }, "flushAt"],
      [{ flushIntervalMs: -1 }, "flushIntervalMs"],
      [{ retry: { maxDelayMs: "5s" } }, "retry.maxDelayMs"],
      [{ store: {} }, "store"],
      [{ onDelivered: "log" }, "onDelivered"],
      [{ attemptTimeoutMs: 10_000, leaseMs: 10_000 }, "leaseMs"],
      [{ idempotencyWindowMs: 1_000, windowMarginMs: 1_000 }, "windowMarginMs"],
      [{ batchSize: 10 }, "batchSize"],
    ];
    for (const [options, setting] of cases) {
      expect(() => createUsageQueue(core, options as never), setting).toThrow(expect.objectContaining({ name: "ConfigurationError", setting }));
    }
    expect(() => createUsageQueue(core, { batchSize: 10 } as never)).toThrow(/use flushAt/);
  });
});
