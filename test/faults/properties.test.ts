import { readdirSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AutumnCore } from "../../src/core.js";
import { balancesBatchTrack } from "../../src/funcs/balances-batch-track.js";
import { balancesCheck } from "../../src/funcs/balances-check.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import { customersList } from "../../src/funcs/customers-list.js";
import { customersUpdate } from "../../src/funcs/customers-update.js";
import type { RequestOptions } from "../../src/lib/config.js";
import type { Result } from "../../src/lib/result.js";
import { AutumnError } from "../../src/models/errors/index.js";
import { fixture, SECRET_KEY, sizedFor, testCore } from "../helpers.js";
import { type Behaviour, reply, startFaultServer, type FaultServer } from "./fault-server.js";

/**
 * Property runs: a fixed seed by default, so CI is reproducible. Run more locally with
 * `FC_RUNS=50000 FC_SEED=$RANDOM npx vitest run test/faults/properties.test.ts`.
 */
const RUNS = Number(process.env["FC_RUNS"] ?? 3_000);
const SEED = Number(process.env["FC_SEED"] ?? 20_260_318);
const runs = (share: number): number => Math.max(1, Math.round(RUNS * share));
const settings = (share: number): fc.Parameters<unknown> => ({ numRuns: runs(share), seed: SEED });
// A run makes at most a request or two against a loopback server: each property's time limit is sized
// from its run count (and follows FC_RUNS), not from an idle machine.
const limit = (share: number): { timeout: number } => ({ timeout: sizedFor(runs(share)) });
// The calls' budget must never fire during a healthy exchange, which would turn an answer into a
// timeout; far beyond what one exchange takes, even on a loaded machine.
const BUDGET_MS = 30_000;

type AnyFunction = (core: AutumnCore, params: unknown, options?: RequestOptions) => Promise<Result<unknown>>;

// Every standalone function that resolves to one Result (the *-pages and *-items walkers are iterables).
const funcs: { name: string; call: AnyFunction }[] = [];
const ERROR_NAMES = new Set([
  "AutumnAPIError",
  "RequestAlreadyAcceptedError",
  "ConnectionError",
  "RequestTimeoutError",
  "RequestAbortedError",
  "RequestValidationError",
  "ResponseValidationError",
  "ResponseTooLargeError",
  "ConfigurationError",
  "UnexpectedClientError",
]);

let server: FaultServer;
let next: Behaviour = reply(200, {});
const prototypes = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const ownNames = prototypes.map((proto) => Object.getOwnPropertyNames(proto).sort());

beforeAll(async () => {
  server = await startFaultServer(() => next);
  for (const file of readdirSync(new URL("../../src/funcs/", import.meta.url)).sort()) {
    if (file.endsWith("-pages.ts") || file.endsWith("-items.ts")) continue;
    const module = (await import(/* @vite-ignore */ new URL(`../../src/funcs/${file}`, import.meta.url).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) if (typeof value === "function") funcs.push({ name, call: value as AnyFunction });
  }
});

afterAll(async () => {
  await server.close();
});

function expectNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe["polluted"]).toBeUndefined();
  expect(probe["isAdmin"]).toBeUndefined();
  prototypes.forEach((proto, index) => expect(Object.getOwnPropertyNames(proto).sort()).toEqual(ownNames[index]));
}

/** Checks the promise resolves to a well-formed Result, never rejecting. */
async function settle(call: () => Promise<Result<unknown>>): Promise<Result<unknown>> {
  let result: Result<unknown>;
  try {
    result = await call();
  } catch (thrown) {
    throw new Error(`rejected instead of resolving: ${String(thrown)}`);
  }
  expect(typeof result.ok).toBe("boolean");
  if (!result.ok) {
    expect(result.error).toBeInstanceOf(AutumnError);
    expect(ERROR_NAMES.has(result.error.name)).toBe(true);
    expect(typeof result.error.message).toBe("string");
    expect(JSON.stringify(result.error)).not.toContain(SECRET_KEY);
  }
  return result;
}

// Strings meant to break things: control characters, CR/LF, lone surrogates, huge and astral ones.
const nasty = fc.constantFrom(
  "user_123",
  "messages",
  "pro_plan",
  "a\r\nInjected: 1",
  "\r\n\r\nGET / HTTP/1.1",
  "\u0000",
  "\ud800",
  "😀".repeat(2_000),
  "x".repeat(200_000),
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "ü€",
  "",
  " ",
);
const hostileString = fc.oneof(fc.string(), fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), nasty);
const hostileKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "customerId", "featureId", "planId", "value", "metadata", "name", "email", "limit", "entityId", "eventName"),
  fc.string({ maxLength: 12 }),
);

/** An object whose keys may be `__proto__` and friends as own properties, as JSON.parse would make them. */
function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

