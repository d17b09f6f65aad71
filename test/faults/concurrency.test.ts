import { describe, expect, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import { RequestAbortedError } from "../../src/models/errors/index.js";
import { advance, fakeClock, realPause, until, watch } from "../clock.js";
import { fixture, SECRET_KEY, sizedFor, testCore } from "../helpers.js";
import { type Behaviour, delayed, hang, reply, reset, faultServers, startFaultServer } from "./fault-server.js";

const customer = fixture("customer");
const tracked = fixture("balance-track");
const serve = faultServers();

/** Active handles and requests by kind (`Timeout`, `TCPSocketWrap`, …). */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/**
 * Waits until no timers or sockets beyond the baseline remain, or `limitMs` passes; returns what is left over.
 * The limit is wide because closing thousands of sockets takes a while on a loaded machine; a clean
 * run returns as soon as all is closed, so only a real leak waits it out.
 */
async function leftOver(baseline: Record<string, number>, limitMs = 60_000): Promise<Record<string, number>> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const now = activeResources();
    const extra: Record<string, number> = {};
    for (const kind of ["Timeout", "TCPSocketWrap", "TCPServerWrap", "Immediate"]) {
      const more = (now[kind] ?? 0) - (baseline[kind] ?? 0);
      if (more > 0) extra[kind] = more;
    }
    if (Object.keys(extra).length === 0 || Date.now() > deadline) return extra;
    await new Promise((resolve) => setTimeout(resolve, 25).unref());
  }
}

const MODES = ["ok", "500 every time", "reset once, then ok", "slow ok"] as const;
/** What the server does for customer `c<i>`, by attempt; and what the caller must get. */
const expectations = {
  "ok": { requests: 1, outcome: "ok" },
  "500 every time": { requests: 3, outcome: "AutumnAPIError" },
  "reset once, then ok": { requests: 2, outcome: "ok" },
  "slow ok": { requests: 1, outcome: "ok" },
} as const;

const TOTAL = 2_000;
// Every call starts at once, so the last one ends when the whole batch does: each call's budget is the
// test's own limit, sized from the count. The budget is not what this test checks.
const BATCH_LIMIT_MS = sizedFor(TOTAL);

describe("2,000 concurrent calls against a faulty server", () => {
  it("all resolve, the server's counts match each call's outcome, and no timers or sockets are left", { timeout: BATCH_LIMIT_MS }, async () => {
    const baseline = activeResources();
    const seenById = new Map<string, number>();
    const server = await startFaultServer((request) => {
      const body = request.json as { customer_id: string };
      const id = body.customer_id;
      const attempt = (seenById.get(id) ?? 0) + 1;
      seenById.set(id, attempt);
      const mode = MODES[Number(id.slice(1)) % MODES.length]!;
      const answer: Behaviour = request.path.endsWith("balances.track") ? reply(200, { ...tracked, customer_id: id }) : reply(200, { ...customer, id });
      if (mode === "500 every time") return reply(500, { message: "boom", code: "internal_error" });
      if (mode === "reset once, then ok") return attempt === 1 ? reset() : answer;
      if (mode === "slow ok") return delayed(40, answer);
      return answer;
    });
    const core = testCore({ serverURL: server.url, timeoutMs: BATCH_LIMIT_MS });
    const autumn = new Autumn({ secretKey: SECRET_KEY, serverURL: server.url, timeoutMs: BATCH_LIMIT_MS, retryConfig: { initialDelayMs: 1, maxDelayMs: 5 } });

    const total = TOTAL;
    const calls = Array.from({ length: total }, (_, index) => {
      const customerId = `c${index}`;
      // A third reads, a third tracks, a third through the class (which throws its errors).
      if (index % 3 === 0) return customersGet(core, { customerId });
      if (index % 3 === 1) return balancesTrack(core, { customerId, featureId: "messages" });
      return autumn.customers.get({ customerId }).then(
        (value) => ({ ok: true as const, value }),
        (error: Error) => ({ ok: false as const, error }),
      );
    });
    const results = await Promise.all(calls);

    expect(results).toHaveLength(total);
    const outcomes: Record<string, number> = {};
    results.forEach((result, index) => {
      const expected = expectations[MODES[index % MODES.length]!];
      const outcome = result.ok ? "ok" : result.error.name;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      expect(outcome, `c${index}`).toBe(expected.outcome);
      expect(seenById.get(`c${index}`), `requests for c${index}`).toBe(expected.requests);
    });
    const expectedRequests = Array.from({ length: total }, (_, index) => expectations[MODES[index % MODES.length]!].requests).reduce((a, b) => a + b, 0);
    expect(server.count()).toBe(expectedRequests);
    expect(outcomes).toEqual({ ok: 1_500, AutumnAPIError: 500 });

    await server.close();
    expect(await leftOver(baseline)).toEqual({});
    expect(server.openSockets()).toBe(0);
  });
});

