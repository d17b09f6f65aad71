import { gzipSync } from "node:zlib";
import { beforeEach, describe, expect, it } from "vitest";
import { balancesBatchTrack } from "../../src/funcs/balances-batch-track.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import { customersList } from "../../src/funcs/customers-list.js";
import { customersUpdate } from "../../src/funcs/customers-update.js";
import type { Result } from "../../src/lib/result.js";
import { advance, fakeClock, realPause, until, watch } from "../clock.js";
import { fixture, SECRET_KEY, testCore } from "../helpers.js";
import { type Behaviour, delayed, hang, refusedURL, reply, reset, resetMidBody, faultServers } from "./fault-server.js";

const customer = fixture("customer");
const tracked = fixture("balance-track");
const serve = faultServers();

// The budget of the calls below, where the budget is not what is checked: the SDK's default, far beyond
// what a healthy exchange takes even on a loaded machine, so it never fires by accident. How the
// budget and the waits end a call is checked on a fake clock, in "the budget and the waits" below.
const BUDGET_MS = 30_000;
// Slack for scheduling on a loaded 2-core machine, beyond the budget; several seconds, not a measure
// of speed: it catches a call that outlives its budget, which the budget should have ended.
const SLACK_MS = 5_000;

/** Runs `call` and checks that it resolved within the call's budget. */
async function timed<T>(timeoutMs: number, call: () => Promise<Result<T>>): Promise<Result<T>> {
  const started = Date.now();
  const result = await call();
  expect(Date.now() - started).toBeLessThan(timeoutMs + SLACK_MS);
  return result;
}

const jsonError = (status: number, code: string, headers: Record<string, string> = {}) =>
  reply(status, { message: `${code} happened`, code }, headers);

interface FaultCase {
  name: string;
  script: Behaviour[];
  /** `read` is customers.get (retried freely); `track` is balances.track (a mutation, under its generated key). */
  call: "read" | "track";
  /** What the caller gets: `ok`, or the error's fields. */
  expected: "ok" | Record<string, unknown>;
  /** Requests the server saw. */
  requests: number;
}

const cases: FaultCase[] = [
  { name: "a reset before headers, retried, then an answer", call: "read", script: [reset(), reset(), reply(200, customer)], expected: "ok", requests: 3 },
  { name: "resets before headers on every attempt", call: "read", script: [reset()], expected: { name: "ConnectionError", attempts: 3 }, requests: 3 },
  { name: "a reset mid-body, retried, then an answer", call: "read", script: [resetMidBody(200, '{"id":"user_1'), reply(200, customer)], expected: "ok", requests: 2 },
  { name: "resets mid-body on every attempt", call: "read", script: [resetMidBody(200, '{"id":"user_1')], expected: { name: "ConnectionError", attempts: 3 }, requests: 3 },
  { name: "a mutation reset mid-body is retried under its key", call: "track", script: [resetMidBody(200, '{"customer_id"'), reply(200, tracked)], expected: "ok", requests: 2 },
  {
    name: "truncated JSON with a 200 (not retried: the server answered)",
    call: "read",
    script: [reply(200, '{"id":"user_123","name":"Pat', { "content-type": "application/json" })],
    expected: { name: "ResponseValidationError", status: 200, rawBody: '{"id":"user_123","name":"Pat', issues: [] },
    requests: 1,
  },
  {
    name: "a 200 that is not JSON",
    call: "track",
    script: [reply(200, "<html>maintenance</html>", { "content-type": "text/html" })],
    expected: { name: "ResponseValidationError", status: 200, rawBody: "<html>maintenance</html>" },
    requests: 1,
  },
  {
    name: "an HTML 502 on every attempt",
    call: "read",
    script: [reply(502, "<html><h1>502 Bad Gateway</h1></html>", { "content-type": "text/html" })],
    expected: { name: "AutumnAPIError", status: 502, code: undefined, body: undefined },
    requests: 3,
  },
  {
    name: "a plain-text 429 with Retry-After: 0, then an answer",
    call: "track",
    script: [reply(429, "Too many requests", { "retry-after": "0" }), reply(200, tracked)],
    expected: "ok",
    requests: 2,
  },
  {
    name: "a JSON 429 without Retry-After, backed off on every attempt",
    call: "track",
    script: [jsonError(429, "rate_limit_exceeded")],
    expected: { name: "AutumnAPIError", status: 429, code: "rate_limit_exceeded", retryAfterMs: undefined },
    requests: 3,
  },
  {
    name: "a 409 duplicate_idempotency_key on the first attempt is the caller's conflict",
    call: "track",
    script: [jsonError(409, "duplicate_idempotency_key")],
    expected: { name: "AutumnAPIError", status: 409, code: "duplicate_idempotency_key" },
    requests: 1,
  },
  {
    name: "a 409 duplicate_idempotency_key on a retry means an earlier attempt was accepted",
    call: "track",
    script: [resetMidBody(200, '{"customer_id"'), jsonError(409, "duplicate_idempotency_key")],
    expected: { name: "RequestAlreadyAcceptedError", attempts: 2 },
    requests: 2,
  },
  {
    name: "a 501 is permanent and not retried",
    call: "read",
    script: [jsonError(501, "not_implemented")],
    expected: { name: "AutumnAPIError", status: 501 },
    requests: 1,
  },
  {
    name: "a JSON 200 served as text/plain is read as JSON",
    call: "read",
    script: [reply(200, JSON.stringify(customer), { "content-type": "text/plain" })],
    expected: "ok",
    requests: 1,
  },
  {
    name: "JSON with a 200 and no content type is read as JSON",
    call: "track",
    script: [(_request, response) => response.writeHead(200).end(JSON.stringify(tracked))],
    expected: "ok",
    requests: 1,
  },
  {
    name: "an HTML page served as application/json",
    call: "read",
    script: [reply(200, "<html>oops</html>", { "content-type": "application/json" })],
    expected: { name: "ResponseValidationError", status: 200, rawBody: "<html>oops</html>" },
    requests: 1,
  },
  {
    name: "a 10 MB error body on every attempt",
    call: "read",
    script: [reply(500, "x".repeat(10 * 1024 * 1024), { "content-type": "text/plain" })],
    expected: { name: "AutumnAPIError", status: 500, message: "HTTP 500 Internal Server Error with a non-JSON body (500)" },
    requests: 3,
  },
];

