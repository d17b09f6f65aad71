import { describe, expect, it } from "vitest";
import { customersDelete } from "../../src/funcs/customers-delete.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import { customersGetOrCreate } from "../../src/funcs/customers-get-or-create.js";
import { customersList } from "../../src/funcs/customers-list.js";
import { customersListPages } from "../../src/funcs/customers-list-pages.js";
import { customersUpdate } from "../../src/funcs/customers-update.js";
import { api, fixture, recordRequests, testCore } from "../helpers.js";

const customer = fixture("customer");

describe("customers.getOrCreate", () => {
  it("sends the snake_case body to /v1/customers.get_or_create and returns the camelCase customer", async () => {
    const scope = api().post("/v1/customers.get_or_create").reply(200, customer);
    const seen = recordRequests(scope);
    const result = await customersGetOrCreate(testCore(), {
      customerId: "user_123",
      name: "Patrick",
      email: "patrick@example.com",
      metadata: { signupSource: "ads" },
      createInStripe: true,
      autoEnablePlanId: "free",
      billingControls: { autoTopups: [{ featureId: "credits", threshold: 10, quantity: 100, purchaseLimit: { interval: "month", limit: 3 } }] },
      expand: ["subscriptions.plan", "balances.feature"],
    });
    expect(seen[0]?.body).toEqual({
      customer_id: "user_123",
      name: "Patrick",
      email: "patrick@example.com",
      metadata: { signupSource: "ads" },
      create_in_stripe: true,
      auto_enable_plan_id: "free",
      billing_controls: { auto_topups: [{ feature_id: "credits", threshold: 10, quantity: 100, purchase_limit: { interval: "month", limit: 3 } }] },
      expand: ["subscriptions.plan", "balances.feature"],
    });
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      id: "user_123",
      createdAt: 1771409161016,
      stripeId: "cus_U0BKxpq1mFhuJO",
      sendEmailReceipts: false,
      billingControls: { autoTopups: [{ featureId: "credits", purchaseLimit: { interval: "month", intervalCount: 1, limit: 3 }, source: "customer" }] },
      subscriptions: [{ id: "sub_01", planId: "pro_plan", pastDue: false, currentPeriodEnd: 1773851121437, scope: "customer" }],
    });
  });

  it("keeps the keys of metadata, balances and flags exactly as the server sent them", async () => {
    api().post("/v1/customers.get_or_create").reply(200, customer);
    const result = await customersGetOrCreate(testCore(), { customerId: "user_123" });
    if (!result.ok) throw result.error;
    expect(Object.keys(result.value.metadata)).toEqual(["signupSource", "plan_note"]);
    expect(Object.keys(result.value.balances)).toEqual(["messages", "API_calls.v2"]);
    expect(result.value.balances["messages"]?.breakdown?.[0]).toMatchObject({ planId: "pro_plan", includedGrant: 100, reset: { interval: "month", resetsAt: 1773851121437 } });
    expect(result.value.flags["advanced_workflows"]).toEqual({ id: "cus_ent_abc123", planId: "pro_plan", expiresAt: null, featureId: "advanced_workflows" });
  });

  it("sends customer_id: null for an id-less customer", async () => {
    const scope = api().post("/v1/customers.get_or_create", { customer_id: null, email: "a@b.co" }).reply(200, { ...customer, id: null });
    const result = await customersGetOrCreate(testCore(), { customerId: null, email: "a@b.co" });
    expect(scope.isDone()).toBe(true);
    expect(result.ok && result.value.id).toBe(null);
  });

  it("accepts `id` as an alias of customerId, as older examples write it", async () => {
    const scope = api().post("/v1/customers.get_or_create", { customer_id: "cus_123", name: "John Doe" }).reply(200, customer);
    const result = await customersGetOrCreate(testCore(), { id: "cus_123", name: "John Doe" });
    expect(scope.isDone()).toBe(true);
    expect(result.ok).toBe(true);
  });

  it("rejects a missing customerId, a bad id, a bad email and unknown fields without sending anything", async () => {
    const scope = api().post("/v1/customers.get_or_create").reply(200, customer);
    const core = testCore();
    const cases: [unknown, string][] = [
      [{ name: "x" }, "customerId"],
      [{ customerId: "user@example.com" }, "customerId"],
      [{ customerId: "has space" }, "customerId"],
      [{ customerId: "u1", email: "not-an-email" }, "email"],
      [{ customerId: "u1", nmae: "typo" }, "nmae"],
      [{ customerId: "u1", expand: ["everything"] }, "expand.0"],
      [{ customerId: "u1", billingControls: { autoTopups: [{ featureId: "c", threshold: 1, quantity: 0 }] } }, "billingControls.autoTopups.0.quantity"],
    ];
    for (const [params, field] of cases) {
      const result = await customersGetOrCreate(core, params as never);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.name).toBe("RequestValidationError");
      if (result.error.name === "RequestValidationError") expect(result.error.field).toBe(field);
    }
    expect(scope.isDone()).toBe(false);
  });

  it("retries a 503 without an idempotency key, since get-or-create is idempotent", async () => {
    const scope = api().post("/v1/customers.get_or_create").reply(503, { message: "busy", code: "service_unavailable" }).post("/v1/customers.get_or_create").reply(200, customer);
    const seen = recordRequests(scope);
    const result = await customersGetOrCreate(testCore(), { customerId: "user_123" });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen.every((request) => request.headers["idempotency-key"] === undefined)).toBe(true);
  });
});

