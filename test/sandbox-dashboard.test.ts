import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AutumnCore } from "../src/core.js";
import { balancesBatchTrack } from "../src/funcs/balances-batch-track.js";
import { balancesCheck } from "../src/funcs/balances-check.js";
import { balancesTrack } from "../src/funcs/balances-track.js";
import { billingAttach } from "../src/funcs/billing-attach.js";
import { customersGetOrCreate } from "../src/funcs/customers-get-or-create.js";
import { entitiesCreate } from "../src/funcs/entities-create.js";
import { eventsAggregate } from "../src/funcs/events-aggregate.js";
import { DASHBOARD_SCRIPT } from "../src/sandbox/dashboard/script.js";
import { DEMO_CATALOG } from "../src/sandbox/demo-catalog.js";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";
import { fill, pageToken } from "./dashboard-helpers.js";

/**
 * The dashboard over HTTP, as its page talks to it: the page and its files, the JSON it draws (paged and
 * searched on the server), and the controls, which only the page's own POSTs reach. What the page does with
 * it in a browser is test/sandbox-dashboard-browser.test.ts.
 */

const DAY = 86_400_000;

/** The dashboard's JSON for `name`, or its status and error. */
async function data<T = any>(sandbox: Sandbox, name: string, params: Record<string, string | number> = {}, headers: Record<string, string> = {}): Promise<T> {
  const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]));
  const response = await fetch(`${sandbox.url}/_dashboard/api/${name}?${query}`, { headers });
  const body = (await response.json()) as T;
  if (!response.ok) throw Object.assign(new Error(`${name}: ${response.status} ${JSON.stringify(body)}`), { status: response.status });
  return body;
}

/** Sends a control as the page does: a POST with its token, from its own origin. */
function control(sandbox: Sandbox, token: string, name: string, params: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sandbox.url}/_dashboard/api/${name}?${new URLSearchParams(params)}`, {
    method: "POST",
    headers: { "x-autumn-dashboard-token": token, origin: sandbox.url, "sec-fetch-site": "same-origin", ...headers },
  });
}

/** How far the sandbox's clock is from the machine's, to the second: it moves only when someone moves it. */
const aheadS = (sandbox: Sandbox) => Math.round((sandbox.now() - Date.now()) / 1000);

describe("the dashboard's page", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it("is served at the sandbox's own URL, its script and style as files, under a policy that runs no other script", async () => {
    const page = await fetch(`${sandbox.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const policy = page.headers.get("content-security-policy")!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(page.headers.get("access-control-allow-origin")).toBeNull();
    const html = await page.text();
    // Every script is a file of its own origin: no inline script, no handler attribute.
    expect([...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag)).toEqual(['<script src="/_dashboard/app.js" defer>']);
    expect(html).not.toMatch(/\son[a-z]+=/i);

    const script = await fetch(`${sandbox.url}/_dashboard/app.js`);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await script.text()).toBe(DASHBOARD_SCRIPT);
    expect(() => new Function(DASHBOARD_SCRIPT)).not.toThrow();
    const style = await fetch(`${sandbox.url}/_dashboard/app.css`);
    expect([style.status, style.headers.get("content-type")]).toEqual([200, "text/css; charset=utf-8"]);
    expect(await style.text()).not.toMatch(/@import|url\(/);
    expect((await fetch(`${sandbox.url}/_dashboard/nothing.js`)).status).toBe(404);
  });

  it("gives each sandbox its own token for the controls", async () => {
    const other = await startSandbox();
    try {
      const [mine, theirs] = await Promise.all([pageToken(sandbox.url), pageToken(other.url)]);
      expect(mine).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(mine).not.toBe(theirs);
      expect(await pageToken(sandbox.url)).toBe(mine);
    } finally {
      await other.close();
    }
  });

  it("is neither recorded as a request nor hit by a queued fault", async () => {
    sandbox.reset();
    sandbox.fail({ kind: "status", status: 503 });
    expect((await fetch(`${sandbox.url}/`)).status).toBe(200);
    expect((await data(sandbox, "summary")).counts.requests).toBe(0);
    expect(sandbox.requests).toEqual([]);
    const core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } });
    const result = await customersGetOrCreate(core, { customerId: "after" });
    expect(!result.ok && result.error).toMatchObject({ status: 503 });
  });
});

