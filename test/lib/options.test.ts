import { inspect } from "node:util";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { AutumnCore, type AutumnOptions } from "../../src/core.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import type { RequestOptions } from "../../src/lib/config.js";
import { faultServers, reply } from "../faults/fault-server.js";
import { api, BASE_URL, fixture, recordRequests, SECRET_KEY, testCore } from "../helpers.js";

const customer = fixture("customer");

/** What the constructor threw, or undefined. */
function thrownBy(make: () => unknown): Record<string, unknown> | undefined {
  try {
    make();
  } catch (error) {
    return error as Record<string, unknown>;
  }
  return undefined;
}

describe("client options are checked when the client is made", () => {
  it.each<[string, unknown, string, RegExp]>([
    ["apiKey (Stripe, OpenAI)", { apiKey: SECRET_KEY }, "apiKey", /use secretKey/],
    ["maxRetries (Stripe, OpenAI)", { maxRetries: 5 }, "maxRetries", /use retryConfig: \{ limit \}/],
    ["timeout (Stripe, OpenAI)", { timeout: 10_000 }, "timeout", /use timeoutMs/],
    ["baseURL (OpenAI)", { baseURL: "https://example.com" }, "baseURL", /use serverURL/],
    ["a misspelt option", { secretkey: SECRET_KEY }, "secretkey", /Unknown option secretkey$/],
    ["an unknown hook", { hooks: { beforeError: [() => undefined] } }, "hooks.beforeError", /Unknown option hooks.beforeError/],
    ["a hook that is not a function", { hooks: { beforeRequest: "log" } }, "hooks.beforeRequest", /a function or an array of functions/],
    ["an array holding a non-function", { hooks: { afterResponse: [() => undefined, 7] } }, "hooks.afterResponse", /a function or an array of functions/],
    ["hooks that are not an object", { hooks: () => undefined }, "hooks", /hooks must be an object/],
    ["a zero timeout", { timeoutMs: 0 }, "timeoutMs", /above 0/],
    ["a NaN timeout", { timeoutMs: Number.NaN }, "timeoutMs", /above 0/],
    ["a fractional retry limit", { retryConfig: { limit: 1.5 } }, "retryConfig.limit", /whole number/],
    ["a retry status that is not one", { retryConfig: { statusCodes: [503, "429"] } }, "retryConfig.statusCodes", /HTTP statuses/],
    ["a logger without debug", { debugLogger: { log: () => undefined } }, "debugLogger", /debug method/],
    ["a fetch that is not a function", { fetch: "undici" }, "fetch", /fetch function/],
    ["a flag that is not a boolean", { failOpen: "yes" }, "failOpen", /true or false/],
    ["a server URL that is not http(s)", { serverURL: "ftp://example.com" }, "serverURL", /http\(s\) URL/],
    ["a response limit of 0", { maxResponseBytes: 0 }, "maxResponseBytes", /whole number of bytes above 0/],
    ["a fractional response limit", { maxResponseBytes: 1.5 }, "maxResponseBytes", /whole number of bytes above 0/],
    ["a response limit that is not a number", { maxResponseBytes: "16MB" }, "maxResponseBytes", /whole number of bytes above 0/],
  ])("%s: a ConfigurationError naming the option", (_name, options, setting, message) => {
    for (const make of [() => new AutumnCore(options as AutumnOptions), () => new Autumn(options as AutumnOptions)]) {
      const thrown = thrownBy(make);
      expect(thrown).toMatchObject({ name: "ConfigurationError", setting });
      expect(thrown?.["message"]).toMatch(message);
    }
  });

  it("refuses a key passed as the only argument, as Stripe's SDK takes it, without quoting it", () => {
    const thrown = thrownBy(() => new Autumn(SECRET_KEY as unknown as AutumnOptions));
    expect(thrown).toMatchObject({ name: "ConfigurationError", setting: "options" });
    expect(thrown?.["message"]).toMatch(/\{ secretKey \}/);
    for (const text of [String(thrown), JSON.stringify(thrown), inspect(thrown, { showHidden: true })]) expect(text).not.toContain(SECRET_KEY);
  });

  it("refuses a malformed AUTUMN_SERVER_URL, naming the variable", () => {
    process.env["AUTUMN_SERVER_URL"] = "api.useautumn.com";
    try {
      expect(thrownBy(() => new AutumnCore({ secretKey: SECRET_KEY }))).toMatchObject({ name: "ConfigurationError", setting: "AUTUMN_SERVER_URL" });
    } finally {
      delete process.env["AUTUMN_SERVER_URL"];
    }
  });

  it("accepts hooks as one function or an array, and runs them on every attempt", async () => {
    const scope = api().post("/v1/customers.get").reply(503, "").post("/v1/customers.get").times(2).reply(200, customer, { "x-seen": "1" });
    const seen: string[] = [];
    const single = testCore({ hooks: { beforeRequest: (request) => void seen.push(`single ${request.method}`), afterResponse: (response) => void seen.push(`single ${response.status}`) } });
    const listed = testCore({ hooks: { beforeRequest: [(request) => void seen.push(`listed ${request.method}`)] } });
    expect((await customersGet(single, { customerId: "u1" })).ok).toBe(true);
    expect((await customersGet(listed, { customerId: "u1" })).ok).toBe(true);
    expect(seen).toEqual(["single POST", "single 503", "single POST", "single 200", "listed POST"]);
    expect(scope.isDone()).toBe(true);
  });
});