const { hostile } = fc.letrec<{ hostile: unknown; object: Record<string, unknown> }>((tie) => ({
  hostile: fc.oneof(
    { depthSize: "small" },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constantFrom(null, undefined, Number.NaN, -0, Number.MAX_SAFE_INTEGER + 2, Symbol("s"), () => 1, new Date(0), 10n),
    fc.array(tie("hostile"), { maxLength: 3 }),
    tie("object"),
  ),
  object: fc.array(fc.tuple(hostileKey, tie("hostile")), { maxLength: 5 }).map(ownObject),
}));

// Params shaped like real ones, with some fields replaced or added by hostile ones.
const plausible = fc
  .tuple(
    fc.record({ customerId: hostileString, featureId: hostileString, planId: hostileString, entityId: hostileString, value: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: [] }),
    fc.array(fc.tuple(hostileKey, hostile), { maxLength: 3 }),
  )
  .map(([base, extra]) => ownObject([...Object.entries(base), ...extra]));

const hostileOptions = fc.option(
  fc.record(
    {
      headers: fc.array(fc.tuple(fc.oneof(hostileString, fc.constantFrom("x-trace", "Authorization", "idempotency-key")), fc.oneof(hostileString, fc.constant(7 as unknown as string))), { maxLength: 2 }).map((pairs) => ownObject(pairs) as Record<string, string>),
      idempotencyKey: fc.oneof(hostileString, fc.constant(42 as unknown as string)),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

describe("every function, hostile params", () => {
  it("resolves to a Result, never rejects, never pollutes prototypes, and sends nothing when it refuses the input", limit(1), async () => {
    expect(funcs.length).toBeGreaterThanOrEqual(40);
    const core = testCore({ serverURL: server.url, timeoutMs: BUDGET_MS, retryConfig: { limit: 0 } });
    const seen: Record<string, number> = { sent: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...funcs), fc.oneof(hostile, plausible), hostileOptions, async ({ call }, params, options) => {
        const before = server.count();
        const result = await settle(() => call(core, params, options));
        const sent = server.count() - before;
        const refused = !result.ok && (result.error.name === "RequestValidationError" || result.error.name === "ConfigurationError");
        if (refused) expect(sent).toBe(0);
        // Nothing reached a live loopback server only when the SDK itself refused the params or options, or
        // when Node's HTTP parser refused a header block over 16 KB (a huge idempotency key) with 431.
        const headerTooLarge = result.error?.name === "AutumnAPIError" && result.error.status === 431;
        if (sent === 0 && !headerTooLarge) expect(refused).toBe(true);
        seen[sent === 0 ? "refused" : "sent"]!++;
        expectNoPollution();
      }),
      settings(1),
    );
    // Both sides of the property were exercised.
    expect(seen["refused"]).toBeGreaterThan(0);
    expect(seen["sent"]).toBeGreaterThan(0);
  });
});

const customer = fixture("customer");
const pollutingJson = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  JSON.stringify(customer).replace('"metadata":{', '"metadata":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"isAdmin":true}},'),
  JSON.stringify(fixture("balance-check")).replace('"customer_id"', '"__proto__":{"polluted":"yes"},"customer_id"'),
];

const calls: [string, (core: AutumnCore, options: RequestOptions) => Promise<Result<unknown>>][] = [
  ["customers.get", (core, options) => customersGet(core, { customerId: "user_123" }, options)],
  ["customers.update", (core, options) => customersUpdate(core, { customerId: "user_123", name: "Pat" }, options)],
  ["customers.list", (core, options) => customersList(core, { limit: 10 }, options)],
  ["balances.check", (core, options) => balancesCheck(core, { customerId: "user_123", featureId: "messages" }, options)],
  ["balances.track", (core, options) => balancesTrack(core, { customerId: "user_123", featureId: "messages", value: 2 }, options)],
  ["balances.batch_track", (core, options) => balancesBatchTrack(core, [{ customerId: "user_123", featureId: "messages" }], options)],
];