describe("the dashboard's data, with 10,000 customers and 100,000 events", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
    fill(sandbox.state, 10_000, 100_000);
  });
  afterAll(() => sandbox.close());

  it("pages customers newest first, 50 at a time and never more than 200", async () => {
    const first = await data(sandbox, "customers");
    expect(first).toMatchObject({ total: 10_000, offset: 0, limit: 50 });
    expect(first.items.map((customer: { id: string }) => customer.id).slice(0, 2)).toEqual(["user_9999", "user_9998"]);
    expect(first.items[0]).toMatchObject({ name: "User 9999", email: "user9999@example.com", plans: [{ plan_id: "free", name: "Free", status: "active" }] });
    expect(first.items[0].balances).toEqual([expect.objectContaining({ feature_id: "messages", name: "Messages", granted: 5, interval: "month" })]);
    const later = await data(sandbox, "customers", { offset: 9_990, limit: 50 });
    expect(later.items.map((customer: { id: string }) => customer.id)).toEqual(Array.from({ length: 10 }, (_, index) => `user_${9 - index}`));
    expect((await data(sandbox, "customers", { limit: 5000 })).items).toHaveLength(200);
  });

  it("searches id, name and email on the server, in any case", async () => {
    expect((await data(sandbox, "customers", { q: "USER_1234" })).items.map((customer: { id: string }) => customer.id)).toEqual(["user_1234"]);
    expect((await data(sandbox, "customers", { q: "user 777" })).total).toBe(11);
    expect((await data(sandbox, "customers", { q: "user4242@example" })).items[0].id).toBe("user_4242");
    expect((await data(sandbox, "customers", { q: "nobody" })).total).toBe(0);
  });

  it("pages a customer's events, and everyone's, newest first", async () => {
    const everyone = await data(sandbox, "events", { limit: 20 });
    expect(everyone.total).toBe(100_000);
    const stored = sandbox.state.events;
    expect(everyone.items.map((event: { id: string }) => event.id)).toEqual(stored.slice(-20).reverse().map((event) => event.id));
    const own = stored.filter((event) => event.customer_id === "user_0");
    const mine = await data(sandbox, "events", { key: "user_0", offset: 20, limit: 10 });
    expect(mine.total).toBe(own.length);
    expect(mine.items.map((event: { id: string }) => event.id)).toEqual(own.reverse().slice(20, 30).map((event) => event.id));
  });

  it("charts a customer's usage per day from events.aggregate's bins", async () => {
    const usage = await data(sandbox, "usage", { key: "user_0", range: "30d" });
    expect(usage.features).toEqual([{ id: "messages", name: "Messages" }]);
    const core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
    const aggregate = await eventsAggregate(core, { customerId: "user_0", featureId: ["messages"], range: "30d", binSize: "day" });
    if (!aggregate.ok) throw aggregate.error;
    expect(usage.bins).toEqual(aggregate.value.list.map(({ period, values }) => ({ period, values })));
    const total = usage.bins.reduce((sum: number, bin: { values: { messages: number } }) => sum + bin.values.messages, 0);
    expect(total).toBe(sandbox.state.events.filter((event) => event.customer_id === "user_0").length);
    expect((await data(sandbox, "usage", { key: "user_0", range: "24h" })).bins.length).toBeGreaterThanOrEqual(24);
  });

  it("answers the header's summary without walking the lists", async () => {
    const summary = await data(sandbox, "summary");
    expect(summary.counts).toEqual({ customers: 10_000, events: 100_000, webhooks: sandbox.webhooks.deliveries.length, requests: sandbox.requests.length });
    expect(typeof summary.version).toBe("string");
    expect(Math.abs(summary.ahead_ms)).toBeLessThan(1000);
  });
});

