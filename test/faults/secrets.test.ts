import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { AutumnCore } from "../../src/core.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import type { AutumnOptions } from "../../src/lib/config.js";
import type { Result } from "../../src/lib/result.js";
import { fixture, SECRET_KEY, testCore } from "../helpers.js";
import { type Behaviour, hang, refusedURL, reply, reset, resetMidBody, faultServers, type SeenRequest } from "./fault-server.js";

const customer = fixture("customer");
const serve = faultServers();

/** Every way an error gets turned into text. */
function renderings(error: unknown): string[] {
  const value = error as Error;
  return [
    String(value),
    value.message,
    value.stack ?? "",
    JSON.stringify(value),
    JSON.stringify({ error: value }),
    inspect(value, { depth: Infinity, showHidden: true }),
    inspect({ nested: { value } }, { depth: Infinity }),
  ];
}

// A server that echoes the Authorization header back, as a careless proxy or error page might.
const echo = (status: number): Behaviour => (request: SeenRequest, response) => {
  response.writeHead(status, { "content-type": "application/json", "x-echo": String(request.headers["authorization"]) });
  response.end(JSON.stringify({ message: `Invalid secret key: ${String(request.headers["authorization"])}`, code: "invalid_secret_key" }));
};

interface Scenario {
  name: string;
  expected: string;
  run: (options: AutumnOptions) => Promise<Result<unknown>>;
}

function scenarios(): Scenario[] {
  const at = (url: string, extra: AutumnOptions = {}) => (options: AutumnOptions) => testCore({ ...options, serverURL: url, ...extra });
  return [
    { name: "a 401", expected: "AutumnAPIError", run: async (o) => customersGet(at((await serve([reply(401, { message: "Invalid secret key", code: "invalid_secret_key" })])).url)(o), { customerId: "u1" }) },
    { name: "a 401 that echoes the key", expected: "AutumnAPIError", run: async (o) => customersGet(at((await serve([echo(401)])).url)(o), { customerId: "u1" }) },
    { name: "a 200 that echoes the key but is not the expected shape", expected: "ResponseValidationError", run: async (o) => customersGet(at((await serve([echo(200)])).url)(o), { customerId: "u1" }) },
    {
      name: "an answer past maxResponseBytes that echoes the key in a header",
      expected: "ResponseTooLargeError",
      run: async (o) => customersGet(at((await serve([echo(200)])).url, { maxResponseBytes: 10 })(o), { customerId: "u1" }),
    },
    { name: "a refused connection", expected: "ConnectionError", run: async (o) => customersGet(at(await refusedURL())(o), { customerId: "u1" }) },
    { name: "a reset mid-body", expected: "ConnectionError", run: async (o) => customersGet(at((await serve([resetMidBody(200, '{"id"')])).url)(o), { customerId: "u1" }) },
    { name: "a timeout", expected: "RequestTimeoutError", run: async (o) => customersGet(at((await serve([hang()])).url, { timeoutMs: 100 })(o), { customerId: "u1" }) },
    {
      name: "an accepted retry",
      expected: "RequestAlreadyAcceptedError",
      run: async (o) => balancesTrack(at((await serve([reset(), reply(409, { message: "dup", code: "duplicate_idempotency_key" })])).url)(o), { customerId: "u1", featureId: "messages" }),
    },
    { name: "an abort", expected: "RequestAbortedError", run: async (o) => customersGet(at((await serve([hang()])).url)(o), { customerId: "u1" }, { signal: AbortSignal.timeout(50) }) },
    // The key pasted where an id belongs: the issue must not quote it.
    { name: "invalid params holding the key", expected: "RequestValidationError", run: async (o) => customersGet(at((await serve([reply(200, customer)])).url)(o), { customerId: `${SECRET_KEY} !` }) },
    {
      name: "a key with a line break",
      expected: "ConfigurationError",
      run: async (o) => customersGet(new AutumnCore({ ...o, serverURL: (await serve([reply(200, customer)])).url, secretKey: () => `${SECRET_KEY}\n` }), { customerId: "u1" }),
    },
    {
      name: "a hook that throws",
      expected: "UnexpectedClientError",
      run: async (o) => customersGet(at((await serve([reply(200, customer)])).url, { hooks: { beforeRequest: [() => { throw new Error("hook bug"); }] } })(o), { customerId: "u1" }),
    },
  ];
}

