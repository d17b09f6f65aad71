import { execFile } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { AutumnCore } from "../src/core.js";
import { balancesCheck } from "../src/funcs/balances-check.js";
import { balancesTrack } from "../src/funcs/balances-track.js";
import { billingAttach } from "../src/funcs/billing-attach.js";
import { customersGetOrCreate } from "../src/funcs/customers-get-or-create.js";
import { customersUpdate } from "../src/funcs/customers-update.js";
import { webhooksVerify } from "../src/webhooks/verify.js";
import type { WebhookEvent } from "../src/models/webhook-events.js";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";
import { createWebhookSender, type WebhookSender } from "../src/sandbox/webhooks.js";
import { hmac, NOW_MS, NOW_S, WEBHOOK_KEY, WEBHOOK_SECRET } from "./webhook-signing.js";

/** What a receiver saw: each request's headers and raw body. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((each) => each.close()));
});

/** A receiver on 127.0.0.1 answering each request with the next status of `statuses` (the last one repeats). */
async function receiver(statuses: number[] = [200]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(statuses[Math.min(received.length, statuses.length) - 1]!).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  opened.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`, received };
}

function sender(options: Parameters<typeof createWebhookSender>[0]): WebhookSender {
  const created = createWebhookSender(options);
  opened.push(created);
  return created;
}

/** A sleep that records what it was asked to wait and returns at once. */
function instantSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

async function verified(request: Received, secret: string, now?: number): Promise<WebhookEvent> {
  const result = await webhooksVerify(secret, request.body, request.headers, now === undefined ? {} : { now });
  if (!result.ok) throw result.error;
  return result.value;
}

describe("the sandbox's webhook sender", () => {
  it("signs each attempt as Autumn does, checked with node:crypto and with webhooksVerify", async () => {
    const { url, received } = await receiver();
    const webhooks = sender({ url, secret: WEBHOOK_SECRET, clock: () => NOW_MS });
    const delivery = webhooks.send("balances.limit_reached", { customer_id: "c1", feature_id: "messages", limit_type: "included" });
    await webhooks.idle();
    expect(delivery?.status).toBe("delivered");
    const [request] = received;
    expect(request!.headers).toMatchObject({ "content-type": "application/json", "svix-id": delivery!.id, "svix-timestamp": String(NOW_S) });
    expect(request!.headers["svix-signature"]).toBe(`v1,${hmac(WEBHOOK_KEY, delivery!.id, NOW_S, request!.body)}`);
    expect(JSON.parse(request!.body)).toEqual({ type: "balances.limit_reached", data: { customer_id: "c1", feature_id: "messages", limit_type: "included" } });
    expect(await verified(request!, WEBHOOK_SECRET, NOW_MS)).toMatchObject({ type: "balances.limit_reached", deliveryId: delivery!.id });
  });

  it("retries a failed delivery with growing waits, under the same id and body, signed afresh each time", async () => {
    const { url, received } = await receiver([500, 503, 200]);
    const { sleep, waits } = instantSleep();
    let now = NOW_MS;
    const webhooks = sender({ url, secret: WEBHOOK_SECRET, retryDelaysMs: [1000, 5000, 30000], sleep, clock: () => (now += 7000) });
    const delivery = webhooks.send("billing.updated", { customer_id: "c1", plan_changes: [], tags: [] });
    await webhooks.idle();
    expect(delivery).toMatchObject({ status: "delivered", attempts: [500, 503, 200] });
    expect(waits).toEqual([1000, 5000]);
    expect(new Set(received.map((request) => request.headers["svix-id"]))).toEqual(new Set([delivery!.id]));
    expect(new Set(received.map((request) => request.body)).size).toBe(1);
    expect(received.map((request) => request.headers["svix-timestamp"])).toEqual([NOW_MS + 7000, NOW_MS + 14000, NOW_MS + 21000].map((ms) => String(ms / 1000)));
    for (const [index, request] of received.entries()) expect((await verified(request, WEBHOOK_SECRET, NOW_MS + 7000 * (index + 1))).deliveryId).toBe(delivery!.id);
  });

  it("gives up when the schedule runs out, and counts a refused connection as a failed attempt", async () => {
    const { url } = await receiver([500]);
    const { sleep, waits } = instantSleep();
    const failing = sender({ url, retryDelaysMs: [10, 20], sleep });
    const delivery = failing.send("balances.limit_reached", {});
    await failing.idle();
    expect(delivery).toMatchObject({ status: "failed", attempts: [500, 500, 500] });
    expect(waits).toEqual([10, 20]);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = sender({ url: `http://127.0.0.1:${port}/`, retryDelaysMs: [1], sleep });
    const unreachable = refused.send("balances.limit_reached", {});
    await refused.idle();
    expect(unreachable).toMatchObject({ status: "failed", attempts: ["ECONNREFUSED", "ECONNREFUSED"] });
  });

  it("sends nothing without a URL but records what it would have sent, and follows configure()", async () => {
    const { url, received } = await receiver();
    const webhooks = sender({});
    expect(webhooks.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(webhooks.send("balances.limit_reached", { n: 0 })).toMatchObject({ type: "balances.limit_reached", status: "unsent", attempts: [] });
    webhooks.configure({ url, secret: WEBHOOK_SECRET });
    webhooks.send("sandbox.ping", { n: 1 });
    await webhooks.idle();
    webhooks.configure({ url: undefined });
    expect(webhooks.send("sandbox.ping", { n: 2 })?.status).toBe("unsent");
    expect(received).toHaveLength(1);
    expect(webhooks.deliveries.map((delivery) => [delivery.status, JSON.parse(delivery.body).data.n])).toEqual([
      ["unsent", 0],
      ["delivered", 1],
      ["unsent", 2],
    ]);
    expect(await verified(received[0]!, WEBHOOK_SECRET)).toMatchObject({ type: "sandbox.ping", known: false, data: { n: 1 } });
  });

  it("stops retrying when closed, mid-wait, leaving no timer behind", async () => {
    const { url, received } = await receiver([500]);
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const before = timers();
    // The real sleep, with a wait far longer than the test may run.
    const webhooks = createWebhookSender({ url, retryDelaysMs: [3_600_000] });
    const delivery = webhooks.send("balances.limit_reached", {});
    while (delivery?.attempts.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await webhooks.close();
    expect(delivery).toMatchObject({ status: "failed", attempts: [500] });
    expect(received).toHaveLength(1);
    expect(timers()).toBeLessThanOrEqual(before);
    expect(webhooks.send("balances.limit_reached", {}).status).toBe("unsent");
  });
});