describe("a customer on the dashboard", () => {
  let sandbox: Sandbox;
  let core: AutumnCore;
  beforeAll(async () => {
    sandbox = await startSandbox();
    core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
  });
  afterAll(() => sandbox.close());

  it("shows its plans with what is scheduled, every balance with its next reset, its entities and metadata", async () => {
    const created = await customersGetOrCreate(core, { customerId: "acme", name: "Acme", metadata: { tier: "gold" } });
    expect(created.ok).toBe(true);
    await billingAttach(core, { customerId: "acme", planId: "team" });
    await entitiesCreate(core, { customerId: "acme", entityId: "seat_1", featureId: "seats", name: "Ada" });
    const upgrade = await billingAttach(core, { customerId: "acme", planId: "pro" });
    if (!upgrade.ok || !upgrade.value.paymentUrl) throw new Error("expected a checkout");
    sandbox.completeCheckout("acme");
    await balancesTrack(core, { customerId: "acme", featureId: "messages", value: 7 });
    // Back to free at the end of the month: a downgrade waits for the cycle's end.
    await billingAttach(core, { customerId: "acme", planId: "free" });
    const seat = await billingAttach(core, { customerId: "acme", planId: "seat", entityId: "seat_1" });
    expect(seat.ok).toBe(true);

    const detail = await data(sandbox, "customer", { key: "acme" });
    expect(detail.customer).toMatchObject({ id: "acme", name: "Acme", metadata: { tier: "gold" } });
    expect(detail.customer.balances).toBeUndefined();
    const plans = detail.plans.map((plan: Record<string, unknown>) => [plan["plan_id"], plan["status"], typeof plan["started_at"]]);
    expect(plans).toEqual([
      ["pro", "active", "number"],
      ["free", "scheduled", "number"],
      ["seat", "active", "number"],
    ]);
    expect(detail.plans[2]).toMatchObject({ entity_id: "seat_1", add_on: true, name: "Seat" });
    const pro = detail.plans[0];
    expect(detail.plans[1].started_at).toBe(pro.current_period_end);
    const messages = detail.balances.find((balance: { feature_id: string }) => balance.feature_id === "messages");
    // As the API answers: the customer's balance counts its entities' grants too (the seat's 10).
    expect(messages).toMatchObject({ name: "Messages", granted: 1010, usage: 7, interval: "month" });
    expect(messages.next_reset_at).toBeGreaterThan(sandbox.now());
    expect(detail.entities).toEqual([expect.objectContaining({ id: "seat_1", name: "Ada", feature_id: "seats" })]);
    // The entity's own balance: the messages its seat plan grants.
    expect(detail.entities[0].balances).toEqual([expect.objectContaining({ feature_id: "messages", granted: 10 })]);
    expect(detail.events).toBe(1);
    expect((await fetch(`${sandbox.url}/_dashboard/api/customer?key=nobody`)).status).toBe(404);
  });

  it("shows a plan in its trial with the trial's end, and the flags a plan grants", async () => {
    const trial = await startSandbox({
      catalog: {
        features: [
          { featureId: "messages", name: "Messages", type: "metered", consumable: true },
          { featureId: "sso", name: "SSO", type: "boolean" },
        ],
        plans: [
          {
            planId: "pro",
            name: "Pro",
            price: { amount: 20, interval: "month" },
            freeTrial: { durationLength: 14, durationType: "day", cardRequired: false },
            items: [{ featureId: "messages", included: 100, reset: { interval: "month" } }, { featureId: "sso" }],
          },
        ],
      },
    });
    try {
      const client = new AutumnCore({ secretKey: trial.secretKey, serverURL: trial.url });
      await customersGetOrCreate(client, { customerId: "trying" });
      const attached = await billingAttach(client, { customerId: "trying", planId: "pro" });
      expect(attached.ok && attached.value.paymentUrl).toBeFalsy();
      const detail = await data(trial, "customer", { key: "trying" });
      expect(detail.plans).toEqual([expect.objectContaining({ plan_id: "pro", status: "active", in_trial: true })]);
      expect(detail.plans[0].trial_ends_at - trial.now()).toBeGreaterThan(13 * DAY);
      expect(Object.keys(detail.customer.flags)).toEqual(["sso"]);
    } finally {
      await trial.close();
    }
  });

  it("reads a customer as the API does, with what fell due on the clock applied", async () => {
    await customersGetOrCreate(core, { customerId: "daily" });
    await balancesTrack(core, { customerId: "daily", featureId: "messages", value: 3 });
    expect((await data(sandbox, "customer", { key: "daily" })).balances[0]).toMatchObject({ usage: 3, granted: 5 });
    sandbox.advanceClock(32 * DAY);
    const [listed] = (await data(sandbox, "customers", { q: "daily" })).items;
    expect(listed.balances[0]).toMatchObject({ usage: 0, granted: 5 });
    expect((await data(sandbox, "customer", { key: "daily" })).balances[0]).toMatchObject({ usage: 0 });
  });
});

