import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AutumnCore } from "../src/core.js";
import { balancesTrack } from "../src/funcs/balances-track.js";
import { billingAttach } from "../src/funcs/billing-attach.js";
import { customersGetOrCreate } from "../src/funcs/customers-get-or-create.js";
import { eventsAggregate } from "../src/funcs/events-aggregate.js";
import { plansList } from "../src/funcs/plans-list.js";
import { createRequestLog } from "../src/sandbox/request-log.js";
import { MAX_BODY_BYTES, REQUEST_LOG_LIMITS, type Sandbox, startSandbox } from "../src/sandbox/server.js";

/**
 * Requests meant to hurt: each must get an answer (a redirect that is still a URL, a 413, a 500) and
 * leave the sandbox serving. test/sandbox-cli.test.ts sends them to the `autumn-sandbox` process too.
 */
const KEY = "am_sk_test_hostile";

let sandbox: Sandbox;
let autumn: AutumnCore;

beforeAll(async () => {
  sandbox = await startSandbox({
    routes: {
      // What a route may hand back that JSON cannot write.
      "hostile.bigint": () => ({ count: 1n }),
    },
  });
  autumn = new AutumnCore({ secretKey: KEY, serverURL: sandbox.url });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

async function stillServing(): Promise<void> {
  const plans = await plansList(autumn, {}, { retries: 0 });
  expect(plans.ok).toBe(true);
}

/** A raw POST whose body is written in `chunks` (chunked unless `contentLength` is declared); resolves to the answer. */
function upload(path: string, chunks: Iterable<string | Buffer>, contentLength?: number) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${KEY}`, "content-type": "application/json" };
    if (contentLength !== undefined) headers["content-length"] = contentLength;
    const sent = httpRequest(`${sandbox.url}/v1/${path}`, { method: "POST", headers, agent: false }, (response) => {
      let text = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
    });
    // The server may answer and close before the upload is over: the answer is what counts.
    sent.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    void (async () => {
      for (const chunk of chunks) if (!sent.write(chunk)) await new Promise((drained) => sent.once("drain", drained));
      sent.end();
    })().catch(() => undefined);
  });
}

describe("the checkout page's redirect to successUrl", () => {
  async function openCheckout(customerId: string, successUrl: string) {
    expect((await customersGetOrCreate(autumn, { customerId })).ok).toBe(true);
    const attached = await billingAttach(autumn, { customerId, planId: "pro", successUrl });
    if (!attached.ok || !attached.value.paymentUrl) throw new Error("expected a checkout");
    return fetch(attached.value.paymentUrl, { redirect: "manual" });
  }

  it("percent-encodes characters a header cannot carry", async () => {
    const page = await openCheckout("unicode_buyer", "https://shop.example/订单/thanks?name=Zoë#fin");
    expect([page.status, page.headers.get("location")]).toEqual([303, "https://shop.example/%E8%AE%A2%E5%8D%95/thanks?name=Zo%C3%AB#fin"]);
    await stillServing();
  });

  it("drops line breaks, so that no header can be smuggled after it", async () => {
    const page = await openCheckout("crlf_buyer", "https://shop.example/thanks\r\nSet-Cookie: session=stolen");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("https://shop.example/thanksSet-Cookie:%20session=stolen");
    expect(page.headers.get("set-cookie")).toBeNull();
    await stillServing();
  });

  it.each(["/thanks", "javascript:alert(1)", "not a url at all"])("stays on the paid page for %j, which is no http(s) URL", async (successUrl) => {
    const page = await openCheckout("odd_buyer", successUrl);
    expect([page.status, page.headers.get("location")]).toEqual([200, null]);
    expect(await page.text()).toContain("Plan pro is attached");
  });
});

describe("request bodies", () => {
  it("answers 413 at once to a body declared larger than the limit, without reading it", async () => {
    const answer = await upload("customers.get_or_create", ["{"], 600 * 2 ** 20);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual({ code: "invalid_request", message: expect.stringContaining("4 MiB") });
    expect(sandbox.requests).toEqual([]);
    await stillServing();
  });

  it("answers 413 to a chunked body that grows past the limit, and keeps none of it", async () => {
    const chunk = Buffer.alloc(256 * 1024, " ");
    const chunks = (function* () {
      yield '{"customer_id":"big","metadata":{"pad":"';
      for (let sent = 0; sent <= MAX_BODY_BYTES; sent += chunk.length) yield chunk;
      yield '"}}';
    })();
    const answer = await upload("customers.get_or_create", chunks);
    expect(answer.status).toBe(413);
    expect(sandbox.state.customers.has("big")).toBe(false);
    await stillServing();
  });

  it("takes a body just under the limit", async () => {
    const pad = "x".repeat(MAX_BODY_BYTES - 100);
    const answer = await upload("customers.get_or_create", [JSON.stringify({ customer_id: "large_but_fine", metadata: { pad } })]);
    expect(answer.status).toBe(200);
  });
});

describe("a handler that throws", () => {
  it("is a 500 with Autumn's error body when the answer cannot be written, and the sandbox carries on", async () => {
    const answer = await upload("hostile.bigint", ["{}"]);
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.text)).toEqual({ code: "internal_error", message: "Internal error" });
    await stillServing();
  });

  it("is a 500 for metadata nested too deep to write back, and the sandbox carries on", async () => {
    const depth = 200_000;
    const answer = await upload("customers.get_or_create", [`{"customer_id":"deep","metadata":{"a":${"[".repeat(depth)}${"]".repeat(depth)}}}`]);
    expect(answer.status).toBe(500);
    await stillServing();
  });
});

describe("sandbox.requests", () => {
  it(`keeps the last ${REQUEST_LOG_LIMITS.entries} requests`, async () => {
    const total = REQUEST_LOG_LIMITS.entries + 5;
    for (let sent = 0; sent < total; sent += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, total - sent) }, async (_, index) => {
          // A path that is no route: recorded all the same, and answered without work.
          const answer = await fetch(`${sandbox.url}/v1/nothing.here`, { method: "POST", headers: { authorization: `Bearer ${KEY}` }, body: JSON.stringify({ n: sent + index }) });
          expect(answer.status).toBe(404);
          await answer.arrayBuffer();
        }),
      );
    }
    expect(sandbox.requests).toHaveLength(REQUEST_LOG_LIMITS.entries);
    // The ones let go are the oldest: of the first batch, whose requests arrive in any order.
    const kept = new Set(sandbox.requests.map((request) => (request.body as { n: number }).n));
    const dropped = Array.from({ length: total }, (_, n) => n).filter((n) => !kept.has(n));
    expect(dropped).toHaveLength(5);
    expect(dropped.every((n) => n < 50)).toBe(true);
  });
});

describe("keepRequests", () => {
  it("keeps as many requests as asked, and refuses a count that is none", async () => {
    const counted = await startSandbox({ keepRequests: 3 });
    try {
      const core = new AutumnCore({ secretKey: KEY, serverURL: counted.url });
      for (const customerId of ["k1", "k2", "k3", "k4", "k5"]) expect((await customersGetOrCreate(core, { customerId })).ok).toBe(true);
      expect(counted.requests.map((request) => (request.body as { customer_id: string }).customer_id)).toEqual(["k3", "k4", "k5"]);
    } finally {
      await counted.close();
    }
    for (const bad of [0, -1, 1.5, Number.NaN]) await expect(startSandbox({ keepRequests: bad })).rejects.toThrow(/keepRequests/);
  });
});

describe("createRequestLog", () => {
  it("keeps the newest entries within both limits, at least the newest one", () => {
    const log = createRequestLog<{ name: string }>({ entries: 3, bytes: 10 });
    const names = () => log.entries.map(({ name }) => name);
    for (const name of ["a", "b", "c", "d"]) log.add({ name }, 1);
    expect(names()).toEqual(["b", "c", "d"]);
    log.add({ name: "big" }, 8);
    expect(names()).toEqual(["c", "d", "big"]);
    log.add({ name: "huge" }, 50);
    expect(names()).toEqual(["huge"]);
    log.clear();
    log.add({ name: "e" }, 10);
    expect(names()).toEqual(["e"]);
    // Emptied from outside, as a test may: nothing of what was there counts any more.
    log.entries.length = 0;
    for (const name of ["f", "g"]) log.add({ name }, 5);
    expect(names()).toEqual(["f", "g"]);
  });
});

describe("metadata keys", () => {
  const update = (body: string) =>
    fetch(`${sandbox.url}/v1/customers.update`, { method: "POST", headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" }, body });

  it("are data: customers.update with __proto__ stores a key of that name and leaves the object's prototype alone", async () => {
    expect((await customersGetOrCreate(autumn, { customerId: "proto_user", metadata: { plan: "early" } })).ok).toBe(true);
    // Written by hand: an object literal with __proto__ would set its own prototype before anything is sent.
    const answer = await update('{"customer_id":"proto_user","metadata":{"__proto__":{"isAdmin":true},"constructor":"x","seen":1}}');
    expect(answer.status).toBe(200);
    const stored = sandbox.state.customers.get("proto_user")!.metadata;
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect((stored as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    const answered = (JSON.parse(await answer.text()) as { metadata: object }).metadata;
    expect(Object.entries(answered)).toEqual([["plan", "early"], ["__proto__", { isAdmin: true }], ["constructor", "x"], ["seen", 1]]);

    // And a key set to null is deleted, __proto__ included.
    const cleared = await update('{"customer_id":"proto_user","metadata":{"__proto__":null}}');
    expect(Object.keys(JSON.parse(await cleared.text()).metadata)).toEqual(["plan", "constructor", "seen"]);
  });
});

describe("names every object inherits", () => {
  const post = async (path: string, body: unknown) => {
    const answer = await fetch(`${sandbox.url}/v1/${path}`, { method: "POST", headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    return [answer.status, ((await answer.json()) as { code?: string }).code];
  };

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])("%s is no expansion of a customer, nor a range of events.aggregate", async (name) => {
    expect((await customersGetOrCreate(autumn, { customerId: "inherits" })).ok).toBe(true);
    expect(await post("customers.get", { customer_id: "inherits", expand: [name] })).toEqual([400, "invalid_inputs"]);
    expect(await post("events.aggregate", { customer_id: "inherits", feature_id: "messages", range: name })).toEqual([400, "invalid_inputs"]);
  });
});

describe("event properties named like what every object inherits", () => {
  it("group under their own names and never match an inherited one", async () => {
    const customerId = "props";
    expect((await customersGetOrCreate(autumn, { customerId })).ok).toBe(true);
    for (const model of ["__proto__", "constructor", "gpt"]) {
      const tracked = await balancesTrack(autumn, { customerId, featureId: "messages", value: 1, properties: { model } });
      expect(tracked.ok).toBe(true);
    }
    const window = { start: sandbox.now() - 60_000, end: sandbox.now() + 60_000 };
    const grouped = await eventsAggregate(autumn, { customerId, featureId: "messages", customRange: window, groupBy: "properties.model", aggregateOn: "deducted" });
    if (!grouped.ok) throw grouped.error;
    const balances = grouped.value.deductions?.flatMap((bin) => Object.values(bin.groupedValues ?? {}));
    const keys = balances?.flatMap((groups) => Object.keys(groups)).sort();
    expect(keys).toEqual(["__proto__", "constructor", "gpt"]);
    // A filter on a name the properties object inherits matches no event that lacks that property.
    const inherited = await eventsAggregate(autumn, { customerId, featureId: "messages", customRange: window, filterBy: { constructor: String(Object) } });
    if (!inherited.ok) throw inherited.error;
    expect(inherited.value.total["messages"]?.count ?? 0).toBe(0);
  });
});

describe("billing.import's customer_data", () => {
  it("sets the customer's name, email and fingerprint only, never the sandbox's own records of it", async () => {
    const post = (body: unknown) =>
      fetch(`${sandbox.url}/v1/billing.import`, { method: "POST", headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    const answer = await post({ customer_id: "imported", billables: [{ processor: "stripe", link: { subscription_id: "sub_x" }, plan: { plan_id: "pro" } }], customer_data: { name: "Ada", rows: "not rows", subscriptions: 1, key: "someone_else", __proto__: { polluted: true } } });
    expect(answer.status).toBe(200);
    const customer = await customersGetOrCreate(autumn, { customerId: "imported" });
    expect(customer.ok && customer.value.name).toBe("Ada");
    await stillServing();
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});