describe("resending a delivery", () => {
  it("sends it again under the same id and body, signed afresh, and adds the new attempts to its own", async () => {
    const { url, received } = await receiver([500, 200]);
    const { sleep } = instantSleep();
    let now = NOW_MS;
    const webhooks = sender({ url, secret: WEBHOOK_SECRET, retryDelaysMs: [], sleep, clock: () => (now += 60_000) });
    const delivery = webhooks.send("balances.limit_reached", { customer_id: "c1", feature_id: "messages", limit_type: "included" });
    await webhooks.idle();
    expect(delivery).toMatchObject({ status: "failed", attempts: [500] });

    expect(webhooks.resend(delivery.id)).toBe(delivery);
    expect(delivery.status).toBe("pending");
    await webhooks.idle();
    expect(delivery).toMatchObject({ status: "delivered", attempts: [500, 200] });
    expect(received.map((request) => request.headers["svix-id"])).toEqual([delivery.id, delivery.id]);
    expect(received[1]!.body).toBe(received[0]!.body);
    expect((await verified(received[1]!, WEBHOOK_SECRET, NOW_MS + 120_000)).deliveryId).toBe(delivery.id);
    expect(webhooks.deliveries).toHaveLength(1);
  });

  it("sends an event recorded while no URL was set, once one is", async () => {
    const { url, received } = await receiver();
    const webhooks = sender({ secret: WEBHOOK_SECRET });
    const delivery = webhooks.send("sandbox.ping", { n: 1 });
    expect(() => webhooks.resend(delivery.id)).toThrow(/No webhook URL is set/);
    expect(delivery.status).toBe("unsent");
    webhooks.configure({ url });
    webhooks.resend(delivery.id);
    await webhooks.idle();
    expect(delivery).toMatchObject({ status: "delivered", attempts: [200] });
    expect(received).toHaveLength(1);
  });

  it("refuses an id it never sent and a delivery still being sent", async () => {
    const { url } = await receiver([500]);
    const webhooks = sender({ url, retryDelaysMs: [3_600_000] });
    const delivery = webhooks.send("sandbox.ping", {});
    expect(() => webhooks.resend("msg_nope")).toThrow("No webhook delivery msg_nope");
    expect(() => webhooks.resend(delivery.id)).toThrow(`Webhook delivery ${delivery.id} is still being sent`);
    await webhooks.close();
    expect(() => webhooks.resend(delivery.id)).toThrow("The sandbox is closed");
  });
});