describe("customers.get", () => {
  it("posts customer_id and expand to /v1/customers.get", async () => {
    const scope = api().post("/v1/customers.get", { customer_id: "user_123", expand: ["invoices"] }).reply(200, { ...customer, invoices: [{ plan_ids: ["pro_plan"], stripe_id: "in_1", status: "paid", total: 20, currency: "usd", created_at: 1, hosted_invoice_url: null }] });
    const result = await customersGet(testCore(), { customerId: "user_123", expand: ["invoices"] });
    expect(scope.isDone()).toBe(true);
    if (!result.ok) throw result.error;
    expect(result.value.invoices).toEqual([{ planIds: ["pro_plan"], stripeId: "in_1", status: "paid", total: 20, currency: "usd", createdAt: 1, hostedInvoiceUrl: null }]);
  });

  it("leaves unexpanded fields absent rather than null", async () => {
    api().post("/v1/customers.get").reply(200, customer);
    const result = await customersGet(testCore(), { customerId: "user_123" });
    if (!result.ok) throw result.error;
    expect("invoices" in result.value).toBe(false);
    expect("config" in result.value).toBe(false);
  });

  it("reports customer_not_found as an AutumnAPIError with status, code and body", async () => {
    api().post("/v1/customers.get").reply(404, { message: "Customer user_9 not found", code: "customer_not_found", env: "sandbox" });
    const result = await customersGet(testCore(), { customerId: "user_9" });
    expect(result.ok).toBe(false);
    if (result.ok || result.error.name !== "AutumnAPIError") throw new Error("expected an API error");
    expect(result.error).toMatchObject({ status: 404, code: "customer_not_found", env: "sandbox", body: { code: "customer_not_found" } });
    expect(result.error.message).toContain("Customer user_9 not found");
  });

  it("does not retry a 404", async () => {
    const scope = api().post("/v1/customers.get").times(3).reply(404, { message: "nope", code: "customer_not_found" });
    const seen = recordRequests(scope);
    await customersGet(testCore(), { customerId: "user_9" });
    expect(seen).toHaveLength(1);
  });
});

