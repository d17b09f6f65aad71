import type { RequestListener } from "node:http";
import { inspect } from "node:util";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { AutumnCore } from "../../src/core.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import { customersUpdate } from "../../src/funcs/customers-update.js";
import { AutumnAPIError } from "../../src/models/errors/index.js";
import { type LoopbackServer, serveOnLoopback } from "../../src/sandbox/loopback-http.js";
import { advance, fakeClock, realPause, until, watch } from "../clock.js";
import { api, BASE_URL, fixture, recordRequests, SECRET_KEY, testCore } from "../helpers.js";

const customer = fixture("customer");
const servers: LoopbackServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A loopback server whose handler the test scripts; counts requests. */
async function loopback(handler: RequestListener): Promise<{ url: string; count: () => number }> {
  let count = 0;
  const server = await serveOnLoopback((request, response) => {
    count++;
    handler(request, response);
  });
  servers.push(server);
  return { url: server.url, count: () => count };
}

describe("error classification", () => {
  it("classifies a plain-text 429 by status, keeps the text, and reads Retry-After", async () => {
    const scope = api().post("/v1/customers.get").times(3).reply(429, "Too many requests, slow down", { "content-type": "text/plain", "retry-after": "0" });
    const seen = recordRequests(scope);
    const result = await customersGet(testCore(), { customerId: "u1" });
    expect(seen).toHaveLength(3);
    if (result.ok || result.error.name !== "AutumnAPIError") throw new Error("expected an API error");
    expect(result.error).toMatchObject({ status: 429, code: undefined, rawBody: "Too many requests, slow down", retryAfterMs: 0 });
    expect(result.error.message).toContain("Too many requests");
  });

  it("classifies an HTML 502 by status and keeps the page in rawBody", async () => {
    api().post("/v1/customers.get").times(3).reply(502, "<html><h1>502 Bad Gateway</h1></html>", { "content-type": "text/html" });
    const result = await customersGet(testCore(), { customerId: "u1" });
    if (result.ok || result.error.name !== "AutumnAPIError") throw new Error("expected an API error");
    expect(result.error.status).toBe(502);
    expect(result.error.body).toBeUndefined();
    expect(result.error.rawBody).toContain("502 Bad Gateway");
    expect(result.error.message).toContain("HTML");
  });

  it("reads the code of a 500 that carries invalid_inputs but classifies it by status", async () => {
    api().post("/v1/customers.get").times(3).reply(500, { message: "bad", code: "invalid_inputs" });
    const result = await customersGet(testCore(), { customerId: "u1" });
    expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", status: 500, code: "invalid_inputs" });
  });

  it("reports a 200 that is not JSON as a ResponseValidationError carrying the body", async () => {
    api().post("/v1/customers.get").reply(200, "<html>maintenance</html>", { "content-type": "text/html" });
    const result = await customersGet(testCore(), { customerId: "u1" });
    expect(result.ok || result.error).toMatchObject({ name: "ResponseValidationError", status: 200, rawBody: "<html>maintenance</html>" });
  });

  it("reports a missing required field by its wire path, with the raw body", async () => {
    const broken = { ...customer, balances: { messages: { ...(customer["balances"] as Record<string, Record<string, unknown>>)["messages"], granted: "lots" } } };
    api().post("/v1/customers.get").reply(200, broken);
    const result = await customersGet(testCore(), { customerId: "u1" });
    if (result.ok || result.error.name !== "ResponseValidationError") throw new Error("expected a response validation error");
    expect(result.error.issues[0]?.path).toBe("balances.messages.granted");
    expect(JSON.parse(result.error.rawBody)).toEqual(broken);
  });

  it("accepts unknown fields and unknown enum values, keeping the unknown value visible", async () => {
    const newer = { ...customer, env: "staging", brand_new_field: { a: 1 }, subscriptions: [{ ...(customer["subscriptions"] as object[])[0], status: "paused", scope: "team" }] };
    api().post("/v1/customers.get").reply(200, newer);
    const result = await customersGet(testCore(), { customerId: "u1" });
    if (!result.ok) throw result.error;
    expect(result.value.env).toBe("staging");
    expect(result.value.subscriptions[0]?.status).toBe("paused");
    expect("brandNewField" in result.value || "brand_new_field" in result.value).toBe(false);
  });
});