describe("credentials", () => {
  it.each(["am_sk_test_abc123", "am_sk_live_abc123", "am_jwt_eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2ln", "am_pk_test_abc123", "am_oauth_abc123"])(
    "sends %s: one of the four prefixes Autumn accepts",
    async (key) => {
      nock(BASE_URL, { reqheaders: { authorization: `Bearer ${key}` } }).post("/v1/customers.get").reply(200, customer);
      const result = await customersGet(new AutumnCore({ secretKey: key, serverURL: BASE_URL }), { customerId: "u1" });
      expect(result.ok).toBe(true);
    },
  );

  it.each(["sk_test_123", "pk_live_abc", "am_sk_", "am_jwk_abc", "Bearer am_sk_test_abc", "am_sk_test_a b"])("refuses %j before sending, wherever the key comes from", async (key) => {
    const scope = recordRequests(nock(BASE_URL).post("/v1/customers.get").reply(200, customer));
    const thrown = thrownBy(() => new AutumnCore({ secretKey: key, serverURL: BASE_URL }));
    expect(thrown).toMatchObject({ name: "ConfigurationError", setting: "secretKey" });
    // The key is never quoted back (a bare prefix is, as the description of what is expected).
    if (key.length > 7) expect(String(thrown?.["message"])).not.toContain(key);
    const fromFunction = await customersGet(new AutumnCore({ secretKey: () => key, serverURL: BASE_URL }), { customerId: "u1" });
    process.env["AUTUMN_SECRET_KEY"] = key;
    try {
      const fromEnv = await customersGet(new AutumnCore({ serverURL: BASE_URL }), { customerId: "u1" });
      for (const result of [fromFunction, fromEnv]) {
        expect(result.ok || result.error).toMatchObject({ name: "ConfigurationError", setting: "secretKey" });
        if (key.length > 7) expect(result.ok || result.error.message).not.toContain(key);
      }
    } finally {
      delete process.env["AUTUMN_SECRET_KEY"];
    }
    expect(scope).toHaveLength(0);
  });
});

describe("a credential that takes time", () => {
  it("is bounded by the call's budget: a key function that never settles ends with RequestTimeoutError, nothing sent", async () => {
    const seen = recordRequests(api().post("/v1/customers.get").reply(200, customer));
    const core = new AutumnCore({ serverURL: BASE_URL, secretKey: () => new Promise<string>(() => undefined), timeoutMs: 50 });
    const result = await customersGet(core, { customerId: "u1" });
    expect(result.ok || result.error).toMatchObject({ name: "RequestTimeoutError", timeoutMs: 50, attempts: 0 });
    expect(seen).toHaveLength(0);
  });

  it("ends at once when the caller aborts while it waits", async () => {
    const controller = new AbortController();
    const core = new AutumnCore({ serverURL: BASE_URL, secretKey: () => new Promise<string>(() => undefined) });
    const pending = customersGet(core, { customerId: "u1" }, { signal: controller.signal });
    controller.abort(new Error("navigated away"));
    expect(await pending).toMatchObject({ ok: false, error: { name: "RequestAbortedError" } });
  });

  it("spends the budget it took: the request gets only the rest", async () => {
    api().post("/v1/customers.get").delay(400).reply(200, customer);
    const core = new AutumnCore({ serverURL: BASE_URL, secretKey: () => new Promise<string>((resolve) => setTimeout(() => resolve(SECRET_KEY), 200)), timeoutMs: 500 });
    const result = await customersGet(core, { customerId: "u1" }, { retries: 0 });
    expect(result.ok || result.error).toMatchObject({ name: "RequestTimeoutError" });
  });
});

