import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { serve, type ServerType } from "@hono/node-server";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The built package, as the examples import it (they need `npm run build`, which `npm test` does).
import { AutumnCore } from "@useautumn/sdk/core.js";
import { CustomerCore, type CustomerTokens } from "@useautumn/sdk/customer-core.js";
import { balancesCheck } from "@useautumn/sdk/funcs/balances-check.js";
import { balancesTrack } from "@useautumn/sdk/funcs/balances-track.js";
import { billingAttach } from "@useautumn/sdk/funcs/billing-attach.js";
import { customersGetOrCreate } from "@useautumn/sdk/funcs/customers-get-or-create.js";
import type { WebhookEvent } from "@useautumn/sdk/webhooks";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";
import { binaryPath } from "../scripts/runtimes/pins.js";
import { startWorker } from "../scripts/runtimes/workerd.js";
import { OTHER_KEY, OTHER_SECRET, signedHeaders, WEBHOOK_SECRET } from "./webhook-signing.js";
import { CHILD_TIMEOUT_MS, SPAWNING_TEST } from "./helpers.js";

/**
 * The examples in examples/, compiled and, where they can run here, run
 * against the local sandbox: the Next.js route handlers and the Hono service
 * on Node, the Worker under workerd (installed by `npm run runtimes:install`).
 * The Next.js app itself is built and served by `next build` and `next start`
 * in the runtime matrix (`npm run test:runtimes`).
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const KEY = "am_sk_test_examples";
let sandbox: Sandbox;
let core: AutumnCore;

beforeAll(async () => {
  sandbox = await startSandbox();
  core = new AutumnCore({ secretKey: KEY, serverURL: sandbox.url });
});
afterAll(async () => {
  await sandbox.close();
});

/** A customer on the free plan: 5 `messages` a month. */
async function freeCustomer(customerId: string): Promise<void> {
  expect((await customersGetOrCreate(core, { customerId })).ok).toBe(true);
  expect((await billingAttach(core, { customerId, planId: "free" })).ok).toBe(true);
}

const requestsFor = (customerId: string) => sandbox.requests.filter((request) => JSON.stringify(request.body).includes(`"${customerId}"`)).length;

