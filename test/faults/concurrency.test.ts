import { describe, expect, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import { RequestAbortedError } from "../../src/models/errors/index.js";
import { fixture, SECRET_KEY, testCore } from "../helpers.js";
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

/** Waits until no timers or sockets beyond the baseline remain, or `limitMs` passes; returns what is left over. */
async function leftOver(baseline: Record<string, number>, limitMs = 3_000): Promise<Record<string, number>> {
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

describe("2,000 concurrent calls against a faulty server", () => {
  it("all resolve, the server's counts match each call's outcome, and no timers or sockets are left", async () => {
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
    const core = testCore({ serverURL: server.url, timeoutMs: 20_000 });
    const autumn = new Autumn({ secretKey: SECRET_KEY, serverURL: server.url, timeoutMs: 20_000, retryConfig: { initialDelayMs: 1, maxDelayMs: 5 } });

    const total = 2_000;
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
  it("ends an attempt in flight promptly, with the caller's reason, and makes no further attempt", async () => {
    const server = await serve([hang()]);
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    setTimeout(() => controller.abort(reason), 100);
    const started = Date.now();
    const result = await customersGet(testCore({ serverURL: server.url, timeoutMs: 10_000 }), { customerId: "user_123" }, { signal: controller.signal });
    expect(result.ok || result.error).toMatchObject({ name: "RequestAbortedError", cause: reason });
    expect(Date.now() - started).toBeLessThan(100 + 1_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.count()).toBe(1);
  });

  it("cuts a Retry-After wait short and does not retry", async () => {
    const server = await serve([reply(503, { message: "busy", code: "service_unavailable" }, { "retry-after": "5" }), reply(200, customer)]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    const result = await balancesTrack(testCore({ serverURL: server.url, timeoutMs: 10_000 }), { customerId: "user_123", featureId: "messages" }, { signal: controller.signal });
    expect(result.ok || result.error.name).toBe("RequestAbortedError");
    expect(Date.now() - started).toBeLessThan(150 + 1_000);
    expect(server.count()).toBe(1);
  });

  it("the class throws the abort error", async () => {
    const server = await serve([hang()]);
    const autumn = new Autumn({ secretKey: SECRET_KEY, serverURL: server.url });
    await expect(autumn.customers.get({ customerId: "user_123" }, { signal: AbortSignal.timeout(50) })).rejects.toBeInstanceOf(RequestAbortedError);
  });

  it("500 calls sharing one signal all end aborted, and leave nothing behind", async () => {
    const baseline = activeResources();
    const server = await startFaultServer([hang()]);
    const controller = new AbortController();
    const core = testCore({ serverURL: server.url, timeoutMs: 10_000 });
    const pending = Array.from({ length: 500 }, (_, index) => customersGet(core, { customerId: `c${index}` }, { signal: controller.signal }));
    while (server.count() < 500) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    const results = await Promise.all(pending);
    expect(results.every((result) => !result.ok && result.error.name === "RequestAbortedError")).toBe(true);
    expect(server.count()).toBe(500);
    await server.close();
    expect(await leftOver(baseline)).toEqual({});
  });
});
