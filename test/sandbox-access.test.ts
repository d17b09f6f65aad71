import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AutumnCore } from "../src/core.js";
import { billingAttach } from "../src/funcs/billing-attach.js";
import { customersGetOrCreate } from "../src/funcs/customers-get-or-create.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { type Sandbox as SandboxInternals, startSandbox as startInternals } from "../src/sandbox/server.js";

/**
 * Who can reach a running sandbox. It listens on 127.0.0.1, but the browser of the developer running it
 * is on that machine too: a page of any site it visits can send requests to 127.0.0.1, and a DNS name
 * rebound to 127.0.0.1 makes them same-origin. So the sandbox serves only its own routes, answers only
 * requests addressed to a loopback name, and lets only pages on loopback origins (and the origins it is
 * given) read its answers.
 */
const WEBHOOK_SECRET = "whsec_c2VjcmV0IHRoZSBkZXZlbG9wZXIgdXNlcyBmb3IgcmVhbA==";
const KEY = "Bearer am_sk_test_access";

let sandbox: SandboxInternals;

beforeAll(async () => {
  sandbox = await startInternals({ webhookSecret: WEBHOOK_SECRET });
});
afterAll(() => sandbox.close());

/** One raw request, with exactly these headers (fetch would set Host itself). */
function raw(url: string, { method = "POST", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const sent = httpRequest(url, { method, headers: { "content-type": "application/json", ...headers }, agent: false }, (response) => {
      let text = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    sent.on("error", reject);
    sent.end(body);
  });
}

/** What no answer may hold: the webhook secret given and the key that signs customer tokens. */
function secretsIn(text: string): string[] {
  const signing = sandbox.state.tokens.secret;
  const forms = [WEBHOOK_SECRET, WEBHOOK_SECRET.slice("whsec_".length), signing.toString("base64"), signing.toString("hex"), JSON.stringify(signing.toJSON().data)];
  return forms.filter((form) => text.includes(form));
}

describe("routes", () => {
  // Every name an object inherits: none is an operation, whatever the path looks up the routes on.
  const inherited = [...new Set([...Object.getOwnPropertyNames(Object.prototype), "__proto__", "prototype", "toJSON"])];

  it.each(inherited)("POST /v1/%s is not a route: 404, and nothing of the state", async (name) => {
    const answer = await raw(`${sandbox.url}/v1/${name}`, { headers: { authorization: KEY }, body: "{}" });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text)).toEqual({ message: `Route not found: POST /v1/${name}`, code: "not_found", env: "sandbox" });
    expect(secretsIn(answer.text)).toEqual([]);
  });

  it("takes no fault for an inherited name", () => {
    for (const name of inherited) expect(() => sandbox.fail({ kind: "status", status: 500 }, { route: name }), name).toThrow(TypeError);
  });
});

