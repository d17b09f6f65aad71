import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AutumnCore } from "../src/core.js";
import { balancesCheck } from "../src/funcs/balances-check.js";
import { balancesTrack } from "../src/funcs/balances-track.js";
import { billingAttach } from "../src/funcs/billing-attach.js";
import { billingSetupPayment } from "../src/funcs/billing-setup-payment.js";
import { customersGet } from "../src/funcs/customers-get.js";
import { customersGetOrCreate } from "../src/funcs/customers-get-or-create.js";
import { customersUpdate } from "../src/funcs/customers-update.js";
import { eventsList } from "../src/funcs/events-list.js";
import { plansList } from "../src/funcs/plans-list.js";
import { type Sandbox, SandboxCatalogError, startSandbox } from "../src/sandbox/index.js";

/** The controls a test drives the sandbox with, beyond the API it serves. */

let sandbox: Sandbox;
let autumn: AutumnCore;

beforeAll(async () => {
  sandbox = await startSandbox();
  autumn = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

async function checkoutFor(customerId: string, extra: { successUrl?: string } = {}): Promise<string> {
  expect((await customersGetOrCreate(autumn, { customerId })).ok).toBe(true);
  const attached = await billingAttach(autumn, { customerId, planId: "pro", ...extra });
  if (!attached.ok || !attached.value.paymentUrl) throw new Error("expected a checkout URL");
  return attached.value.paymentUrl;
}

async function planIds(customerId: string): Promise<string[]> {
  const customer = await customersGet(autumn, { customerId });
  if (!customer.ok) throw customer.error;
  return customer.value.subscriptions.map((subscription) => subscription.planId);
}

describe("completeCheckout", () => {
  it("takes the payment URL: the plan replaces the free one, and the next paid attach needs no checkout", async () => {
    sandbox.completeCheckout(await checkoutFor("buyer_1"));
    expect(await planIds("buyer_1")).toEqual(["pro"]);
    const again = await billingAttach(autumn, { customerId: "buyer_1", planId: "pro" });
    expect(again.ok && again.value.paymentUrl).toBe(null);
  });

  it("takes a customer id, for that customer's latest checkout", async () => {
    await checkoutFor("buyer_2");
    expect(await planIds("buyer_2")).toEqual(["free"]);
    sandbox.completeCheckout("buyer_2");
    expect(await planIds("buyer_2")).toEqual(["pro"]);
  });

  it("throws when there is nothing to pay, or the checkout was paid already", async () => {
    expect(() => sandbox.completeCheckout("nobody")).toThrow(/No pending checkout/);
    const url = await checkoutFor("buyer_3");
    sandbox.completeCheckout(url);
    expect(() => sandbox.completeCheckout(url)).toThrow(/No pending checkout/);
  });

  it("pays a billing.setupPayment page: the card is kept, no plan changes", async () => {
    expect((await customersGetOrCreate(autumn, { customerId: "buyer_4" })).ok).toBe(true);
    const setup = await billingSetupPayment(autumn, { customerId: "buyer_4" });
    if (!setup.ok) throw setup.error;
    sandbox.completeCheckout(setup.value.url);
    expect(await planIds("buyer_4")).toEqual(["free"]);
    const attached = await billingAttach(autumn, { customerId: "buyer_4", planId: "pro" });
    expect(attached.ok && attached.value.paymentUrl).toBe(null);
    expect(await planIds("buyer_4")).toEqual(["pro"]);
  });
});

describe("the checkout page", () => {
  it("pays when opened, then sends the buyer to successUrl", async () => {
    const url = await checkoutFor("browser_1", { successUrl: "https://app.example.com/thanks" });
    const page = await fetch(url, { redirect: "manual" });
    expect([page.status, page.headers.get("location")]).toEqual([303, "https://app.example.com/thanks"]);
    expect(await planIds("browser_1")).toEqual(["pro"]);
  });

  it("says so when opened without a successUrl, and answers 404 once paid", async () => {
    const url = await checkoutFor("browser_2");
    const page = await fetch(url);
    expect([page.status, await page.text()]).toEqual([200, expect.stringContaining("Plan pro is attached")]);
    expect((await fetch(url)).status).toBe(404);
  });
});

describe("port", () => {
  it("listens on the port given, on 127.0.0.1", async () => {
    const probe = await startSandbox();
    const { port } = new URL(probe.url);
    await probe.close();
    const own = await startSandbox({ port: Number(port) });
    try {
      expect(own.url).toBe(`http://127.0.0.1:${port}`);
      expect((await plansList(new AutumnCore({ secretKey: own.secretKey, serverURL: own.url }))).ok).toBe(true);
    } finally {
      await own.close();
    }
  });
});

describe("the clock", () => {
  it("now() follows advanceClock, which refuses what is not a number", () => {
    const before = sandbox.now();
    sandbox.advanceClock(86_400_000);
    expect(sandbox.now() - before).toBeGreaterThanOrEqual(86_400_000);
    expect(() => sandbox.advanceClock(Number.NaN)).toThrow(TypeError);
  });
});

describe("events", () => {
  it("lists what track recorded, in camelCase, oldest first", async () => {
    expect((await customersGetOrCreate(autumn, { customerId: "tracker" })).ok).toBe(true);
    expect((await balancesTrack(autumn, { customerId: "tracker", featureId: "messages", value: 2, properties: { model: "small" } })).ok).toBe(true);
    expect((await balancesTrack(autumn, { customerId: "tracker", featureId: "messages" })).ok).toBe(true);
    expect(sandbox.events).toEqual([
      expect.objectContaining({ customerId: "tracker", entityId: null, featureId: "messages", eventName: null, value: 2, properties: { model: "small" } }),
      expect.objectContaining({ customerId: "tracker", featureId: "messages", value: 1 }),
    ]);
    sandbox.reset();
    expect(sandbox.events).toEqual([]);
  });
});

describe("reset", () => {
  it("forgets holds: a lock id taken before can be taken again", async () => {
    const hold = async () => {
      expect((await customersGetOrCreate(autumn, { customerId: "holder" })).ok).toBe(true);
      return balancesCheck(autumn, { customerId: "holder", featureId: "messages", requiredBalance: 2, lock: { lockId: "job_1" } });
    };
    expect((await hold()).ok).toBe(true);
    const again = await hold();
    expect(again.ok || again.error).toMatchObject({ status: 409 });
    sandbox.reset();
    const afterReset = await hold();
    expect(afterReset.ok && afterReset.value.allowed).toBe(true);
    expect(sandbox.requests.map((request) => request.path)).toEqual(["customers.get_or_create", "balances.check"]);
  });
});

describe("a renamed customer", () => {
  it("keeps its events under the new id", async () => {
    expect((await customersGetOrCreate(autumn, { customerId: "before" })).ok).toBe(true);
    expect((await balancesTrack(autumn, { customerId: "before", featureId: "messages", value: 2 })).ok).toBe(true);
    expect((await customersUpdate(autumn, { customerId: "before", newCustomerId: "after" })).ok).toBe(true);
    const listed = await eventsList(autumn, { customerId: "after" });
    expect(listed.ok && listed.value.list.map((event) => [event.customerId, event.value])).toEqual([["after", 2]]);
    expect(sandbox.events.map((event) => event.customerId)).toEqual(["after"]);
  });
});

describe("webhook deliveries", () => {
  it("are recorded without a URL, as unsent, so a test can see what would have been sent; reset forgets them", async () => {
    expect((await customersGetOrCreate(autumn, { customerId: "spender" })).ok).toBe(true);
    expect((await balancesTrack(autumn, { customerId: "spender", featureId: "messages", value: 5 })).ok).toBe(true);
    const sent = sandbox.webhooks.deliveries.map((delivery) => ({ type: delivery.type, status: delivery.status, data: JSON.parse(delivery.body).data }));
    expect(sent).toEqual([
      { type: "billing.updated", status: "unsent", data: expect.objectContaining({ customer_id: "spender" }) },
      { type: "balances.limit_reached", status: "unsent", data: { customer_id: "spender", feature_id: "messages", limit_type: "included" } },
    ]);
    sandbox.reset();
    expect(sandbox.webhooks.deliveries).toEqual([]);
  });
});

describe("setCatalog", () => {
  it("serves the new catalog, keeps customers, and leaves the old one in place when the new one is invalid", async () => {
    expect((await customersGetOrCreate(autumn, { customerId: "kept" })).ok).toBe(true);
    sandbox.setCatalog({
      features: [{ featureId: "messages", name: "Messages", type: "metered", consumable: true }],
      plans: [{ planId: "free", name: "Free", autoEnable: true, items: [{ featureId: "messages", included: 5, reset: { interval: "month" } }] }],
    });
    const plans = await plansList(autumn);
    expect(plans.ok && plans.value.list.map((plan) => plan.id)).toEqual(["free"]);
    expect(() => sandbox.setCatalog({ features: [], plans: [{ planId: "x", name: "X", items: [{ featureId: "ghost" }] }] })).toThrow(SandboxCatalogError);
    const still = await plansList(autumn);
    expect(still.ok && still.value.list.map((plan) => plan.id)).toEqual(["free"]);
    expect(await planIds("kept")).toEqual(["free"]);
  });
});

describe("keys", () => {
  it("answers a live key as the live environment", async () => {
    const live = new AutumnCore({ secretKey: "am_sk_live_sandbox", serverURL: sandbox.url });
    const customer = await customersGetOrCreate(live, { customerId: "live_1" });
    expect(customer.ok && customer.value.env).toBe("live");
  });
});
