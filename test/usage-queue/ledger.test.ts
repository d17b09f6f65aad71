import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../../src/sandbox/server.js";
import { seededRandom } from "../faults/random.js";
import { sizedFor } from "../helpers.js";
import { type RedisServer, startRedisServer } from "../redis-server.js";
import { eventsByN, queueSandboxes, usageOf } from "./helpers.js";
import { workers } from "./workers.js";

/**
 * The ledger: usage from real processes on the built package, through the sandbox's faults and
 * kills, must end up in the sandbox's events once per event, with every customer's balance right
 * to the unit. The events are numbered: event n is for CUSTOMERS[n % 5], worth 1 + n % 7 units, and
 * carries `properties.n`, so every total is known in advance.
 */
const sandboxes = queueSandboxes();
const worker = workers();
const CUSTOMERS = ["cus_a", "cus_b", "cus_c", "cus_d", "cus_e"];
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** What the workers run with: fast backoff, a short attempt budget (the held requests end quickly), a short 409 doubt. */
function config(sandbox: Sandbox, store: Record<string, unknown>, numbers: number[]) {
  return {
    serverURL: sandbox.url,
    secretKey: sandbox.secretKey,
    customers: CUSTOMERS,
    numbers,
    producers: 4,
    store,
    // The sandbox answers or drops a request as it arrives, so a 409 can never come from an attempt still running there.
    queue: { retry: { initialDelayMs: 2, maxDelayMs: 50 }, attemptTimeoutMs: 1_000, leaseMs: 3_000, confirmDuplicateAfterMs: 100, capacity: 20_000, flushIntervalMs: 100 },
  };
}

/**
 * Queues a burst of faults on track every few dozen requests, drawn from a seeded stream: 503 bursts,
 * resets after applying (recorded, answer lost), resets before, and held requests (timeouts).
 */
function injectFaults(sandbox: Sandbox, seed: number): () => void {
  const random = seededRandom(seed);
  let next = 0;
  const timer = setInterval(() => {
    if (sandbox.requests.length < next) return;
    next = sandbox.requests.length + 20 + Math.floor(random() * 40);
    const roll = random();
    const times = 1 + Math.floor(random() * 4);
    if (roll < 0.35) sandbox.fail({ kind: "status", status: 503, retryAfterSeconds: 0 }, { route: "balances.track", times: times + 3 });
    else if (roll < 0.7) sandbox.fail({ kind: "reset", afterApplying: true }, { route: "balances.track", times });
    else if (roll < 0.85) sandbox.fail({ kind: "reset" }, { route: "balances.track", times });
    else sandbox.fail({ kind: "timeout" }, { route: "balances.track", times: 1 });
  }, 5);
  return () => {
    clearInterval(timer);
    sandbox.clearFaults();
  };
}

/** Each numbered event recorded once, each sent under one key only, and each customer's balance used to the unit. */
async function expectLedger(sandbox: Sandbox, core: Parameters<typeof usageOf>[0], count: number): Promise<void> {
  const byN = eventsByN(sandbox);
  expect(byN.size).toBe(count);
  expect([...byN.entries()].filter(([, times]) => times !== 1)).toEqual([]);
  const keys = new Map<number, Set<string>>();
  for (const request of sandbox.requests) {
    if (request.path !== "balances.track") continue;
    const n = (request.body as { properties: { n: number } }).properties.n;
    keys.set(n, (keys.get(n) ?? new Set()).add(request.idempotencyKey!));
  }
  expect([...keys.values()].filter((set) => set.size !== 1)).toEqual([]);
  for (const [index, customerId] of CUSTOMERS.entries()) {
    let expected = 0;
    for (let n = index; n < count; n += CUSTOMERS.length) expected += 1 + (n % 7);
    const recorded = sandbox.events.filter((event) => event.customerId === customerId).reduce((sum, event) => sum + event.value, 0);
    expect({ customerId, recorded, usage: await usageOf(core, customerId) }).toEqual({ customerId, recorded: expected, usage: expected });
  }
}

