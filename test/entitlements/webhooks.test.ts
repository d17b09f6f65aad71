import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyWebhookEvent, cachedCheck, cacheStats, type WebhookApplied } from "../../src/entitlements/index.js";
import { balancesCheck } from "../../src/funcs/balances-check.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { billingAttach } from "../../src/funcs/billing-attach.js";
import { customersUpdate } from "../../src/funcs/customers-update.js";
import type { WebhookEvent } from "../../src/models/webhook-events.js";
import { webhooksVerify } from "../../src/webhooks/verify.js";
import { realPause } from "../clock.js";
import { comparable, type Harness, harness, stillClock } from "./helpers.js";


/**
 * The cache kept current by the sandbox's real webhook deliveries: a local
 * receiver verifies each one with webhooksVerify and applies it with
 * applyWebhookEvent, as an app's route does. The other writer here is this
 * test calling Autumn directly, which the cache does not see.
 */
beforeEach(stillClock);
const SECRET = `whsec_${Buffer.from("entitlement-cache-webhooks-secret").toString("base64")}`;
const MAX_AGE = 3_600_000;
let h: Harness;
let receiver: Server;
const applied: WebhookApplied[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const event = await webhooksVerify(SECRET, Buffer.concat(chunks).toString("utf8"), request.headers);
      if (!event.ok) return response.writeHead(400).end();
      const result = await applyWebhookEvent(h.cache, event.value);
      if (result.ok) applied.push(result.value);
      response.writeHead(result.ok ? 204 : 503).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/autumn`;
  h = await harness({ webhookURL: url, webhookSecret: SECRET }, { maxAgeMs: MAX_AGE });
});
afterAll(async () => {
  await h.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function newCustomer(): Promise<string> {
  const customerId = await h.newCustomer();
  // The free plan it starts on is announced too: applied before the test begins.
  await delivered();
  return customerId;
}

/** Waits for every delivery to be answered, then for what the receiver started to finish. */
async function delivered(): Promise<void> {
  await h.sandbox.webhooks.idle();
  await realPause(20);
}

describe("a second writer the cache does not see", () => {
  it("shows after maxAgeMs at the latest", async () => {
    const customerId = await newCustomer();
    await cachedCheck(h.cache, { customerId, featureId: "messages" });
    await balancesTrack(h.core, { customerId, featureId: "messages", value: 2 });
    h.sandbox.advanceClock(MAX_AGE - 1_000);
    expect((await cachedCheck(h.cache, { customerId, featureId: "messages" })).value).toMatchObject({ source: "cache", balance: { remaining: 5 } });
    h.sandbox.advanceClock(1_000);
    const fresh = await cachedCheck(h.cache, { customerId, featureId: "messages" });
    expect(fresh.value).toMatchObject({ source: "cache", balance: { remaining: 3 } });
    expect(comparable(fresh)).toEqual(comparable(await balancesCheck(h.core, { customerId, featureId: "messages" })));
  });

  it("shows in the next answer once its billing.updated is applied", async () => {
    const customerId = await newCustomer();
    await cachedCheck(h.cache, { customerId, featureId: "messages" });
    const attached = await billingAttach(h.core, { customerId, planId: "pro" });
    if (attached.ok && attached.value.paymentUrl) h.sandbox.completeCheckout(attached.value.paymentUrl);
    await delivered();
    expect(applied).toContainEqual({ action: "dropped", customerId });
    const params = { customerId, featureId: "messages", requiredBalance: 500 };
    const fresh = await cachedCheck(h.cache, params);
    expect(fresh.value).toMatchObject({ source: "cache", allowed: true, balance: { granted: 1000 } });
    expect(comparable(fresh)).toEqual(comparable(await balancesCheck(h.core, params)));
  });

  it("is refused at once when its balances.limit_reached is applied, and the balance follows", async () => {
    const customerId = await newCustomer();
    await cachedCheck(h.cache, { customerId, featureId: "messages" });
    await balancesTrack(h.core, { customerId, featureId: "messages", value: 5 });
    const loads = cacheStats(h.cache).loads;
    await delivered();
    expect(applied).toContainEqual({ action: "marked", customerId });
    expect((await cachedCheck(h.cache, { customerId, featureId: "messages" })).value).toMatchObject({ source: "cache", allowed: false });
    // The snapshot is loaded again in the background: then the balance shows the limit too.
    let answer = await cachedCheck(h.cache, { customerId, featureId: "messages" });
    while (answer.value!.balance!.remaining !== 0) {
      await realPause(2);
      answer = await cachedCheck(h.cache, { customerId, featureId: "messages" });
    }
    expect(cacheStats(h.cache).loads).toBe(loads + 1);
    expect(comparable(answer)).toEqual(comparable(await balancesCheck(h.core, { customerId, featureId: "messages" })));
  });

  it("shows in the next answer once its usage alert is applied, which loads the snapshot again", async () => {
    const customerId = await newCustomer();
    await customersUpdate(h.core, { customerId, billingControls: { usageAlerts: [{ featureId: "messages", threshold: 3, thresholdType: "usage" }] } });
    await cachedCheck(h.cache, { customerId, featureId: "messages" });
    await balancesTrack(h.core, { customerId, featureId: "messages", value: 3 });
    await delivered();
    expect(applied).toContainEqual({ action: "reloaded", customerId });
    const from = h.sandbox.requests.length;
    expect((await cachedCheck(h.cache, { customerId, featureId: "messages", requiredBalance: 3 })).value).toMatchObject({
      source: "cache",
      allowed: false,
      balance: { remaining: 2 },
    });
    expect(h.sandbox.requests.length - from).toBe(0);
  });
});

describe("applying an event", () => {
  const event = (deliveryId: string, type: string, data: Record<string, unknown>): WebhookEvent => ({ type, known: true, deliveryId, signedAt: Date.now(), data }) as WebhookEvent;

  it("twice, or a delivery again, does no harm: a repeated delivery is skipped", async () => {
    const customerId = await newCustomer();
    await cachedCheck(h.cache, { customerId, featureId: "messages" });
    const limit = event(`msg_${customerId}`, "balances.limit_reached", { customerId, featureId: "messages", limitType: "included" });
    expect((await applyWebhookEvent(h.cache, limit)).value).toEqual({ action: "marked", customerId });
    expect((await applyWebhookEvent(h.cache, limit)).value).toEqual({ action: "duplicate" });
    // The same event under another delivery id: marked again, to the same effect.
    expect((await applyWebhookEvent(h.cache, { ...limit, deliveryId: `${limit.deliveryId}_again` })).ok).toBe(true);
  });

  it("leaves alone a copy loaded well after a limit was reached, when the event says when that was", async () => {
    const customerId = await newCustomer();
    await cachedCheck(h.cache, { customerId, featureId: "messages" });
    const data = { customerId, featureId: "messages", limitType: "included" };
    const late = { ...event(`msg_late_${customerId}`, "balances.limit_reached", data), occurredAt: h.sandbox.now() - 61_000 } as WebhookEvent;
    expect((await applyWebhookEvent(h.cache, late)).value).toEqual({ action: "ignored", customerId });
    expect((await cachedCheck(h.cache, { customerId, featureId: "messages" })).value).toMatchObject({ source: "cache", allowed: true });
    const recent = { ...event(`msg_recent_${customerId}`, "balances.limit_reached", data), occurredAt: h.sandbox.now() - 59_000 } as WebhookEvent;
    expect((await applyWebhookEvent(h.cache, recent)).value).toEqual({ action: "marked", customerId });
  });

  it("drops the customer on an auto top-up and on the older plan event, and ignores what says nothing of balances", async () => {
    const customerId = await newCustomer();
    const topUp = event("msg_topup", "billing.auto_topup_succeeded", { customerId, featureId: "messages", quantityGranted: 100, threshold: 1, balanceAfter: 101, invoiceMode: false, invoice: { stripeId: "in_1", total: 100, currency: "usd" } });
    expect((await applyWebhookEvent(h.cache, topUp)).value).toEqual({ action: "dropped", customerId });
    const legacy = event("msg_legacy", "customer.products.updated", { scenario: "upgrade", customer: { id: customerId }, updatedProduct: {} });
    expect((await applyWebhookEvent(h.cache, legacy)).value).toEqual({ action: "dropped", customerId });
    const threshold = event("msg_threshold", "customer.threshold_reached", { thresholdType: "limit_reached", customer: { id: customerId }, feature: { id: "messages" } });
    expect((await applyWebhookEvent(h.cache, threshold)).value).toEqual({ action: "dropped", customerId });
    expect((await applyWebhookEvent(h.cache, { ...event("msg_unknown", "something.new", {}), known: false } as WebhookEvent)).value).toEqual({ action: "ignored" });
    expect((await applyWebhookEvent(h.cache, event("msg_failed", "billing.auto_topup_failed", { customerId, featureId: "messages", reason: "charge_failed" }))).value).toEqual({ action: "ignored" });
  });
});