describe("customers.update", () => {
  it("sends metadata with null deletions, stripe_id: null and new_customer_id in snake_case", async () => {
    const scope = api().post("/v1/customers.update").reply(200, { ...customer, id: "user_456", stripe_id: null });
    const seen = recordRequests(scope);
    const result = await customersUpdate(testCore(), {
      customerId: "user_123",
      metadata: { keepMe: "yes", removeMe: null },
      stripeId: null,
      sendEmailReceipts: true,
      newCustomerId: "user_456",
      config: { disablePooledBalance: true },
    });
    expect(seen[0]?.body).toEqual({
      customer_id: "user_123",
      metadata: { keepMe: "yes", removeMe: null },
      stripe_id: null,
      send_email_receipts: true,
      new_customer_id: "user_456",
      config: { disable_pooled_balance: true },
    });
    expect(result.ok && result.value.id).toBe("user_456");
  });

  it("carries a generated Idempotency-Key and reuses it on the retry", async () => {
    const scope = api().post("/v1/customers.update").reply(500, { message: "boom", code: "internal_error" }).post("/v1/customers.update").reply(200, customer);
    const seen = recordRequests(scope);
    const result = await customersUpdate(testCore(), { customerId: "user_123", name: "P" });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    const key = seen[0]?.headers["idempotency-key"];
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seen[1]?.headers["idempotency-key"]).toBe(key);
  });

  it("uses the caller's idempotency key instead of generating one", async () => {
    const scope = api().post("/v1/customers.update").matchHeader("idempotency-key", "my-key-1").reply(200, customer);
    const result = await customersUpdate(testCore(), { customerId: "user_123", name: "P" }, { idempotencyKey: "my-key-1" });
    expect(scope.isDone()).toBe(true);
    expect(result.ok).toBe(true);
  });

  it("gives two calls two different keys", async () => {
    const scope = api().post("/v1/customers.update").times(2).reply(200, customer);
    const seen = recordRequests(scope);
    await customersUpdate(testCore(), { customerId: "user_123", name: "A" });
    await customersUpdate(testCore(), { customerId: "user_123", name: "B" });
    expect(seen[0]?.headers["idempotency-key"]).not.toBe(seen[1]?.headers["idempotency-key"]);
  });

  it("does not retry a keyless mutation after a 500, when keys are turned off", async () => {
    const scope = api().post("/v1/customers.update").times(3).reply(500, { message: "boom", code: "internal_error" });
    const seen = recordRequests(scope);
    const result = await customersUpdate(testCore({ autoIdempotencyKey: false }), { customerId: "user_123", name: "P" });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    expect(!result.ok && result.error.name).toBe("AutumnAPIError");
  });

  it("reports a 409 duplicate_idempotency_key on a retry as RequestAlreadyAcceptedError", async () => {
    api()
      .post("/v1/customers.update")
      .reply(502, "<html><body>Bad gateway</body></html>", { "content-type": "text/html" })
      .post("/v1/customers.update")
      .reply(409, { message: "duplicate", code: "duplicate_idempotency_key" });
    const result = await customersUpdate(testCore(), { customerId: "user_123", name: "P" });
    expect(!result.ok && result.error.name).toBe("RequestAlreadyAcceptedError");
    if (!result.ok && result.error.name === "RequestAlreadyAcceptedError") expect(result.error.attempts).toBe(2);
  });

  it("reports a 409 duplicate_idempotency_key on the first attempt as a plain API error", async () => {
    api().post("/v1/customers.update").reply(409, { message: "duplicate", code: "duplicate_idempotency_key" });
    const result = await customersUpdate(testCore(), { customerId: "user_123", name: "P" }, { idempotencyKey: "used-before" });
    expect(!result.ok && result.error.name).toBe("AutumnAPIError");
  });

  it("reports a taken new_customer_id as customer_already_exists", async () => {
    api().post("/v1/customers.update").reply(409, { message: "Customer exists", code: "customer_already_exists" });
    const result = await customersUpdate(testCore(), { customerId: "a", newCustomerId: "b" });
    expect(!result.ok && result.error.name === "AutumnAPIError" && result.error.code).toBe("customer_already_exists");
  });
});