describe("the Host a request is addressed to", () => {
  it.each(["localhost", "LOCALHOST", "127.0.0.1", "[::1]"])("answers %s, with any port or none", async (name) => {
    const port = new URL(sandbox.url).port;
    for (const host of [name, `${name}:${port}`, `${name}:3000`]) {
      const answer = await raw(`${sandbox.url}/v1/plans.list`, { headers: { host, authorization: KEY }, body: "{}" });
      expect(answer.status, host).toBe(200);
    }
  });

  it.each(["evil.example", "evil.example:8787", "127.0.0.1.evil.example", "localhost.evil.example", "192.168.1.20:8787", "[::2]", "127.0.0.2", "localhost:80:80"])(
    "refuses %j with a 403 that says why, before reading the request, and does not record it",
    async (host) => {
      const recorded = sandbox.requests.length;
      const answer = await raw(`${sandbox.url}/v1/customers.get_or_create`, { headers: { host, authorization: KEY }, body: '{"customer_id":"rebound"}' });
      expect(answer.status).toBe(403);
      expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
      const body = JSON.parse(answer.text) as { message: string; code: string };
      expect(body).toEqual({ code: "invalid_request", message: expect.stringContaining("localhost, 127.0.0.1 or [::1]") });
      expect(sandbox.state.customers.has("rebound")).toBe(false);
      expect(sandbox.requests.length).toBe(recorded);
    },
  );

  it("refuses a request without a Host (HTTP/1.0)", async () => {
    const { port } = new URL(sandbox.url);
    const text = await new Promise<string>((resolve, reject) => {
      let received = "";
      const socket = connect(Number(port), "127.0.0.1", () => socket.end("POST /v1/plans.list HTTP/1.0\r\nauthorization: " + KEY + "\r\ncontent-length: 2\r\n\r\n{}"));
      socket.setEncoding("utf8").on("data", (chunk: string) => (received += chunk));
      socket.on("end", () => resolve(received)).on("error", reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 403 /);
  });

  it("refuses a foreign Host on the checkout page too, which stays unpaid", async () => {
    const autumn = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
    expect((await customersGetOrCreate(autumn, { customerId: "host_buyer" })).ok).toBe(true);
    const attached = await billingAttach(autumn, { customerId: "host_buyer", planId: "pro" });
    if (!attached.ok || !attached.value.paymentUrl) throw new Error("expected a checkout");
    const page = await raw(attached.value.paymentUrl, { method: "GET", headers: { host: "evil.example" } });
    expect(page.status).toBe(403);
    expect(sandbox.state.checkouts.size).toBe(1);
    expect((await raw(attached.value.paymentUrl, { method: "GET" })).status).toBe(200);
  });
});

describe("browsers", () => {
  const preflight = (origin: string, url = sandbox.url) =>
    raw(`${url}/v1/balances.check`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" } });
  const post = (origin: string, body: unknown, url = sandbox.url) => raw(`${url}/v1/customers.get_or_create`, { headers: { origin, authorization: KEY }, body: JSON.stringify(body) });

  it.each(["http://localhost:3000", "http://127.0.0.1:5173", "http://[::1]:8080", "http://localhost", "https://localhost:8443"])(
    "lets a page on the loopback origin %s call it and read the answer (its own origin, never *)",
    async (origin) => {
      const asked = await preflight(origin);
      expect(asked.status).toBe(204);
      expect(asked.headers["access-control-allow-origin"]).toBe(origin);
      expect(asked.headers["vary"]).toMatch(/origin/i);
      const answer = await post(origin, { customer_id: "loopback_page" });
      expect(answer.status).toBe(200);
      expect(answer.headers["access-control-allow-origin"]).toBe(origin);
    },
  );

  it.each(["https://evil.example", "http://app.example", "http://localhost.evil.example:3000", "null", "http://192.168.1.20:3000"])(
    "refuses a page on %s: the preflight gets no CORS headers, and a request is not applied",
    async (origin) => {
      const asked = await preflight(origin);
      expect(asked.status).toBe(403);
      expect(asked.headers["access-control-allow-origin"]).toBeUndefined();
      const recorded = sandbox.requests.length;
      const answer = await post(origin, { customer_id: "foreign_page" });
      expect(answer.status).toBe(403);
      expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
      expect(JSON.parse(answer.text)).toEqual({ code: "invalid_request", message: expect.stringContaining("allowedOrigins") });
      expect(sandbox.state.customers.has("foreign_page")).toBe(false);
      expect(sandbox.requests.length).toBe(recorded);
    },
  );

  it("answers requests without an Origin (servers, tests) without CORS headers", async () => {
    const answer = await raw(`${sandbox.url}/v1/plans.list`, { headers: { authorization: KEY }, body: "{}" });
    expect(answer.status).toBe(200);
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
  });

  describe("with allowedOrigins", () => {
    let open: Sandbox;
    beforeAll(async () => {
      open = await startSandbox({ allowedOrigins: ["https://app.example", "http://staging.app.example:8080/"] });
    });
    afterAll(() => open.close());

    it.each(["https://app.example", "http://staging.app.example:8080", "http://localhost:3000"])("lets %s call it", async (origin) => {
      expect((await preflight(origin, open.url)).headers["access-control-allow-origin"]).toBe(origin);
      expect((await post(origin, { customer_id: "allowed_page" }, open.url)).headers["access-control-allow-origin"]).toBe(origin);
    });

    it.each(["http://app.example", "https://app.example:8443", "https://evil.example"])("still refuses %s", async (origin) => {
      expect((await preflight(origin, open.url)).status).toBe(403);
      expect((await post(origin, { customer_id: "other_page" }, open.url)).status).toBe(403);
    });
  });

  it.each([["*"], ["app.example"], ["https://app.example/path"], ["ftp://app.example"], ["https://app.example?x=1"], [42]])("refuses allowedOrigins entry %j, naming it", async (entry) => {
    await expect(startSandbox({ allowedOrigins: [entry as string] })).rejects.toThrow(/allowedOrigins\[0\]/);
  });
});