describe("requests, webhooks and the catalog on the dashboard", () => {
  let sandbox: Sandbox;
  let core: AutumnCore;
  beforeAll(async () => {
    sandbox = await startSandbox({ webhookRetryDelaysMs: [] });
    core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } });
  });
  afterAll(() => sandbox.close());

  it("lists requests newest first with their route, status, fault and time taken, naming the credential by its kind only", async () => {
    sandbox.reset();
    await customersGetOrCreate(core, { customerId: "c1" });
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.check" });
    await balancesCheck(core, { customerId: "c1", featureId: "messages" });
    const page = await data(sandbox, "requests");
    expect(page.total).toBe(2);
    expect(page.items.map((request: Record<string, unknown>) => [request["index"], request["path"], request["status"], request["fault"], request["credential"]])).toEqual([
      [1, "balances.check", 503, "status 503", "secret key (test)"],
      [0, "customers.get_or_create", 200, null, "secret key (test)"],
    ]);
    expect(page.items.every((request: { duration_ms: number }) => request.duration_ms >= 0)).toBe(true);
    expect(JSON.parse(page.items[1].body)).toEqual({ customer_id: "c1" });
    expect(JSON.stringify(page)).not.toContain(sandbox.secretKey);
    // A body is cut at 4,000 characters: a batch of events is not sent whole every second.
    await balancesBatchTrack(core, Array.from({ length: 200 }, () => ({ customerId: "c1", featureId: "messages", value: 1 })));
    const [batch] = (await data(sandbox, "requests", { limit: 1 })).items;
    expect(batch).toMatchObject({ path: "balances.batch_track", status: 202 });
    expect(batch.body).toMatch(/… \(\d+ characters in all\)$/);
    expect(batch.body.length).toBeLessThan(4100);
    // The record the tests read has them too.
    expect(sandbox.requests.map(({ status, fault }) => [status, fault])).toEqual([
      [200, undefined],
      [503, "status 503"],
      [202, undefined],
    ]);
  });

  it("records a request a fault cut off without a status, with the time until it was cut", async () => {
    sandbox.reset();
    sandbox.fail({ kind: "reset" }, { route: "customers.get_or_create" });
    const cut = await customersGetOrCreate(core, { customerId: "c1" });
    expect(cut.ok).toBe(false);
    const [request] = (await data(sandbox, "requests")).items;
    expect(request).toMatchObject({ path: "customers.get_or_create", status: null, fault: "reset" });
    expect(request.duration_ms).toBeGreaterThanOrEqual(0);
    expect(sandbox.requests[0]!.status).toBeUndefined();
  });

  it("moves the summary's version for a request, the clock, a catalog, a reset and a webhook attempt, and not for its own reads", async () => {
    const version = async () => ((await data(sandbox, "summary")) as { version: string }).version;
    const seen = [await version()];
    expect(await version()).toBe(seen[0]);
    await customersGetOrCreate(core, { customerId: "v1" });
    seen.push(await version());
    sandbox.advanceClock(1000);
    seen.push(await version());
    sandbox.setCatalog(DEMO_CATALOG);
    seen.push(await version());
    sandbox.reset();
    seen.push(await version());
    sandbox.webhooks.configure({ url: "http://127.0.0.1:9/" });
    try {
      const delivery = sandbox.webhooks.send("sandbox.ping", {});
      await sandbox.webhooks.idle();
      expect(delivery.attempts.length).toBeGreaterThan(0);
    } finally {
      sandbox.webhooks.configure({ url: undefined });
    }
    seen.push(await version());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("lists webhook deliveries newest first, all or one customer's", async () => {
    sandbox.reset();
    await customersGetOrCreate(core, { customerId: "c1" });
    await customersGetOrCreate(core, { customerId: "c2" });
    const all = await data(sandbox, "webhooks");
    expect(all.items.map((delivery: Record<string, unknown>) => [delivery["type"], delivery["customer_id"], delivery["status"]])).toEqual([
      ["billing.updated", "c2", "unsent"],
      ["billing.updated", "c1", "unsent"],
    ]);
    expect(JSON.parse(all.items[0].body).data.customer_id).toBe("c2");
    expect((await data(sandbox, "webhooks", { customer: "c1" })).items.map((delivery: { id: string }) => delivery.id)).toEqual([sandbox.webhooks.deliveries[0]!.id]);
  });

  it("shows the catalog as served, and where and when it was loaded", async () => {
    const catalog = await data(sandbox, "catalog");
    expect(catalog.features.map((feature: { id: string }) => feature.id)).toEqual(["messages", "seats", "ai_credits"]);
    expect(catalog.plans.map((plan: { id: string }) => plan.id)).toEqual(["free", "pro", "seat", "team"]);
    expect(catalog.plans[0].items).toEqual([expect.objectContaining({ feature_id: "messages", included: 5, reset: { interval: "month" } })]);
    expect(catalog.source).toMatchObject({ file: null, error: null });
    const before = catalog.source.loadedAt;
    sandbox.setCatalog({ features: [{ featureId: "credits", name: "Credits", type: "metered", consumable: true }], plans: [] });
    const swapped = await data(sandbox, "catalog");
    expect(swapped.features.map((feature: { id: string }) => feature.id)).toEqual(["credits"]);
    expect(swapped.source.loadedAt).toBeGreaterThanOrEqual(before);
  });
});