describe("per-call options", () => {
  it.each<[string, RequestOptions, string, RegExp]>([
    ["timeout", { timeout: 5_000 } as RequestOptions, "timeout", /use timeoutMs/],
    ["maxRetries", { maxRetries: 1 } as RequestOptions, "maxRetries", /use retries/],
    ["a misspelt option", { idempotency_key: "k1" } as RequestOptions, "idempotency_key", /Unknown option/],
    ["a negative timeoutMs", { timeoutMs: -1 }, "timeoutMs", /above 0/],
    ["a retries config with an unknown field", { retries: { max: 2 } as never }, "retries", /retries/],
    ["a signal that is not one", { signal: "stop" as never }, "signal", /AbortSignal/],
    ["a header value fetch cannot send", { headers: { "x-trace": "a\nb" } }, "headers.x-trace", /Latin-1/],
    ["a negative response limit", { maxResponseBytes: -1 }, "maxResponseBytes", /whole number of bytes above 0/],
  ])("%s is a ConfigurationError in the Result naming it, and nothing is sent", async (_name, options, setting, message) => {
    const seen = recordRequests(api().post("/v1/customers.get").reply(200, customer));
    const result = await customersGet(testCore(), { customerId: "u1" }, options);
    expect(result.ok || result.error).toMatchObject({ name: "ConfigurationError", setting });
    expect(result.ok || result.error.message).toMatch(message);
    expect(seen).toHaveLength(0);
  });
});

describe("per-call fetchOptions", () => {
  const serve = faultServers();

  it("refuses prefixUrl, which would send the key to another origin, and sends nothing anywhere", async () => {
    const elsewhere = await serve([reply(200, customer)]);
    const server = await serve([reply(200, customer)]);
    const result = await customersGet(testCore({ serverURL: server.url }), { customerId: "u1" }, { fetchOptions: { prefixUrl: elsewhere.url } } as never);
    expect(elsewhere.requests.map((request) => request.headers["authorization"])).toEqual([]);
    expect(result.ok || result.error).toMatchObject({ name: "ConfigurationError", setting: "fetchOptions.prefixUrl" });
    expect(server.count()).toBe(0);
  });

  it("refuses json, which would replace the checked body, and sends nothing", async () => {
    const server = await serve([reply(200, customer)]);
    const result = await customersGet(testCore({ serverURL: server.url }), { customerId: "u1" }, { fetchOptions: { json: { customer_id: "someone_else" } } } as never);
    expect(result.ok || result.error).toMatchObject({ name: "ConfigurationError", setting: "fetchOptions.json" });
    expect(server.count()).toBe(0);
  });

  it.each([
    ["body", "{}"],
    ["method", "GET"],
    ["headers", { authorization: "Bearer am_sk_test_other" }],
    ["signal", AbortSignal.timeout(1_000)],
    ["redirect", "follow"],
    ["dispatcher", {}],
    ["searchParams", "a=1"],
    ["hooks", { beforeRequest: [] }],
    ["timeout", 10],
    ["retry", 5],
    ["throwHttpErrors", true],
    ["parseJson", JSON.parse],
    ["fetch", fetch],
    ["window", null],
  ])("refuses %s: only fetch's own options that the SDK does not set pass", async (name, value) => {
    const seen = recordRequests(api().post("/v1/customers.get").reply(200, customer));
    const result = await customersGet(testCore(), { customerId: "u1" }, { fetchOptions: { [name]: value } } as never);
    expect(result.ok || result.error).toMatchObject({ name: "ConfigurationError", setting: `fetchOptions.${name}` });
    expect(result.ok || result.error.message).toMatch(/cache, credentials, integrity, keepalive, mode, priority, referrer, referrerPolicy/);
    expect(seen).toHaveLength(0);
  });

  it.each([
    ["cache", "sometimes"],
    ["mode", "navigate"],
    ["credentials", "always"],
    ["referrerPolicy", "everywhere"],
  ])("refuses %s: %j, a value fetch would throw on, instead of reporting a network failure", async (name, value) => {
    const seen = recordRequests(api().post("/v1/customers.get").reply(200, customer));
    const result = await customersGet(testCore(), { customerId: "u1" }, { fetchOptions: { [name]: value } } as never);
    expect(result.ok || result.error).toMatchObject({ name: "ConfigurationError", setting: `fetchOptions.${name}` });
    expect(seen).toHaveLength(0);
  });

  it("passes fetch's own options, and the pipeline's request is unchanged", async () => {
    const server = await serve([reply(200, customer)]);
    const fetchOptions: RequestOptions["fetchOptions"] = {
      cache: "no-store",
      credentials: "omit",
      integrity: "",
      keepalive: false,
      mode: "cors",
      priority: "high",
      referrer: "",
      referrerPolicy: "no-referrer",
    };
    const result = await customersGet(testCore({ serverURL: server.url }), { customerId: "u1" }, { fetchOptions });
    if (!result.ok) throw result.error;
    expect(server.requests[0]).toMatchObject({ method: "POST", path: "/v1/customers.get", json: { customer_id: "u1" } });
    expect(server.requests[0]?.headers["authorization"]).toBe(`Bearer ${SECRET_KEY}`);
  });
});