describe("random answers", () => {
  it("any status and body resolves to a Result that matches the status, after exactly one request", limit(0.5), async () => {
    const core = testCore({ serverURL: server.url, timeoutMs: BUDGET_MS, retryConfig: { limit: 0 } });
    const body = fc.oneof(fc.json(), fc.string(), fc.constantFrom(...pollutingJson, JSON.stringify(customer), "", "null", "[]", "<html>"));
    const type = fc.constantFrom("application/json", "text/plain", "text/html", "application/octet-stream");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...calls), fc.integer({ min: 200, max: 599 }), body, type, fc.boolean(), async ([, call], status, text, contentType, failOpen) => {
        next = (_request, response) => {
          response.writeHead(status, { "content-type": contentType });
          response.end(text);
        };
        const before = server.count();
        const result = await settle(() => call(core, { failOpen }));
        // fetch itself resends once on 421 Misdirected Request, on a new connection, as the Fetch standard says.
        expect(server.count() - before).toBe(status === 421 ? 2 : 1);
        // fetch turns a 407 Proxy Authentication Required into a network error, as the Fetch standard says.
        if (status === 407) expect(result.ok ? failOpen : result.error.name).toBe(result.ok || "ConnectionError");
        else if (status >= 300 && !(failOpen && status >= 500 && result.ok)) {
          expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", status });
        }
        if (status < 300 && !result.ok) expect(result.error).toMatchObject({ name: "ResponseValidationError", status });
        expectNoPollution();
      }),
      settings(0.5),
    );
  });

  it("keeps __proto__ keys of data records as plain data", async () => {
    next = reply(200, pollutingJson[2]!, { "content-type": "application/json" });
    const result = await customersGet(testCore({ serverURL: server.url }), { customerId: "user_123" });
    expectNoPollution();
    if (!result.ok) throw result.error;
    const metadata = result.value.metadata as Record<string, unknown>;
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(metadata["polluted"]).toBeUndefined();
    // Kept, as own data properties: the user's metadata, not a way into a prototype.
    expect(Object.getOwnPropertyDescriptor(metadata, "__proto__")?.value).toEqual({ polluted: "yes" });
    expect(Object.getOwnPropertyDescriptor(metadata, "constructor")?.value).toEqual({ prototype: { isAdmin: true } });
  });
});

// Keys of records (metadata, event properties) are the user's data: every key goes out and comes back.
const recordKey = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "isAdmin", "0"), fc.string({ maxLength: 8 }));
const record = fc.uniqueArray(fc.tuple(recordKey, fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean())), { selector: ([key]) => key, maxLength: 6 });

describe("data record keys, both ways", () => {
  it("sends every metadata and event-property key as given, __proto__, constructor and prototype included", limit(0.05), async () => {
    const core = testCore({ serverURL: server.url, timeoutMs: BUDGET_MS, retryConfig: { limit: 0 } });
    await fc.assert(
      fc.asyncProperty(record, record, async (metadataEntries, propertyEntries) => {
        next = reply(200, fixture("balance-track"));
        const metadata = ownObject(metadataEntries);
        const properties = ownObject(propertyEntries);
        await settle(() => customersUpdate(core, { customerId: "user_123", metadata }));
        expect(Object.entries((server.requests.at(-1)!.json as { metadata: object }).metadata)).toEqual(Object.entries(metadata));
        await settle(() => balancesTrack(core, { customerId: "user_123", featureId: "messages", properties }));
        expect(Object.entries((server.requests.at(-1)!.json as { properties: object }).properties)).toEqual(Object.entries(properties));
        expectNoPollution();
      }),
      settings(0.05),
    );
  });

  it("keeps every key of a record the server answers, as own data, without touching a prototype", limit(0.05), async () => {
    const core = testCore({ serverURL: server.url, timeoutMs: BUDGET_MS, retryConfig: { limit: 0 } });
    await fc.assert(
      fc.asyncProperty(record, async (entries) => {
        const metadataJson = `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(",")}}`;
        next = reply(200, JSON.stringify({ ...customer, metadata: "METADATA" }).replace('"METADATA"', () => metadataJson), { "content-type": "application/json" });
        const result = await settle(() => customersGet(core, { customerId: "user_123" }));
        if (!result.ok) throw result.error;
        const metadata = (result.value as { metadata: object }).metadata;
        expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
        expect(Object.entries(metadata)).toEqual(Object.entries(JSON.parse(metadataJson) as object));
        expectNoPollution();
      }),
      settings(0.05),
    );
  });
});

describe("hostile configuration", () => {
  it("a key or server URL with CR/LF, or none at all, is refused before anything is sent", limit(0.1), async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString, fc.constant(undefined)), fc.oneof(hostileString, fc.constant(server.url)), async (secretKey, serverURL) => {
        const saved = process.env["AUTUMN_SECRET_KEY"];
        delete process.env["AUTUMN_SECRET_KEY"];
        try {
          const before = server.count();
          let core: AutumnCore;
          try {
            core = new AutumnCore({ secretKey, serverURL, retryConfig: { limit: 0 }, timeoutMs: BUDGET_MS });
          } catch (thrown) {
            // A malformed key or URL given to the constructor is refused there, naming the option.
            expect(thrown).toMatchObject({ name: "ConfigurationError" });
            expect(["secretKey", "serverURL"]).toContain((thrown as { setting: string }).setting);
            return;
          }
          const result = await settle(() => customersGet(core, { customerId: "user_123" }));
          // Node's server refuses a header block over 16 KB (a huge key) with 431 before any handler runs.
          if (server.count() === before && !(result.error?.name === "AutumnAPIError" && result.error.status === 431)) {
            expect(result.ok || result.error.name).toBe("ConfigurationError");
          }
          if (!result.ok && result.error.name === "ConfigurationError") expect(server.count()).toBe(before);
        } finally {
          if (saved !== undefined) process.env["AUTUMN_SECRET_KEY"] = saved;
        }
      }),
      settings(0.1),
    );
  });
});