/** The fault labels the track requests met, counted: proof the run went through each kind. */
function faultsMet(sandbox: Sandbox): Record<string, number> {
  const met: Record<string, number> = {};
  for (const request of sandbox.requests) if (request.fault) met[request.fault] = (met[request.fault] ?? 0) + 1;
  return met;
}

describe("the usage ledger", () => {
  const COUNT = 10_000;

  // Sized from the work: 10,000 events and their retries, a few milliseconds each on a loaded 2-core machine, and three processes.
  it("10,000 events from 4 producers through 503 bursts, resets and timeouts, a SIGKILL of the delivering process half-way and a restart: each recorded exactly once", { timeout: sizedFor(COUNT, 40) }, async () => {
    const { sandbox, core } = await sandboxes(CUSTOMERS);
    const dir = mkdtempSync(join(tmpdir(), "usage-ledger-"));
    dirs.push(dir);
    const store = { kind: "file", path: join(dir, "usage.log") };
    const numbers = Array.from({ length: COUNT }, (_, n) => n);
    const stopFaults = injectFaults(sandbox, Number(process.env["FC_SEED"] ?? 20_260_301));
    try {
      const first = worker({ mode: "produce", ...config(sandbox, store, numbers) });
      await first.until((message) => "allAdded" in message);
      while (sandbox.events.length < COUNT / 2) await new Promise((resolve) => setTimeout(resolve, 5));
      await first.kill();
      const atKill = sandbox.events.length;
      expect(atKill).toBeLessThan(COUNT);
      const restart = worker({ mode: "drain", ...config(sandbox, store, []) });
      const { drained, report } = (await restart.until((message) => "drained" in message)) as { drained: Record<string, number>; report: Record<string, number> };
      expect(await restart.exited).toBe(0);
      expect(drained).toMatchObject({ pending: 0, inFlight: 0, dead: 0 });
      expect(report).toMatchObject({ pending: 0, lost: 0 });
    } finally {
      stopFaults();
    }
    const met = faultsMet(sandbox);
    for (const kind of ["status 503", "reset afterApplying", "reset", "timeout"]) expect(met[kind], kind).toBeGreaterThan(0);
    await expectLedger(sandbox, core, COUNT);
  });
});

describe("two processes on one Redis store", () => {
  let redis: RedisServer | undefined;
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  const COUNT = 2_000;
  it("each produces half, both deliver, one is killed (SIGKILL) mid-way: every event delivered once", { timeout: sizedFor(COUNT, 60) }, async () => {
    const { sandbox, core } = await sandboxes(CUSTOMERS);
    redis = await startRedisServer();
    const store = { kind: "redis", port: redis.port, name: "ledger" };
    const numbers = Array.from({ length: COUNT }, (_, n) => n);
    const stopFaults = injectFaults(sandbox, Number(process.env["FC_SEED"] ?? 20_260_302));
    try {
      const [a, b] = [numbers.filter((n) => n % 2 === 0), numbers.filter((n) => n % 2 === 1)].map((half) => worker({ mode: "produce", ...config(sandbox, store, half) }));
      await Promise.all([a!, b!].map((process) => process.until((message) => "allAdded" in message)));
      // Both deliver from the one queue; then one dies with events leased to it, which the other takes over when the leases run out.
      while (sandbox.events.length < COUNT / 2) await new Promise((resolve) => setTimeout(resolve, 5));
      await a!.kill();
      expect(sandbox.events.length).toBeLessThan(COUNT);
      const { drained } = (await b!.until((message) => "drained" in message)) as { drained: Record<string, number> };
      expect(drained).toMatchObject({ pending: 0, inFlight: 0, dead: 0 });
      // Both delivered from the one queue before the kill.
      expect(a!.messages.some((message) => "delivered" in message)).toBe(true);
      expect(drained["delivered"]).toBeGreaterThan(0);
      expect(await b!.exited).toBe(0);
    } finally {
      stopFaults();
    }
    await expectLedger(sandbox, core, COUNT);
  });
});