describe("fault server: what the caller gets, how many requests, within the budget", () => {
  it.each(cases)("$name", async ({ script, call, expected, requests }) => {
    const server = await serve(script);
    const core = testCore({ serverURL: server.url, timeoutMs: BUDGET_MS });
    const result = await timed<unknown>(BUDGET_MS, () =>
      call === "read"
        ? customersGet(core, { customerId: "user_123" })
        : balancesTrack(core, { customerId: "user_123", featureId: "messages", value: 3 }),
    );
    if (expected === "ok") {
      if (!result.ok) throw result.error;
    } else {
      expect(result.ok).toBe(false);
      expect(result.error).toMatchObject(expected);
    }
    expect(server.count()).toBe(requests);
    if (call === "track") {
      const keys = new Set(server.requests.map((request) => request.idempotencyKey));
      expect(keys.size).toBe(1);
      expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("a refused connection: a keyless mutation may be resent, since nothing reached the server", async () => {
    const url = await refusedURL();
    const core = testCore({ serverURL: url, autoIdempotencyKey: false, timeoutMs: BUDGET_MS });
    const result = await timed(BUDGET_MS, () => balancesTrack(core, { customerId: "user_123", featureId: "messages" }));
    expect(result.ok || result.error).toMatchObject({ name: "ConnectionError", attempts: 3 });
  });

  it.each([Infinity, 3_000_000_000])("a budget of %d ms (beyond setTimeout's range) does not end the call at once", async (timeoutMs) => {
    const server = await serve([delayed(50, reply(200, customer))]);
    const result = await customersGet(testCore({ serverURL: server.url, timeoutMs }), { customerId: "user_123" });
    if (!result.ok) throw result.error;
    expect(server.count()).toBe(1);
  });

  it("a 10 MB JSON answer is parsed whole", async () => {
    const padding = "é".repeat(5_000);
    const many = Array.from({ length: 1_000 }, (_, index) => ({ ...customer, id: `user_${index}`, metadata: { note: padding } }));
    const body = JSON.stringify({ list: many, next_cursor: null });
    expect(Buffer.byteLength(body)).toBeGreaterThan(10 * 1024 * 1024);
    const server = await serve([reply(200, body, { "content-type": "application/json" })]);
    const result = await timed(BUDGET_MS, () => customersList(testCore({ serverURL: server.url, timeoutMs: BUDGET_MS }), { limit: 1000 }));
    if (!result.ok) throw result.error;
    expect(result.value.list).toHaveLength(1_000);
    expect(result.value.list[999]).toMatchObject({ id: "user_999", metadata: { note: padding } });
    expect(server.count()).toBe(1);
  });

  it("sends the key only in the Authorization header of each attempt", async () => {
    const server = await serve([reset(), reply(200, customer)]);
    await customersGet(testCore({ serverURL: server.url }), { customerId: "user_123" });
    expect(server.requests.map((request) => request.headers["authorization"])).toEqual([`Bearer ${SECRET_KEY}`, `Bearer ${SECRET_KEY}`]);
  });
});

describe("the size of an answer", () => {
  const MiB = 1024 * 1024;
  const DEFAULT_LIMIT = 16 * MiB;
  // 64 MiB of zeros in about 64 KB: what a hostile or broken gateway can send.
  const bomb = gzipSync(Buffer.alloc(64 * MiB));
  const gzipped: Behaviour = (_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": bomb.length });
    response.end(bomb);
  };

  it("a gzip answer that inflates past the limit ends with ResponseTooLargeError naming it, after one request", async () => {
    expect(bomb.length).toBeLessThan(MiB);
    const server = await serve([gzipped]);
    const result = await customersGet(testCore({ serverURL: server.url, timeoutMs: BUDGET_MS }), { customerId: "user_123" });
    expect(result.ok || result.error).toMatchObject({ name: "ResponseTooLargeError", status: 200, maxResponseBytes: DEFAULT_LIMIT, idempotencyKey: undefined });
    expect(result.error?.message).toContain(`maxResponseBytes (${DEFAULT_LIMIT} bytes)`);
    expect(server.count()).toBe(1);
  });

  it("a 50 MB error body is read no further than the limit, and the call is not retried", async () => {
    const server = await serve([reply(500, "x".repeat(50_000_000), { "content-type": "text/plain" })]);
    const result = await customersGet(testCore({ serverURL: server.url, timeoutMs: BUDGET_MS }), { customerId: "user_123" });
    expect(result.ok || result.error).toMatchObject({ name: "ResponseTooLargeError", status: 500, maxResponseBytes: DEFAULT_LIMIT });
    expect(JSON.stringify(result.error).length).toBeLessThan(2_000);
    expect(server.count()).toBe(1);
  });

  it("a mutation's answer past the limit carries the key its attempt was sent with", async () => {
    const server = await serve([gzipped]);
    const result = await balancesTrack(testCore({ serverURL: server.url, timeoutMs: BUDGET_MS }), { customerId: "user_123", featureId: "messages" });
    expect(result.ok || result.error).toMatchObject({ name: "ResponseTooLargeError", idempotencyKey: server.requests[0]?.idempotencyKey });
    expect(server.requests[0]?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("the limit is the client's maxResponseBytes, and a call's own wins", async () => {
    const body = JSON.stringify(customer);
    const server = await serve([reply(200, body, { "content-type": "application/json" })]);
    const core = testCore({ serverURL: server.url, maxResponseBytes: 100 });
    const refused = await customersGet(core, { customerId: "user_123" });
    expect(refused.ok || refused.error).toMatchObject({ name: "ResponseTooLargeError", status: 200, maxResponseBytes: 100 });
    const allowed = await customersGet(core, { customerId: "user_123" }, { maxResponseBytes: Buffer.byteLength(body) });
    if (!allowed.ok) throw allowed.error;
    expect(allowed.value.id).toBe(customer["id"]);
  });

  it("a body an afterResponse hook puts in place is bounded too", async () => {
    const server = await serve([reply(200, customer)]);
    const core = testCore({ serverURL: server.url, maxResponseBytes: 1_000, hooks: { afterResponse: () => new Response("x".repeat(5_000), { status: 200 }) } });
    const result = await customersGet(core, { customerId: "user_123" });
    expect(result.ok || result.error).toMatchObject({ name: "ResponseTooLargeError", status: 200, maxResponseBytes: 1_000 });
  });

  it("an error body under the limit is kept once: rawBody, with body parsed from it and a bounded message", async () => {
    const long = "m".repeat(2 * MiB);
    const server = await serve([reply(400, { message: long, code: "too_wordy" })]);
    const result = await customersGet(testCore({ serverURL: server.url }), { customerId: "user_123" });
    if (result.ok || result.error.name !== "AutumnAPIError") throw new Error("expected an API error");
    expect(result.error.rawBody).toBe(JSON.stringify({ message: long, code: "too_wordy" }));
    expect(result.error.body).toEqual({ message: long, code: "too_wordy" });
    expect(result.error.message.length).toBeLessThan(1_100);
    expect(result.error.message).toMatch(/^m+… \(400 too_wordy\)$/);
    expect(JSON.stringify(result.error).length).toBeLessThan(result.error.rawBody.length + 2_000);
  });
});

/** A debug logger that keeps its lines, and whether the SDK has read the answer of an attempt. */
function debugLines() {
  const lines: string[] = [];
  return {
    debugLogger: { debug: (...args: unknown[]) => void lines.push(args.join(" ")) },
    // The SDK logs an answer once it has read it; from there to its wait only synchronous steps remain,
    // so once the line is there, the SDK is waiting (or has ended the call).
    answered: (status: number, attempt: number) => lines.some((line) => line.includes(`<- ${status} attempt ${attempt} `)),
  };
}

/** Real time in which a call that had (wrongly) ended would have settled. */
const settleIO = () => realPause(50);

describe("the budget and the waits, on a fake clock", () => {
  // No millisecond passes for the SDK until the test advances the clock, so "still waiting at 299 ms,
  // ended at 300" holds however slow the machine is; the requests still travel over real sockets.
  beforeEach(() => fakeClock());

  it("a server that never answers: the call ends at its budget, not before, after one attempt", async () => {
    const server = await serve([hang()]);
    const call = watch(balancesTrack(testCore({ serverURL: server.url, timeoutMs: 300 }), { customerId: "user_123", featureId: "messages", value: 3 }));
    await until(() => server.count() === 1);
    await advance(299);
    await settleIO();
    expect(call.settled()).toBe(false);
    await advance(1);
    const result = await call.promise;
    expect(result.ok || result.error).toMatchObject({ name: "RequestTimeoutError", timeoutMs: 300, attempts: 1 });
    expect(server.count()).toBe(1);
    expect(server.requests[0]?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a 503, then a server that never answers: the budget covers both attempts and the backoff between", async () => {
    const server = await serve([jsonError(503, "service_unavailable"), hang()]);
    const log = debugLines();
    const call = watch(customersGet(testCore({ serverURL: server.url, timeoutMs: 400, debugLogger: log.debugLogger }), { customerId: "user_123" }));
    await until(() => log.answered(503, 1));
    // testCore's first backoff is at most 1 ms.
    await advance(1);
    await until(() => server.count() === 2);
    await advance(398);
    await settleIO();
    expect(call.settled()).toBe(false);
    await advance(1);
    const result = await call.promise;
    expect(result.ok || result.error).toMatchObject({ name: "RequestTimeoutError", timeoutMs: 400, attempts: 2 });
    expect(server.count()).toBe(2);
  });

  it("slow headers inside the budget: the call waits for them", async () => {
    const server = await serve([delayed(300, reply(200, customer))]);
    const call = watch(customersGet(testCore({ serverURL: server.url, timeoutMs: 2_000 }), { customerId: "user_123" }));
    await until(() => server.count() === 1);
    await advance(299);
    await settleIO();
    expect(call.settled()).toBe(false);
    await advance(1);
    const result = await call.promise;
    if (!result.ok) throw result.error;
    expect(server.count()).toBe(1);
  });

  it("slow headers past the budget: the call ends at its budget, after one attempt", async () => {
    const server = await serve([delayed(2_000, reply(200, customer))]);
    const call = watch(customersGet(testCore({ serverURL: server.url, timeoutMs: 250 }), { customerId: "user_123" }));
    await until(() => server.count() === 1);
    await advance(249);
    await settleIO();
    expect(call.settled()).toBe(false);
    await advance(1);
    const result = await call.promise;
    expect(result.ok || result.error).toMatchObject({ name: "RequestTimeoutError", timeoutMs: 250, attempts: 1 });
    expect(server.count()).toBe(1);
  });

  // In these three the clock never moves: had the SDK started the wait, the call could not end, and
  // the test would time out. Ending at all is ending at once.
  it.each([
    {
      name: "a plain-text 429 whose Retry-After outlasts the budget",
      timeoutMs: 2_000,
      script: [reply(429, "Too many requests", { "retry-after": "20" })],
      expected: { name: "AutumnAPIError", status: 429, message: "Too many requests (429)", retryAfterMs: 20_000 },
    },
    {
      name: "a 503 with Retry-After: 1, longer than the budget",
      timeoutMs: 500,
      script: [jsonError(503, "service_unavailable", { "retry-after": "1" })],
      expected: { name: "AutumnAPIError", status: 503, retryAfterMs: 1_000 },
    },
  ])("$name is not waited for: the call ends at once with the server's error", async ({ timeoutMs, script, expected }) => {
    const server = await serve(script);
    const result = await customersGet(testCore({ serverURL: server.url, timeoutMs }), { customerId: "user_123" });
    expect(result.ok || result.error).toMatchObject(expected);
    expect(server.count()).toBe(1);
  });

  it("a backoff that would outlast the budget ends the call at once with the server's error instead", async () => {
    const server = await serve([jsonError(500, "internal_error")]);
    const core = testCore({ serverURL: server.url, timeoutMs: 300, retryConfig: { initialDelayMs: 1_000, maxDelayMs: 1_000 } });
    const result = await customersGet(core, { customerId: "user_123" });
    expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", status: 500 });
    expect(server.count()).toBe(1);
  });

  it.each(["-5", "-0.5", "-1e9"])("a 429 with Retry-After: %s (not a delay) is backed off, not retried at once", async (retryAfter) => {
    const server = await serve([reply(429, "Too many requests", { "retry-after": retryAfter }), reply(429, "Too many requests", { "retry-after": retryAfter }), reply(200, customer)]);
    const log = debugLines();
    const core = testCore({ serverURL: server.url, timeoutMs: 10_000, debugLogger: log.debugLogger, retryConfig: { initialDelayMs: 1_000, maxDelayMs: 2_000 } });
    const call = watch(customersGet(core, { customerId: "user_123" }));
    await until(() => log.answered(429, 1));
    // Equal jitter: the first backoff from 1,000 ms waits at least 500 ms.
    await settleIO();
    expect(server.count()).toBe(1);
    await advance(499);
    await settleIO();
    expect(server.count()).toBe(1);
    await advance(501);
    await until(() => log.answered(429, 2));
    await advance(2_000);
    const result = await call.promise;
    if (!result.ok) throw result.error;
    expect(server.count()).toBe(3);
  });

  it("a 429 whose error carries a negative Retry-After reports no retryAfterMs", async () => {
    const server = await serve([reply(429, "Too many requests", { "retry-after": "-5" })]);
    const result = await customersGet(testCore({ serverURL: server.url, retryConfig: { limit: 0 } }), { customerId: "user_123" });
    expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", status: 429, retryAfterMs: undefined });
  });

  it("a 503 with Retry-After: 1 inside the budget is waited for, a second and no less, then answered", async () => {
    const server = await serve([jsonError(503, "service_unavailable", { "retry-after": "1" }), reply(200, customer)]);
    const log = debugLines();
    const call = watch(customersGet(testCore({ serverURL: server.url, timeoutMs: 5_000, debugLogger: log.debugLogger }), { customerId: "user_123" }));
    await until(() => log.answered(503, 1));
    // Backoff alone would have waited at most 1 ms.
    await advance(999);
    await settleIO();
    expect(server.count()).toBe(1);
    await advance(1);
    const result = await call.promise;
    if (!result.ok) throw result.error;
    expect(server.count()).toBe(2);
  });
});

describe("a 2xx without a body", () => {
  const bodyless = (status: number): Behaviour => (_request, response) => response.writeHead(status).end();

  it.each([202, 204, 200])("track answered %i with no body is recorded usage, not an error", async (status) => {
    const server = await serve([bodyless(status)]);
    const core = testCore({ serverURL: server.url });
    const result = await balancesTrack(core, { customerId: "user_123", entityId: "seat_1", featureId: "messages", value: 4 });
    if (!result.ok) throw result.error;
    expect(result.value).toEqual({ customerId: "user_123", entityId: "seat_1", value: 4, balance: null });
    expect("failedOpen" in result.value).toBe(false);
    expect(server.count()).toBe(1);
  });

  it("track by event name with no value defaults to 1", async () => {
    const server = await serve([bodyless(202)]);
    const result = await balancesTrack(testCore({ serverURL: server.url }), { customerId: "user_123", eventName: "ai_chat_request" });
    expect(result.ok && result.value).toEqual({ customerId: "user_123", eventName: "ai_chat_request", value: 1, balance: null });
  });

  it.each([202, 204])("batch track answered %i with no body is queued", async (status) => {
    const server = await serve([bodyless(status)]);
    const result = await balancesBatchTrack(testCore({ serverURL: server.url }), [{ customerId: "user_123", featureId: "messages" }]);
    expect(result.ok && result.value).toEqual({ success: true });
    expect(server.count()).toBe(1);
  });

  it("any other operation reports it as a ResponseValidationError that says the request was accepted", async () => {
    const server = await serve([bodyless(204)]);
    const result = await customersUpdate(testCore({ serverURL: server.url }), { customerId: "user_123", name: "Pat" });
    expect(result.ok || result.error).toMatchObject({ name: "ResponseValidationError", status: 204, rawBody: "" });
    expect(result.error?.message).toMatch(/no body.*accepted/);
    expect(server.count()).toBe(1);
  });
});