describe("the secret key never leaks", () => {
  it.each(scenarios())("$name: not in the error, its JSON, its inspection, or the debug log", async ({ expected, run }) => {
    const lines: string[] = [];
    const result = await run({ debugLogger: { debug: (...args: unknown[]) => lines.push(args.map((arg) => (typeof arg === "string" ? arg : inspect(arg))).join(" ")) } });
    expect(result.ok || result.error.name).toBe(expected);
    for (const text of [...renderings(result.error), ...lines, JSON.stringify(result), inspect(result, { depth: Infinity, showHidden: true })]) {
      expect(text).not.toContain(SECRET_KEY);
    }
  });

  it("the class's thrown errors hold no key either", async () => {
    const server = await serve([echo(401)]);
    const autumn = new Autumn({ secretKey: SECRET_KEY, serverURL: server.url });
    const thrown = await autumn.customers.get({ customerId: "u1" }).catch((error: unknown) => error);
    expect(thrown).toMatchObject({ name: "AutumnAPIError", status: 401 });
    for (const text of [...renderings(thrown), inspect(autumn, { depth: Infinity, showHidden: true }), JSON.stringify(autumn)]) {
      expect(text).not.toContain(SECRET_KEY);
    }
  });
});

describe("redirects", () => {
  it.each([301, 302, 303, 307, 308])("a %i to another origin is not followed: the key never reaches it", async (status) => {
    const other = await serve([reply(200, customer)]);
    const server = await serve([(_request, response) => response.writeHead(status, { location: `${other.url}/v1/customers.get` }).end()]);
    const result = await customersGet(testCore({ serverURL: server.url }), { customerId: "u1" });
    expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", status, message: expect.stringContaining("redirect") });
    expect(server.count()).toBe(1);
    expect(other.count()).toBe(0);
  });

  it("a redirect to the same origin is not followed either", async () => {
    const server = await serve([
      (request, response) =>
        request.path === "/v1/customers.get" ? response.writeHead(308, { location: "/v2/customers.get" }).end() : reply(200, customer)(request, response),
    ]);
    const result = await customersGet(testCore({ serverURL: server.url }), { customerId: "u1" });
    expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", status: 308 });
    expect(server.count()).toBe(1);
  });

  it("even a custom fetch that follows redirects does not carry the key to another origin", async () => {
    const other = await serve([reply(200, customer)]);
    const server = await serve([(_request, response) => response.writeHead(307, { location: `${other.url}/v1/customers.get` }).end()]);
    const following: typeof fetch = (input, init) => fetch(input, { ...init, redirect: "follow" });
    await customersGet(testCore({ serverURL: server.url, fetch: following }), { customerId: "u1" });
    expect(other.count()).toBe(1);
    expect(other.requests[0]?.headers["authorization"]).toBeUndefined();
  });
});

describe("a missing key", () => {
  it("is a ConfigurationError before any request, from functions and the class", async () => {
    const server = await serve([reply(200, customer)]);
    const saved = process.env["AUTUMN_SECRET_KEY"];
    delete process.env["AUTUMN_SECRET_KEY"];
    try {
      for (const secretKey of [undefined, "", () => "", async () => ""]) {
        const result = await customersGet(new AutumnCore({ serverURL: server.url, secretKey }), { customerId: "u1" });
        expect(result.ok || result.error).toMatchObject({ name: "ConfigurationError", setting: "secretKey", message: expect.stringContaining("AUTUMN_SECRET_KEY") });
      }
      await expect(new Autumn({ serverURL: server.url }).customers.get({ customerId: "u1" })).rejects.toMatchObject({ name: "ConfigurationError" });
      const failing = await customersGet(new AutumnCore({ serverURL: server.url, secretKey: () => Promise.reject(new Error("vault down")) }), { customerId: "u1" });
      expect(failing.ok || failing.error).toMatchObject({ name: "ConfigurationError", setting: "secretKey" });
      expect(server.count()).toBe(0);
    } finally {
      if (saved !== undefined) process.env["AUTUMN_SECRET_KEY"] = saved;
    }
  });
});

describe("an echoed key", () => {
  it("is replaced by [redacted] in the body, the headers and the message, and the rest is kept", async () => {
    const server = await serve([echo(401)]);
    const result = await customersGet(testCore({ serverURL: server.url }), { customerId: "u1" });
    if (result.ok || result.error.name !== "AutumnAPIError") throw new Error("expected an API error");
    expect(result.error.message).toBe("Invalid secret key: Bearer [redacted] (401 invalid_secret_key)");
    expect(result.error.rawBody).toContain("Bearer [redacted]");
    expect(result.error.headers["x-echo"]).toBe("Bearer [redacted]");
    expect(result.error.code).toBe("invalid_secret_key");
  });
});