it("compiles every example with tsc", SPAWNING_TEST, async () => {
  await promisify(execFile)(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", "examples/tsconfig.json"], { cwd: root, timeout: CHILD_TIMEOUT_MS });
});

describe("examples/nextjs: the App Router route handlers", () => {
  const env = { ...process.env };
  beforeAll(() => {
    process.env["AUTUMN_SECRET_KEY"] = KEY;
    process.env["AUTUMN_SERVER_URL"] = sandbox.url;
  });
  afterAll(() => {
    process.env = env;
  });
  const as = (user: string | null, path: string, init: RequestInit = {}) =>
    new Request(`http://app.test${path}`, { ...init, headers: user ? { "x-user-id": user, "content-type": "application/json" } : {} });

  it("checks and tracks usage for the signed-in user", async () => {
    const { GET, POST } = await import("../examples/nextjs/app/api/usage/route.js");
    await freeCustomer("next_1");
    expect(await (await GET(as("next_1", "/api/usage?feature=messages"))).json()).toEqual({ allowed: true, remaining: 5 });
    const tracked = await POST(as("next_1", "/api/usage", { method: "POST", body: JSON.stringify({ feature: "messages", value: 2 }) }));
    expect([tracked.status, await tracked.json()]).toEqual([200, { remaining: 3 }]);
  });

  it("answers 401, 400 and 404 from error values, sending nothing for a bad id", async () => {
    const { GET } = await import("../examples/nextjs/app/api/usage/route.js");
    expect((await GET(as(null, "/api/usage"))).status).toBe(401);
    const invalid = await GET(as("not an id", "/api/usage"));
    expect([invalid.status, await invalid.json()]).toEqual([400, { error: "invalid customerId" }]);
    expect(requestsFor("not an id")).toBe(0);
    const missing = await GET(as("next_nobody", "/api/usage"));
    expect([missing.status, await missing.json()]).toEqual([404, { error: "customer_not_found" }]);
  });

  it("checks on the edge route too, under the request's signal", async () => {
    const { GET, runtime } = await import("../examples/nextjs/app/api/usage-edge/route.js");
    expect(runtime).toBe("edge");
    await freeCustomer("next_edge_1");
    expect(await (await GET(as("next_edge_1", "/api/usage-edge?feature=messages"))).json()).toEqual({ allowed: true, remaining: 5 });
    const missing = await GET(as("next_nobody", "/api/usage-edge"));
    expect([missing.status, await missing.json()]).toEqual([404, { error: "customer_not_found" }]);
  });

  it("sends nothing for a request the browser already gave up on", async () => {
    const { GET } = await import("../examples/nextjs/app/api/usage-edge/route.js");
    await freeCustomer("next_edge_gone");
    const before = sandbox.requests.length;
    const gone = new Request("http://app.test/api/usage-edge", { headers: { "x-user-id": "next_edge_gone" }, signal: AbortSignal.abort() });
    expect((await GET(gone)).status).toBe(499);
    expect(sandbox.requests.length).toBe(before);
  });
});

describe("examples/hono: the service on Node", () => {
  let server: ServerType;
  let origin: string;
  beforeAll(async () => {
    const { createApp } = await import("../examples/hono/app.js");
    await new Promise<void>((resolve) => {
      server = serve({ fetch: createApp(core).fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  const call = async (user: string | null, method: string, path: string) => {
    const response = await fetch(`${origin}${path}`, { method, headers: user ? { "x-user-id": user, "x-user-email": `${user}@example.com` } : {} });
    return [response.status, await response.json()] as const;
  };

  it("signs up, subscribes, and counts uses down until it answers 402", async () => {
    expect(await call("hono_1", "POST", "/api/me")).toEqual([200, { id: "hono_1", email: "hono_1@example.com" }]);
    expect(await call("hono_1", "POST", "/api/subscribe/free")).toEqual([200, { paymentUrl: null }]);
    expect(await call("hono_1", "GET", "/api/usage/messages")).toEqual([200, { featureId: "messages", allowed: true, remaining: 5 }]);
    for (const remaining of [4, 3, 2, 1, 0]) {
      expect(await call("hono_1", "POST", "/api/usage/messages")).toEqual([200, { featureId: "messages", allowed: true, remaining }]);
    }
    expect(await call("hono_1", "POST", "/api/usage/messages")).toEqual([402, { featureId: "messages", allowed: false, remaining: 0 }]);
  });

  it("maps error values to 401, 400 and 404", async () => {
    expect((await call(null, "GET", "/api/usage/messages"))[0]).toBe(401);
    expect(await call("bad@id", "GET", "/api/usage/messages")).toEqual([400, { error: "invalid customerId" }]);
    expect(await call("hono_nobody", "GET", "/api/usage/messages")).toEqual([404, { error: "customer_not_found" }]);
    expect(await call("hono_nobody", "POST", "/api/subscribe/enterprise")).toEqual([404, { error: "customer_not_found" }]);
  });

  it("mints the signed-in user's token pair with the secret key, and the pair checks and tracks for that user directly", async () => {
    await freeCustomer("hono_tokens");
    const response = await fetch(`${origin}/api/autumn-tokens`, { method: "POST", headers: { "x-user-id": "hono_tokens" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const tokens = (await response.json()) as CustomerTokens;
    expect(tokens).toEqual({ accessToken: expect.stringMatching(/^am_jwt_/), refreshToken: expect.stringMatching(/^am_jwt_/), expiresAt: expect.any(Number), refreshExpiresAt: expect.any(Number) });
    expect(sandbox.requests.at(-1)).toMatchObject({ path: "keys.mint", authorization: `Bearer ${KEY}`, body: { customer_id: "hono_tokens" } });

    // What the page does with it: Autumn directly, as that user, without the key.
    const autumn = new CustomerCore({ tokens, serverURL: sandbox.url });
    expect(autumn.customerId).toBe("hono_tokens");
    const checked = await balancesCheck(autumn, { featureId: "messages" });
    expect(checked.ok && [checked.value.allowed, checked.value.balance?.remaining]).toEqual([true, 5]);
    const tracked = await balancesTrack(autumn, { featureId: "messages", value: 1 });
    expect(tracked.ok && tracked.value.balance?.remaining).toBe(4);
    expect(sandbox.requests.at(-1)).toMatchObject({ path: "balances.track", authorization: `Bearer ${tokens.accessToken}`, body: { customer_id: "hono_tokens" } });
  });

  it("refuses to mint for a signed-out caller (401, nothing sent to Autumn) and answers 404 for a user with no customer", async () => {
    const mints = () => sandbox.requests.filter((request) => request.path === "keys.mint").length;
    const before = mints();
    const [status] = await call(null, "POST", "/api/autumn-tokens");
    expect(status).toBe(401);
    expect(mints()).toBe(before);
    expect(await call("hono_nobody", "POST", "/api/autumn-tokens")).toEqual([404, { error: "customer_not_found" }]);
    expect(mints()).toBe(before + 1);
  });
});

/** A delivery as Autumn sends it: the JSON body and its headers, signed now with node:crypto. */
function delivery(event: unknown, signing: Parameters<typeof signedHeaders>[1] = {}) {
  const body = JSON.stringify(event);
  return { body, headers: { "content-type": "application/json", ...signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000), ...signing }) } };
}
const limitReached = { type: "balances.limit_reached", data: { customer_id: "user_9", feature_id: "messages", limit_type: "included" } };

/** The deliveries every webhook receiver must refuse with a 400: altered, replayed, unsigned, signed by another secret. */
function forgeries(): { name: string; body: string; headers: Record<string, string>; reason: string }[] {
  const genuine = delivery(limitReached, { id: "msg_forged" });
  return [
    { name: "tampered", body: genuine.body.replace("user_9", "user_8"), headers: genuine.headers, reason: "no_matching_signature" },
    { name: "stale", ...delivery(limitReached, { timestamp: Math.floor(Date.now() / 1000) - 600 }), reason: "timestamp_outside_tolerance" },
    { name: "unsigned", body: genuine.body, headers: { "content-type": "application/json" }, reason: "missing_header" },
    { name: "another secret", ...delivery(limitReached, { keys: [Buffer.from("another endpoint's key!!")] }), reason: "no_matching_signature" },
  ];
}

describe("examples/nextjs-webhooks: the App Router webhook route", () => {
  const env = { ...process.env };
  beforeAll(() => {
    // Both secrets, as during a rotation; deliveries are signed with the second.
    process.env["AUTUMN_WEBHOOK_SECRET"] = `${OTHER_SECRET} ${WEBHOOK_SECRET}`;
  });
  afterAll(() => {
    process.env = env;
  });
  const post = async ({ body, headers }: { body: string; headers: Record<string, string> }) => {
    const { POST } = await import("../examples/nextjs-webhooks/app/api/autumn/webhook/route.js");
    const response = await POST(new Request("http://app.test/api/autumn/webhook", { method: "POST", body, headers }));
    return [response.status, await response.json()] as const;
  };

  it("handles a signed event once, and acknowledges its resend without handling it again", async () => {
    const { outbox } = await import("../examples/nextjs-webhooks/lib/autumn-events.js");
    const sent = delivery(limitReached, { id: "msg_next_1" });
    expect(await post(sent)).toEqual([200, { received: true, handled: "balances.limit_reached" }]);
    expect(outbox).toContain("to user_9: you have used all your messages; upgrade to keep going");
    const count = outbox.length;
    // Autumn resends under the same id with a new timestamp and signature.
    expect(await post(delivery(limitReached, { id: "msg_next_1", timestamp: Math.floor(Date.now() / 1000) + 1 }))).toEqual([200, { received: true, duplicate: true }]);
    expect(outbox.length).toBe(count);
    // Signed with the older secret of the two.
    const billing = { type: "billing.updated", data: { customer_id: "user_9", plan_changes: [{ action: "activated", subscription: { plan_id: "pro", status: "active", past_due: false, started_at: 1, canceled_at: null, expires_at: null, trial_ends_at: null, current_period_start: 1, current_period_end: 2 }, previous_attributes: null, item_changes: [] }], tags: [] } };
    expect(await post(delivery(billing, { id: "msg_next_2", keys: [OTHER_KEY] }))).toEqual([200, { received: true, handled: "billing.updated" }]);
    expect(outbox.at(-1)).toBe("to user_9: pro activated");
  });

  it("answers 400 to a tampered, stale, unsigned or foreign delivery, and handles none", async () => {
    const { outbox } = await import("../examples/nextjs-webhooks/lib/autumn-events.js");
    const count = outbox.length;
    for (const forged of forgeries()) expect(await post(forged), forged.name).toEqual([400, { error: forged.reason }]);
    expect(outbox.length).toBe(count);
  });

  it("acknowledges an event type it does not know, and a genuine event it cannot read", async () => {
    expect(await post(delivery({ type: "invoices.finalized", data: { invoice_id: "in_1" } }))).toEqual([200, { received: true, ignored: "invoices.finalized" }]);
    const malformed = delivery({ type: "balances.limit_reached", data: { customer_id: "user_9" } }, { id: "msg_malformed" });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(" "));
    try {
      expect(await post(malformed)).toEqual([200, { received: true, processed: false }]);
    } finally {
      console.error = original;
    }
    expect(errors.join("\n")).toContain("msg_malformed");
  });

  it("answers 500 when its secret is not set, so that Autumn tries again later", async () => {
    delete process.env["AUTUMN_WEBHOOK_SECRET"];
    const original = console.error;
    console.error = () => {};
    try {
      expect(await post(delivery(limitReached))).toEqual([500, { error: "webhook receiver unavailable" }]);
    } finally {
      console.error = original;
      process.env["AUTUMN_WEBHOOK_SECRET"] = WEBHOOK_SECRET;
    }
  });
});

describe("examples/hono: the webhook route on Node", () => {
  let server: ServerType;
  let origin: string;
  const received: WebhookEvent[] = [];
  beforeAll(async () => {
    const { webhookRoutes } = await import("../examples/hono/webhooks.js");
    const app = webhookRoutes({ secret: WEBHOOK_SECRET, onEvent: (event) => void received.push(event) });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  const post = async ({ body, headers }: { body: string; headers: Record<string, string> }) => {
    const response = await fetch(`${origin}/webhooks/autumn`, { method: "POST", body, headers });
    return [response.status, await response.json()] as const;
  };

  it("hands a signed event to the app once, camelCased, and acknowledges its resend", async () => {
    const sent = delivery(limitReached, { id: "msg_hono_1" });
    expect(await post(sent)).toEqual([200, { received: true, type: "balances.limit_reached" }]);
    expect(await post(sent)).toEqual([200, { received: true, duplicate: true }]);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ type: "balances.limit_reached", known: true, deliveryId: "msg_hono_1", data: { customerId: "user_9", limitType: "included" } });
  });

  it("answers 400 to a tampered, stale, unsigned or foreign delivery, and passes none on", async () => {
    const count = received.length;
    for (const forged of forgeries()) expect(await post(forged), forged.name).toEqual([400, { error: forged.reason }]);
    expect(received.length).toBe(count);
  });

  it("acknowledges an event type it does not know, passing it on with its raw data", async () => {
    expect(await post(delivery({ type: "invoices.finalized", data: { invoice_id: "in_1" } }, { id: "msg_hono_2" }))).toEqual([200, { received: true, type: "invoices.finalized" }]);
    expect(received.at(-1)).toMatchObject({ known: false, type: "invoices.finalized", data: { invoice_id: "in_1" } });
  });
});

const workerd = binaryPath("workerd");
describe.skipIf(!existsSync(workerd))("examples/worker: the Cloudflare Worker under workerd", () => {
  // Starts a workerd process.
  it("spends the balance one use at a time and answers 402 at zero, 404 for an unknown customer", SPAWNING_TEST, async () => {
    await freeCustomer("worker_1");
    const worker = await startWorker({
      entry: "examples/worker/index.ts",
      resolveDir: root,
      bindings: { AUTUMN_SECRET_KEY: KEY, AUTUMN_SERVER_URL: sandbox.url },
      upstream: new URL(sandbox.url).host,
    });
    try {
      const use = async (customer: string) => {
        const response = await fetch(`${worker.url}/use?customer=${customer}&feature=messages`, { method: "POST" });
        return [response.status, await response.json()] as const;
      };
      for (const remaining of [4, 3, 2, 1, 0]) expect(await use("worker_1")).toEqual([200, { remaining }]);
      expect(await use("worker_1")).toEqual([402, { error: "limit reached" }]);
      expect(await use("worker_nobody")).toEqual([404, { error: "customer_not_found" }]);
    } finally {
      await worker.close();
    }
  });
});
if (!existsSync(workerd)) console.warn(`examples/worker not run: ${workerd} is missing (npm run runtimes:install)`);

describe("examples/browser: the page's bundle", () => {
  it("holds no key and none of the SDK, only calls to the app's own routes", async () => {
    const result = await build({ entryPoints: [`${root}examples/browser/main.ts`], bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "silent" });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain("/api/usage/");
    for (const leak of ["am_sk_", "Bearer", "x-api-version", "api.useautumn.com", "AutumnCore"]) expect(code).not.toContain(leak);
    console.log(`examples/browser bundle: ${code.length} bytes minified`);
  });
});

describe("examples/browser-tokens: the page's bundle", () => {
  it("holds no secret key, and of the SDK's functions only check, track and the token refresh (one import per function)", async () => {
    const result = await build({ entryPoints: [`${root}examples/browser-tokens/main.ts`], absWorkingDir: root, bundle: true, minify: true, format: "esm", platform: "browser", write: false, metafile: true, logLevel: "silent" });
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/am_sk_(?:test|live)_[A-Za-z0-9]/);
    expect(code).toContain("/api/autumn-tokens");
    // The modules of dist/funcs that made it into the bundle: importing the package's root would bring them all.
    const inputs = Object.values(result.metafile.outputs)[0]!.inputs;
    const funcs = Object.keys(inputs).flatMap((file) => (inputs[file]!.bytesInOutput > 0 ? (/dist\/funcs\/([^/]+)\.js$/.exec(file)?.slice(1) ?? []) : []));
    expect(funcs.sort()).toEqual(["balances-check", "balances-track", "keys-refresh"]);
    const html = readFileSync(`${root}examples/browser-tokens/index.html`, "utf8");
    expect(html).toContain('<script type="module" src="./main.js"></script>');
    expect(html).toMatch(/<meta name="autumn-server-url" content="http:\/\/127\.0\.0\.1:8787" \/>/);
    console.log(`examples/browser-tokens bundle: ${code.length} bytes minified, ${gzipSync(code, { level: 9 }).length} gzip`);
  });
});