describe("customers.delete", () => {
  it("posts customer_id and delete_in_stripe and returns success", async () => {
    const scope = api().post("/v1/customers.delete", { customer_id: "user_123", delete_in_stripe: true }).reply(200, { success: true });
    const result = await customersDelete(testCore(), { customerId: "user_123", deleteInStripe: true });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ ok: true, value: { success: true }, response: expect.any(Response) });
  });
});

describe("customers.list", () => {
  it("sends filters in snake_case and returns the page with nextCursor", async () => {
    const scope = api().post("/v1/customers.list").reply(200, { list: [customer], next_cursor: "cur_2" });
    const seen = recordRequests(scope);
    const result = await customersList(testCore(), {
      limit: 10,
      startCursor: "",
      plans: [{ id: "pro_plan", versions: [1, 2] }],
      subscriptionStatus: "active",
      processors: ["stripe"],
      sortOrder: "asc",
      createdAtRange: { start: 1, end: 2 },
      search: "pat",
    });
    expect(seen[0]?.body).toEqual({
      limit: 10,
      start_cursor: "",
      plans: [{ id: "pro_plan", versions: [1, 2] }],
      subscription_status: "active",
      processors: ["stripe"],
      sort_order: "asc",
      created_at_range: { start: 1, end: 2 },
      search: "pat",
    });
    if (!result.ok) throw result.error;
    expect(result.value.nextCursor).toBe("cur_2");
    expect(result.value.list[0]?.id).toBe("user_123");
  });

  it("sends an empty body when called without params", async () => {
    const scope = api().post("/v1/customers.list", {}).reply(200, { list: [], next_cursor: null });
    const result = await customersList(testCore());
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ ok: true, value: { list: [], nextCursor: null }, response: expect.any(Response) });
  });

  it("refuses a limit above the server's ceiling of 1000, or not an integer, without sending", async () => {
    const scope = api().post("/v1/customers.list").reply(200, { list: [], next_cursor: null });
    for (const limit of [0, 1001, 2.5]) {
      const result = await customersList(testCore(), { limit });
      expect(!result.ok && result.error.name === "RequestValidationError" && result.error.field).toBe("limit");
    }
    expect(scope.isDone()).toBe(false);
  });

  it("walks every page until nextCursor is null", async () => {
    api()
      .post("/v1/customers.list", { limit: 1 })
      .reply(200, { list: [{ ...customer, id: "a" }], next_cursor: "c1" })
      .post("/v1/customers.list", { limit: 1, start_cursor: "c1" })
      .reply(200, { list: [{ ...customer, id: "b" }], next_cursor: "c2" })
      .post("/v1/customers.list", { limit: 1, start_cursor: "c2" })
      .reply(200, { list: [{ ...customer, id: "c" }], next_cursor: null });
    const ids: (string | null)[] = [];
    for await (const page of customersListPages(testCore(), { limit: 1 })) {
      if (!page.ok) throw page.error;
      ids.push(...page.value.list.map((item) => item.id));
    }
    expect(ids).toEqual(["a", "b", "c"]);
  });

  it("stops with the error when a page fails, instead of looping", async () => {
    api()
      .post("/v1/customers.list")
      .reply(200, { list: [customer], next_cursor: "c1" })
      .post("/v1/customers.list")
      .reply(400, { message: "bad cursor", code: "invalid_cursor" });
    const outcomes: string[] = [];
    for await (const page of customersListPages(testCore())) outcomes.push(page.ok ? "page" : page.error.name);
    expect(outcomes).toEqual(["page", "AutumnAPIError"]);
  });

  it("reports a cursor that repeats instead of looping forever", async () => {
    api().post("/v1/customers.list").times(3).reply(200, { list: [], next_cursor: "same" });
    const outcomes: string[] = [];
    for await (const page of customersListPages(testCore())) outcomes.push(page.ok ? "page" : page.error.name);
    expect(outcomes).toEqual(["page", "page", "ResponseValidationError"]);
  });
});