describe("retryAfterMs", () => {
  it("is undefined on a 404 that carries RateLimit-Reset, which is only the window's reset", async () => {
    api().post("/v1/customers.get").reply(404, { message: "Customer not found", code: "customer_not_found" }, { "ratelimit-reset": "60", "ratelimit-remaining": "99" });
    const result = await customersGet(testCore(), { customerId: "u1" });
    expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", status: 404, retryAfterMs: undefined });
  });

  it("is undefined on a 503 without Retry-After, whose RateLimit-Reset is only the window's: the call retries and succeeds", async () => {
    const seen = recordRequests(
      api()
        .post("/v1/customers.get")
        .reply(503, { message: "busy", code: "service_unavailable" }, { "ratelimit-reset": "60" })
        .post("/v1/customers.get")
        .reply(200, customer),
    );
    const result = await customersGet(testCore(), { customerId: "u1" });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
  });

  it("is the Retry-After of a 429 or 503 the call could not wait for", async () => {
    api().post("/v1/customers.get").reply(429, "slow down", { "content-type": "text/plain", "retry-after": "120" });
    const limited = await customersGet(testCore(), { customerId: "u1" });
    expect(limited.ok || limited.error).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    api().post("/v1/customers.get").reply(503, { message: "busy", code: "service_unavailable" }, { "retry-after": "90" });
    const busy = await customersGet(testCore(), { customerId: "u1" });
    expect(busy.ok || busy.error).toMatchObject({ status: 503, retryAfterMs: 90_000 });
  });
});

describe("the response behind a value", () => {
  it("gives the status and headers of the answer that made the value", async () => {
    api().post("/v1/customers.get").reply(503, "").post("/v1/customers.get").reply(200, customer, { "ratelimit-remaining": "41" });
    const result = await customersGet(testCore(), { customerId: "u1" });
    if (!result.ok) throw result.error;
    expect(result.response?.status).toBe(200);
    expect(result.response?.headers.get("ratelimit-remaining")).toBe("41");
    expect(result.value.id).toBe(customer["id"]);
  });

  it("is there for an API error, and absent when nothing was answered", async () => {
    api().post("/v1/customers.get").reply(404, { message: "Customer not found", code: "customer_not_found" }, { "ratelimit-remaining": "40" });
    const refused = await customersGet(testCore(), { customerId: "u1" });
    expect(refused.response?.status).toBe(404);
    expect(refused.response?.headers.get("ratelimit-remaining")).toBe("40");
    const invalid = await customersGet(testCore(), { customerId: "not valid" });
    expect(invalid.ok).toBe(false);
    expect(invalid.response).toBeUndefined();
  });

  it("has a header that echoed the key replaced", async () => {
    api().post("/v1/customers.get").reply(200, customer, { "x-echo": `Bearer ${SECRET_KEY}` });
    const result = await customersGet(testCore(), { customerId: "u1" });
    expect(result.response?.headers.get("x-echo")).toBe("Bearer [redacted]");
  });
});
