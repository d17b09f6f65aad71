import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import { customersUpdate } from "../../src/funcs/customers-update.js";
import type { SDKError } from "../../src/models/errors/index.js";
import { fixture, SECRET_KEY, sizedFor, testCore } from "../helpers.js";
import { type Behaviour, delayed, hang, reply, reset, resetMidBody, faultServers, type SeenRequest } from "./fault-server.js";
import { seededRandom } from "./random.js";

const customer = fixture("customer");
const tracked = fixture("balance-track");
const serve = faultServers();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const busy = reply(503, { message: "busy", code: "service_unavailable" });

describe("idempotency keys", () => {
  it("one call's retries carry the same generated key", async () => {
    const server = await serve([reset(), busy, reply(200, tracked)]);
    const result = await balancesTrack(testCore({ serverURL: server.url }), { customerId: "user_123", featureId: "messages" });
    expect(result.ok).toBe(true);
    const keys = server.requests.map((request) => request.idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(UUID);
    expect(new Set(keys).size).toBe(1);
  });

  it("a caller's key is the one every retry carries", async () => {
    const server = await serve([resetMidBody(200, "{"), reply(200, tracked)]);
    await balancesTrack(testCore({ serverURL: server.url }), { customerId: "user_123", featureId: "messages" }, { idempotencyKey: "order-77-usage" });
    expect(server.requests.map((request) => request.idempotencyKey)).toEqual(["order-77-usage", "order-77-usage"]);
  });

  // 300 calls at once: the budget (not what is checked) and the test's limit are sized from the count.
  it("two calls never share a key, across functions and the class", { timeout: sizedFor(300) }, async () => {
    const server = await serve([reply(200, tracked)]);
    const core = testCore({ serverURL: server.url, timeoutMs: sizedFor(300) });
    const autumn = new Autumn({ secretKey: SECRET_KEY, serverURL: server.url, timeoutMs: sizedFor(300) });
    await Promise.all(
      Array.from({ length: 300 }, (_, index) =>
        index % 2 === 0 ? balancesTrack(core, { customerId: "user_123", featureId: "messages" }) : autumn.track({ customerId: "user_123", featureId: "messages" }),
      ),
    );
    const keys = server.requests.map((request) => request.idempotencyKey);
    expect(keys).toHaveLength(300);
    expect(keys.every((key) => key !== undefined && UUID.test(key))).toBe(true);
    expect(new Set(keys).size).toBe(300);
  });

  it("reads carry no key", async () => {
    const server = await serve([busy, reply(200, customer)]);
    await customersGet(testCore({ serverURL: server.url }), { customerId: "user_123" });
    expect(server.requests.map((request) => request.idempotencyKey)).toEqual([undefined, undefined]);
  });
});

describe("a mutation without a key is never resent once it may have reached the server", () => {
  // The budget must not fire during these exchanges (it would turn the error into a timeout), except in
  // the last case, where it must: there the server answers long after it, so a short budget is safe.
  const GENEROUS = 30_000;
  const cases: [string, Behaviour, Record<string, unknown>, number][] = [
    ["a reset before headers", reset(), { name: "ConnectionError", attempts: 1, idempotencyKey: undefined }, GENEROUS],
    ["a reset mid-body", resetMidBody(200, '{"id"'), { name: "ConnectionError", attempts: 1 }, GENEROUS],
    ["a 503", busy, { name: "AutumnAPIError", status: 503 }, GENEROUS],
    ["a 500", reply(500, { message: "boom", code: "internal_error" }), { name: "AutumnAPIError", status: 500 }, GENEROUS],
    ["a 429", reply(429, "slow down", { "retry-after": "0" }), { name: "AutumnAPIError", status: 429 }, GENEROUS],
    // The budget's timer starts before the request is sent and the server's delay after it is received,
    // both in this process: the budget always fires first, however slow the machine.
    ["a slow answer past the budget", delayed(1_000, reply(200, customer)), { name: "RequestTimeoutError", attempts: 1 }, 300],
  ];

  it.each(cases)("%s: one request, and the error", async (_name, behaviour, expected, timeoutMs) => {
    const server = await serve([behaviour, reply(200, customer)]);
    const core = testCore({ serverURL: server.url, autoIdempotencyKey: false, timeoutMs });
    const result = await customersUpdate(core, { customerId: "user_123", name: "Pat" });
    expect(result.ok || result.error).toMatchObject(expected);
    expect(server.count()).toBe(1);
    expect(server.requests[0]?.idempotencyKey).toBeUndefined();
  });
});

/**
 * A server that applies each track once per Idempotency-Key, like Autumn:
 * a second request with an applied key gets 409 duplicate_idempotency_key;
 * a 429 or 5xx leaves the key unclaimed. Faults are drawn from a seeded stream.
 */
function ledgerServer(random: () => number) {
  const applied = new Map<string, number>();
  const apply = (request: SeenRequest, response: ServerResponse, then: "answer" | "lose") => {
    const key = request.idempotencyKey!;
    if (applied.has(key)) {
      response.writeHead(409, { "content-type": "application/json" }).end('{"message":"Duplicate idempotency key","code":"duplicate_idempotency_key"}');
      return;
    }
    const value = (request.json as { value: number }).value;
    applied.set(key, value);
    if (then === "lose") response.socket?.destroy();
    else response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...tracked, value }));
  };
  const script = (): Behaviour => {
    const roll = random();
    if (roll < 0.45) return (request, response) => apply(request, response, "answer");
    if (roll < 0.65) return (request, response) => apply(request, response, "lose");
    if (roll < 0.75) return reset();
    if (roll < 0.85) return reply(500, { message: "boom", code: "internal_error" });
    if (roll < 0.95) return reply(429, "Too many requests", { "retry-after": "0" });
    return reply(503, { message: "busy", code: "service_unavailable" }, { "retry-after": "0" });
  };
  return { applied, script, applyOnce: apply };
}