describe("the sandbox sends webhooks when its state changes", () => {
  let sandbox: Sandbox;
  let core: AutumnCore;
  let inbox: Received[];

  async function start(options: Parameters<typeof startSandbox>[0] = {}): Promise<void> {
    const target = await receiver();
    inbox = target.received;
    sandbox = await startSandbox({ webhookURL: target.url, webhookSecret: WEBHOOK_SECRET, ...options });
    opened.push(sandbox);
    core = new AutumnCore({ secretKey: "am_sk_test_webhooks", serverURL: sandbox.url });
  }

  /** The events received so far, each verified with the SDK. */
  async function events(): Promise<WebhookEvent[]> {
    await sandbox.webhooks.idle();
    return Promise.all(inbox.map((request) => verified(request, WEBHOOK_SECRET)));
  }

  async function freeCustomer(customerId: string, billingControls?: Parameters<typeof customersUpdate>[1]["billingControls"]): Promise<void> {
    expect((await customersGetOrCreate(core, { customerId, ...(billingControls && { billingControls }) })).ok).toBe(true);
    expect((await billingAttach(core, { customerId, planId: "free" })).ok).toBe(true);
  }

  it("billing.updated: activated for the auto-enabled plan of a new customer, updated when attached again; nothing for a checkout", async () => {
    await start();
    expect((await customersGetOrCreate(core, { customerId: "wh_1" })).ok).toBe(true);
    await billingAttach(core, { customerId: "wh_1", planId: "free" });
    await billingAttach(core, { customerId: "wh_1", planId: "pro" });
    const received = await events();
    expect(received.map((event) => event.type)).toEqual(["billing.updated", "billing.updated"]);
    const [first, second] = received;
    if (!first?.known || first.type !== "billing.updated" || !second?.known || second.type !== "billing.updated") throw new Error("not billing.updated");
    expect(first.data).toMatchObject({ customerId: "wh_1", tags: [], planChanges: [{ action: "activated", previousAttributes: null, itemChanges: [] }] });
    expect(first.data.planChanges[0]!.subscription).toMatchObject({ planId: "free", status: "active", pastDue: false, canceledAt: null });
    expect(second.data.planChanges[0]!.action).toBe("updated");
  });

  it("balances.limit_reached once, when tracking or a check with sendEvent uses the balance up", async () => {
    await start();
    await freeCustomer("wh_2");
    await freeCustomer("wh_3");
    await balancesTrack(core, { customerId: "wh_2", featureId: "messages", value: 4 });
    await balancesTrack(core, { customerId: "wh_2", featureId: "messages", value: 1 });
    await balancesTrack(core, { customerId: "wh_2", featureId: "messages", value: 1 });
    await balancesTrack(core, { customerId: "wh_3", featureId: "messages", value: 4 });
    await balancesCheck(core, { customerId: "wh_3", featureId: "messages", sendEvent: true });
    await balancesCheck(core, { customerId: "wh_3", featureId: "messages", sendEvent: true });
    const limits = (await events()).filter((event) => event.type === "balances.limit_reached");
    expect(limits.map((event) => event.data)).toEqual([
      { customerId: "wh_2", featureId: "messages", limitType: "included" },
      { customerId: "wh_3", featureId: "messages", limitType: "included" },
    ]);
    expect(new Set(limits.map((event) => event.deliveryId)).size).toBe(2);
  });

  it("balances.usage_alert_triggered when usage crosses an alert set on the customer", async () => {
    await start();
    await freeCustomer("wh_4", {
      usageAlerts: [
        { featureId: "messages", threshold: 80, thresholdType: "usage_percentage", name: "80% used" },
        { threshold: 2, thresholdType: "remaining" },
        { featureId: "other", threshold: 1, thresholdType: "usage" },
        { featureId: "messages", threshold: 1, thresholdType: "usage", enabled: false },
      ],
    });
    await balancesTrack(core, { customerId: "wh_4", featureId: "messages", value: 2 });
    expect((await events()).filter((event) => event.type === "balances.usage_alert_triggered")).toEqual([]);
    await balancesTrack(core, { customerId: "wh_4", featureId: "messages", value: 1 });
    await balancesTrack(core, { customerId: "wh_4", featureId: "messages", value: 1 });
    const alerts = (await events()).filter((event) => event.type === "balances.usage_alert_triggered").map((event) => event.data);
    expect(alerts).toEqual([
      { customerId: "wh_4", featureId: "messages", usageAlert: { threshold: 2, thresholdType: "remaining" } },
      { customerId: "wh_4", featureId: "messages", usageAlert: { name: "80% used", threshold: 80, thresholdType: "usage_percentage" } },
    ]);
    // Alerts set by customers.update count too.
    expect((await customersUpdate(core, { customerId: "wh_4", billingControls: { usageAlerts: [{ threshold: 5, thresholdType: "usage" }] } })).ok).toBe(true);
    await balancesTrack(core, { customerId: "wh_4", featureId: "messages", value: 1 });
    const last = (await events()).slice(-2);
    expect(last.map((event) => event.type).sort()).toEqual(["balances.limit_reached", "balances.usage_alert_triggered"]);
    expect(last.find((event) => event.type === "balances.usage_alert_triggered")?.data).toMatchObject({ usageAlert: { threshold: 5, thresholdType: "usage" } });
  });

  it("takes its target from AUTUMN_SANDBOX_WEBHOOK_URL and AUTUMN_SANDBOX_WEBHOOK_SECRET", async () => {
    const target = await receiver();
    const env = { ...process.env };
    process.env["AUTUMN_SANDBOX_WEBHOOK_URL"] = target.url;
    process.env["AUTUMN_SANDBOX_WEBHOOK_SECRET"] = WEBHOOK_SECRET;
    try {
      sandbox = await startSandbox();
      opened.push(sandbox);
    } finally {
      process.env = env;
    }
    expect([sandbox.webhooks.url, sandbox.webhooks.secret]).toEqual([target.url, WEBHOOK_SECRET]);
    core = new AutumnCore({ secretKey: "am_sk_test_webhooks", serverURL: sandbox.url });
    inbox = target.received;
    expect((await customersGetOrCreate(core, { customerId: "wh_5" })).ok).toBe(true);
    expect((await events()).map((event) => event.type)).toEqual(["billing.updated"]);
  });
});

describe("the quick start (npm start)", () => {
  it("ends with one webhook from the sandbox, verified and printed by its receiver", async () => {
    const env = { ...process.env };
    delete env["AUTUMN_SECRET_KEY"];
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--no-warnings", "examples/quickstart.ts"], { env, timeout: 60_000 });
    const webhook = stdout.slice(stdout.indexOf("# webhook"));
    expect(webhook).toMatch(/^# webhook received and verified: balances.limit_reached\n/);
    expect(JSON.parse(webhook.slice(webhook.indexOf("\n") + 1))).toMatchObject({
      deliveryId: expect.stringMatching(/^msg_/),
      data: { customerId: expect.stringMatching(/^quickstart_.+_webhook$/), featureId: "messages", limitType: "included" },
    });
  });
});