describe("abort", () => {
  // The first two run on a fake clock: no budget, backoff or wait can end the call while the clock
  // stands still, so a call that ends has been ended by the abort, at once, however slow the machine.
  it("ends an attempt in flight at once, with the caller's reason, and makes no further attempt", async () => {
    fakeClock();
    const server = await serve([hang()]);
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    const call = watch(customersGet(testCore({ serverURL: server.url, timeoutMs: 10_000 }), { customerId: "user_123" }, { signal: controller.signal }));
    await until(() => server.count() === 1);
    expect(call.settled()).toBe(false);
    controller.abort(reason);
    const result = await call.promise;
    expect(result.ok || result.error).toMatchObject({ name: "RequestAbortedError", cause: reason });
    // Past any backoff and the whole budget, with real time for a stray request to arrive: still one.
    await advance(10_000);
    await realPause(100);
    expect(server.count()).toBe(1);
  });

  it("cuts a Retry-After wait short and does not retry", async () => {
    fakeClock();
    const server = await serve([reply(503, { message: "busy", code: "service_unavailable" }, { "retry-after": "5" }), reply(200, customer)]);
    const controller = new AbortController();
    const lines: string[] = [];
    const core = testCore({ serverURL: server.url, timeoutMs: 10_000, debugLogger: { debug: (...args: unknown[]) => void lines.push(args.join(" ")) } });
    const call = watch(balancesTrack(core, { customerId: "user_123", featureId: "messages" }, { signal: controller.signal }));
    // The SDK logs the 503 once it has read it; from there to its wait only synchronous steps remain.
    await until(() => lines.some((line) => line.includes("<- 503 attempt 1 ")));
    // Halfway through the 5 s the server asked for: still waiting, no second request.
    await advance(2_500);
    await realPause(50);
    expect(call.settled()).toBe(false);
    expect(server.count()).toBe(1);
    controller.abort();
    const result = await call.promise;
    expect(result.ok || result.error.name).toBe("RequestAbortedError");
    await advance(10_000);
    await realPause(100);
    expect(server.count()).toBe(1);
  });

  it("the class throws the abort error", async () => {
    const server = await serve([hang()]);
    const autumn = new Autumn({ secretKey: SECRET_KEY, serverURL: server.url });
    await expect(autumn.customers.get({ customerId: "user_123" }, { signal: AbortSignal.timeout(50) })).rejects.toBeInstanceOf(RequestAbortedError);
  });

  // The budget is not what this test checks: it must outlast the time 500 requests take to reach the server.
  const SHARED = 500;
  it("500 calls sharing one signal all end aborted, and leave nothing behind", { timeout: sizedFor(SHARED) }, async () => {
    const baseline = activeResources();
    const server = await startFaultServer([hang()]);
    const controller = new AbortController();
    const core = testCore({ serverURL: server.url, timeoutMs: sizedFor(SHARED) });
    const pending = Array.from({ length: SHARED }, (_, index) => customersGet(core, { customerId: `c${index}` }, { signal: controller.signal }));
    while (server.count() < SHARED) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    const results = await Promise.all(pending);
    expect(results.every((result) => !result.ok && result.error.name === "RequestAbortedError")).toBe(true);
    expect(server.count()).toBe(SHARED);
    await server.close();
    expect(await leftOver(baseline)).toEqual({});
  });
});