describe("transport failures on real sockets", () => {
  it("reports a refused connection as ConnectionError after retrying the read", async () => {
    const { url } = await loopback((_request, response) => response.end());
    servers[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const result = await customersGet(testCore({ serverURL: url }), { customerId: "u1" });
    expect(result.ok || result.error).toMatchObject({ name: "ConnectionError", attempts: 3 });
  });

  it("ends a call to a server that never answers with RequestTimeoutError within timeoutMs", async () => {
    // On a fake clock (sockets stay real): still waiting at 199 ms, ended at 200, however slow the machine.
    fakeClock();
    const server = await loopback(() => {});
    const call = watch(customersGet(testCore({ serverURL: server.url, timeoutMs: 200 }), { customerId: "u1" }));
    await until(() => server.count() === 1);
    await advance(199);
    await realPause(50);
    expect(call.settled()).toBe(false);
    await advance(1);
    const result = await call.promise;
    expect(result.ok || result.error).toMatchObject({ name: "RequestTimeoutError", timeoutMs: 200, attempts: 1 });
  });

  it("stops retrying once the caller aborts, and says so", async () => {
    const controller = new AbortController();
    const server = await loopback((_request, response) => {
      response.writeHead(503, { "content-type": "application/json" }).end('{"message":"busy","code":"service_unavailable"}');
      controller.abort();
    });
    const result = await customersGet(testCore({ serverURL: server.url, retryConfig: { initialDelayMs: 200 } }), { customerId: "u1" }, { signal: controller.signal });
    expect(result.ok || result.error.name).toBe("RequestAbortedError");
    expect(server.count()).toBe(1);
  });

  it("does not send when the signal is already aborted", async () => {
    const scope = api().post("/v1/customers.get").reply(200, customer);
    const result = await customersGet(testCore(), { customerId: "u1" }, { signal: AbortSignal.abort() });
    expect(result.ok || result.error.name).toBe("RequestAbortedError");
    expect(scope.isDone()).toBe(false);
  });

  it("does not follow a redirect, so the key never goes to another origin", async () => {
    const other = await loopback((_request, response) => response.end("{}"));
    const server = await loopback((_request, response) => response.writeHead(307, { location: `${other.url}/steal` }).end());
    const result = await customersGet(testCore({ serverURL: server.url }), { customerId: "u1" });
    expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", status: 307 });
    expect(other.count()).toBe(0);
  });
});

describe("configuration", () => {
  it("sends the configured x-api-version and user agent", async () => {
    const scope = nockWithVersion("2.1").post("/v1/customers.get").reply(200, customer);
    const result = await customersGet(testCore({ xApiVersion: "2.1", userAgent: "my-app/1.0" }), { customerId: "u1" });
    expect(scope.isDone()).toBe(true);
    expect(result.ok).toBe(true);
  });

  it("reports a missing secret key as ConfigurationError without sending", async () => {
    const scope = api().post("/v1/customers.get").reply(200, customer);
    const saved = process.env["AUTUMN_SECRET_KEY"];
    delete process.env["AUTUMN_SECRET_KEY"];
    try {
      const result = await customersGet(new AutumnCore({ serverURL: BASE_URL, secretKey: "" }), { customerId: "u1" });
      expect(result.ok || result.error).toMatchObject({ name: "ConfigurationError", setting: "secretKey" });
      expect(scope.isDone()).toBe(false);
    } finally {
      if (saved !== undefined) process.env["AUTUMN_SECRET_KEY"] = saved;
    }
  });

  it("falls back to AUTUMN_SECRET_KEY and calls a key function per request", async () => {
    const scope = api().post("/v1/customers.get").times(2).reply(200, customer);
    process.env["AUTUMN_SECRET_KEY"] = SECRET_KEY;
    try {
      expect((await customersGet(new AutumnCore({ serverURL: BASE_URL }), { customerId: "u1" })).ok).toBe(true);
    } finally {
      delete process.env["AUTUMN_SECRET_KEY"];
    }
    let calls = 0;
    const rotating = new AutumnCore({ serverURL: BASE_URL, secretKey: async () => (calls++, SECRET_KEY) });
    expect((await customersGet(rotating, { customerId: "u1" })).ok).toBe(true);
    expect(calls).toBe(1);
    expect(scope.isDone()).toBe(true);
  });

  it("refuses a serverURL that is not http(s) when the client is made, and per call without sending", async () => {
    expect(() => testCore({ serverURL: "ftp://example.com" })).toThrow(expect.objectContaining({ name: "ConfigurationError", setting: "serverURL" }));
    const result = await customersGet(testCore(), { customerId: "u1" }, { serverURL: "ftp://example.com" });
    expect(result.ok || result.error).toMatchObject({ name: "ConfigurationError", setting: "serverURL" });
  });

  it("runs hooks around every attempt and uses a custom fetch", async () => {
    const statuses: number[] = [];
    let fetches = 0;
    const scope = api().post("/v1/customers.get").matchHeader("x-trace", "t1").reply(503, "").post("/v1/customers.get").matchHeader("x-trace", "t1").reply(200, customer);
    const core = testCore({
      fetch: (input, init) => (fetches++, fetch(input, init)),
      hooks: {
        beforeRequest: [(request) => void request.headers.set("x-trace", "t1")],
        afterResponse: [(response) => void statuses.push(response.status)],
      },
    });
    expect((await customersGet(core, { customerId: "u1" })).ok).toBe(true);
    expect(scope.isDone()).toBe(true);
    expect(statuses).toEqual([503, 200]);
    expect(fetches).toBe(2);
  });

  it("never throws, even when a hook throws", async () => {
    api().post("/v1/customers.get").reply(200, customer);
    const core = testCore({ hooks: { beforeRequest: [() => { throw new Error("hook bug"); }] } });
    const result = await customersGet(core, { customerId: "u1" });
    expect(result.ok || result.error.name).toBe("UnexpectedClientError");
  });

  it("lets a per-call retries: 0 turn retries off", async () => {
    const scope = api().post("/v1/customers.get").times(3).reply(503, "");
    const seen = recordRequests(scope);
    await customersGet(testCore(), { customerId: "u1" }, { retries: 0 });
    expect(seen).toHaveLength(1);
  });
});

describe("secrets", () => {
  it("keeps the key out of the debug log, errors, their JSON and their inspection", async () => {
    const lines: string[] = [];
    api().post("/v1/customers.update").times(3).reply(401, { message: "Invalid secret key", code: "invalid_secret_key" });
    const core = testCore({ debugLogger: { debug: (...args) => lines.push(args.join(" ")) } });
    const result = await customersUpdate(core, { customerId: "u1", name: "x" });
    expect(result.ok).toBe(false);
    expect(lines.length).toBeGreaterThan(0);
    const dumps = [lines.join("\n"), JSON.stringify(result), inspect(result, { depth: 10, showHidden: true }), inspect(core, { depth: 10, showHidden: true }), JSON.stringify(core)];
    for (const dump of dumps) expect(dump).not.toContain(SECRET_KEY);
  });
});

describe("the Autumn class", () => {
  it("returns the value and throws the error", async () => {
    api().post("/v1/customers.get").reply(200, customer).post("/v1/customers.get").reply(404, { message: "nope", code: "customer_not_found" });
    const autumn = new Autumn({ secretKey: SECRET_KEY, serverURL: BASE_URL });
    expect((await autumn.customers.get({ customerId: "user_123" })).id).toBe("user_123");
    await expect(autumn.customers.get({ customerId: "user_9" })).rejects.toBeInstanceOf(AutumnAPIError);
  });

  it("offers check and track at the top level, as Autumn's docs call them", async () => {
    const check = fixture("balance-check");
    const track = fixture("balance-track");
    const scope = api().post("/v1/balances.check", { customer_id: "user_123", feature_id: "messages" }).reply(200, check).post("/v1/balances.track", { customer_id: "user_123", feature_id: "messages", value: 1 }).reply(200, track);
    const autumn = new Autumn({ secretKey: SECRET_KEY, serverURL: BASE_URL });
    expect((await autumn.check({ customerId: "user_123", featureId: "messages" })).allowed).toBe(check["allowed"]);
    expect((await autumn.track({ customerId: "user_123", featureId: "messages", value: 1 })).customerId).toBe(track["customer_id"]);
    expect(scope.isDone()).toBe(true);
  });

  it("exposes every resource, and attach at the top level", async () => {
    const result = fixture("billing-result");
    const scope = api()
      .post("/v1/billing.attach", { customer_id: "user_123", plan_id: "pro_plan" })
      .reply(200, result)
      .post("/v1/plans.get", { plan_id: "pro_plan" })
      .reply(200, fixture("plan"));
    const autumn = new Autumn({ secretKey: SECRET_KEY, serverURL: BASE_URL });
    expect((await autumn.attach({ customerId: "user_123", planId: "pro_plan" })).customerId).toBe(result["customer_id"]);
    expect((await autumn.plans.get({ planId: "pro_plan" })).id).toBe(fixture("plan")["id"]);
    expect(scope.isDone()).toBe(true);
    for (const resource of ["customers", "balances", "billing", "plans", "features", "entities", "events"] as const) {
      expect(autumn[resource]).toBe(autumn[resource]);
    }
  });

  it("is an AutumnCore, so standalone functions accept it", async () => {
    api().post("/v1/customers.get").reply(200, customer);
    const autumn = new Autumn({ secretKey: SECRET_KEY, serverURL: BASE_URL });
    expect((await customersGet(autumn, { customerId: "user_123" })).ok).toBe(true);
  });
});

function nockWithVersion(version: string) {
  return nock(BASE_URL, { reqheaders: { authorization: `Bearer ${SECRET_KEY}`, "x-api-version": version, "user-agent": "my-app/1.0" } });
}