describe("usage is neither lost nor double-counted", () => {
  const TRACKS = 400;
  // 400 tracks at once, then up to 400 replays one by one. The budget is not what this test checks, yet a
  // timeout would end it (a RequestTimeoutError is not an outcome it accepts): it is sized from the work,
  // like the test's own limit, so that a loaded machine makes the test slower, never failing.
  it("through resets after applying, resets before, 5xx and 429, every track is settled exactly once", { timeout: sizedFor(2 * TRACKS) }, async () => {
    const seed = Number(process.env["FC_SEED"] ?? 20_260_318);
    const ledger = ledgerServer(seededRandom(seed));
    const server = await serve(() => ledger.script());
    const core = testCore({ serverURL: server.url, timeoutMs: sizedFor(2 * TRACKS) });
    const values = Array.from({ length: TRACKS }, (_, index) => (index % 7) + 1);
    const sent = values.reduce((sum, value) => sum + value, 0);
    const results = await Promise.all(values.map((value) => balancesTrack(core, { customerId: "user_123", featureId: "messages", value })));

    const outcomes: Record<string, number> = {};
    let landedTotal = 0;
    const unsettled: { value: number; key: string }[] = [];
    results.forEach((result, index) => {
      const value = values[index]!;
      const label = result.ok ? "ok" : result.error.name;
      outcomes[label] = (outcomes[label] ?? 0) + 1;
      if (result.ok) {
        expect(result.value.value).toBe(value);
        landedTotal += value;
      } else if (result.error.name === "RequestAlreadyAcceptedError") {
        // An earlier attempt landed and its answer was lost: the key says which.
        expect(ledger.applied.get(result.error.idempotencyKey)).toBe(value);
        landedTotal += value;
      } else if (result.error.name === "ConnectionError" || result.error.name === "AutumnAPIError") {
        // May or may not have landed: the error carries the key to settle it with.
        expect(result.error.idempotencyKey).toMatch(UUID);
        unsettled.push({ value, key: result.error.idempotencyKey! });
      } else {
        throw result.error;
      }
    });
    // The faults were varied enough to exercise every path.
    expect(outcomes["ok"]).toBeGreaterThan(200);
    expect(outcomes["RequestAlreadyAcceptedError"]).toBeGreaterThan(0);
    expect(unsettled.length).toBeGreaterThan(0);
    // Whatever was reported as applied, was applied; nothing was applied twice.
    const appliedBefore = [...ledger.applied.values()].reduce((sum, value) => sum + value, 0);
    expect(appliedBefore).toBeGreaterThanOrEqual(landedTotal);
    expect(appliedBefore).toBeLessThanOrEqual(landedTotal + unsettled.reduce((sum, { value }) => sum + value, 0));

    // Settle the rest by resending under the reported key, on a server without faults.
    server.script(() => (request, response) => ledger.applyOnce(request, response, "answer"));
    for (const { value, key } of unsettled) {
      const replay = await balancesTrack(core, { customerId: "user_123", featureId: "messages", value }, { idempotencyKey: key });
      if (!replay.ok) expect(replay.error).toMatchObject({ name: "AutumnAPIError", status: 409, code: "duplicate_idempotency_key" });
    }
    // One application per call, and every unit of usage counted once.
    expect(ledger.applied.size).toBe(values.length);
    expect([...ledger.applied.values()].reduce((sum, value) => sum + value, 0)).toBe(sent);
  });
});

describe("an unsettled mutation reports its key", () => {
  it("a timed-out track carries the key its attempt was sent with", async () => {
    const server = await serve([hang()]);
    const result = await balancesTrack(testCore({ serverURL: server.url, timeoutMs: 200 }), { customerId: "user_123", featureId: "messages" });
    expect(result.ok || result.error).toMatchObject({ name: "RequestTimeoutError", idempotencyKey: server.requests[0]?.idempotencyKey });
    expect(result.error?.name === "RequestTimeoutError" && result.error.idempotencyKey).toMatch(UUID);
  });

  it("a track answered 200 with a proxy's HTML page carries the key, so it can be replayed under it", async () => {
    const server = await serve([reply(200, "<html>Sign in to the office Wi-Fi</html>", { "content-type": "text/html" })]);
    const result = await balancesTrack(testCore({ serverURL: server.url }), { customerId: "user_123", featureId: "messages" });
    expect(result.ok || result.error).toMatchObject({ name: "ResponseValidationError", status: 200, idempotencyKey: server.requests[0]?.idempotencyKey });
    expect(result.error?.name === "ResponseValidationError" && result.error.idempotencyKey).toMatch(UUID);
    expect(JSON.parse(JSON.stringify(result.error))).toMatchObject({ idempotencyKey: server.requests[0]?.idempotencyKey });
  });

  it("a read answered 200 with a page that is not its answer carries no key: it sent none", async () => {
    const server = await serve([reply(200, "<html>maintenance</html>", { "content-type": "text/html" })]);
    const result = await customersGet(testCore({ serverURL: server.url }), { customerId: "user_123" });
    expect(result.ok || result.error).toMatchObject({ name: "ResponseValidationError", idempotencyKey: undefined });
  });

  it("a track that failed open carries the key in its cause, to replay it once", async () => {
    const server = await serve([reset()]);
    const result = await balancesTrack(testCore({ serverURL: server.url, failOpen: true }), { customerId: "user_123", featureId: "messages" });
    if (!result.ok) throw result.error;
    const cause = result.value.failOpenCause;
    expect(cause?.name === "ConnectionError" && cause.idempotencyKey).toBe(server.requests[0]?.idempotencyKey);
  });
});