describe("the dashboard's controls", () => {
  let sandbox: Sandbox;
  let token: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    token = await pageToken(sandbox.url);
  });
  afterAll(() => sandbox.close());

  it("move the clock by an hour, a day or a calendar month, for the page's own POST", async () => {
    const start = aheadS(sandbox);
    const version = (await data(sandbox, "summary")).version;
    const answer = await control(sandbox, token, "clock", { advance: "hour" });
    expect(answer.status).toBe(200);
    expect(aheadS(sandbox) - start).toBe(3600);
    expect((await data(sandbox, "summary")).version).not.toBe(version);
    await control(sandbox, token, "clock", { advance: "day" });
    expect(aheadS(sandbox) - start).toBe(3600 + 86_400);
    const before = new Date(sandbox.now());
    await control(sandbox, token, "clock", { advance: "month" });
    const after = new Date(sandbox.now());
    expect((after.getUTCFullYear() * 12 + after.getUTCMonth()) - (before.getUTCFullYear() * 12 + before.getUTCMonth())).toBe(1);
    expect((await control(sandbox, token, "clock", { advance: "year" })).status).toBe(400);
  });

  it("reset the sandbox, as sandbox.reset() does", async () => {
    const core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
    await customersGetOrCreate(core, { customerId: "gone" });
    expect(sandbox.state.customers.size).toBe(1);
    expect((await control(sandbox, token, "reset")).status).toBe(200);
    expect(sandbox.state.customers.size).toBe(0);
    expect(sandbox.requests).toEqual([]);
  });

  it("resend a webhook delivery, and say why one cannot be", async () => {
    sandbox.reset();
    const core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
    await customersGetOrCreate(core, { customerId: "hooked" });
    const [delivery] = sandbox.webhooks.deliveries;
    const refused = await control(sandbox, token, "resend", { id: delivery!.id });
    expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([409, expect.stringMatching(/No webhook URL is set/)]);
    let received = 0;
    const { createServer } = await import("node:http");
    const receiver = createServer((request, response) => {
      received++;
      request.resume();
      response.end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      sandbox.webhooks.configure({ url: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/` });
      expect((await control(sandbox, token, "resend", { id: delivery!.id })).status).toBe(200);
      await sandbox.webhooks.idle();
      expect(delivery).toMatchObject({ status: "delivered", attempts: [200] });
      expect(received).toBe(1);
    } finally {
      sandbox.webhooks.configure({ url: undefined });
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it.each([
    ["without the token", { "x-autumn-dashboard-token": "" }],
    ["with another token", { "x-autumn-dashboard-token": "x".repeat(32) }],
    ["from another origin", { origin: "http://127.0.0.1:1" }],
    ["from another site, by the browser's word", { "sec-fetch-site": "cross-site" }],
    ["from a sibling site, by the browser's word", { "sec-fetch-site": "same-site" }],
  ])("refuse a POST %s, and change nothing", async (_case, headers) => {
    sandbox.reset();
    const start = aheadS(sandbox);
    for (const [name, params] of [["clock", { advance: "month" }], ["reset", {}]] as const) {
      const answer = await control(sandbox, token, name, params, headers);
      expect(answer.status).toBe(403);
      expect(((await answer.json()) as { error: string }).error).toMatch(/^Refused: /);
    }
    expect(aheadS(sandbox)).toBe(start);
  });

  it("are out of reach, as the page and its data are, of a name rebound to 127.0.0.1", async () => {
    const start = aheadS(sandbox);
    const { request } = await import("node:http");
    const statusFor = (method: string, path: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const sent = request(`${sandbox.url}${path}`, { method, headers }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        sent.on("error", reject);
        sent.end();
      });
    const rebound = { host: "attacker.example:8787", origin: "http://attacker.example:8787" };
    expect(await statusFor("GET", "/", rebound)).toBe(403);
    expect(await statusFor("GET", "/_dashboard/api/customers", rebound)).toBe(403);
    expect(await statusFor("POST", "/_dashboard/api/clock?advance=month", { ...rebound, "x-autumn-dashboard-token": token })).toBe(403);
    expect(aheadS(sandbox)).toBe(start);
    expect(await statusFor("GET", "/", { host: "localhost:1" })).toBe(200);
  });

  it("refuse a GET, which changes nothing, and grant no preflight", async () => {
    const start = aheadS(sandbox);
    const get = await fetch(`${sandbox.url}/_dashboard/api/clock?advance=month`, { headers: { "x-autumn-dashboard-token": token } });
    expect(get.status).toBe(403);
    const preflight = await fetch(`${sandbox.url}/_dashboard/api/clock?advance=month`, {
      method: "OPTIONS",
      headers: { origin: "http://127.0.0.1:1", "access-control-request-method": "POST", "access-control-request-headers": "x-autumn-dashboard-token" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(preflight.headers.get("access-control-allow-headers")).toBeNull();
    expect(aheadS(sandbox)).toBe(start);
    // Its data is for its own page: another site's request for it is refused too.
    await expect(data(sandbox, "customers", {}, { "sec-fetch-site": "cross-site" })).rejects.toMatchObject({ status: 403 });
  });
});
