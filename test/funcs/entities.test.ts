import { describe, expect, it } from "vitest";
import { entitiesCreate } from "../../src/funcs/entities-create.js";
import { entitiesDelete } from "../../src/funcs/entities-delete.js";
import { entitiesGet } from "../../src/funcs/entities-get.js";
import { entitiesList } from "../../src/funcs/entities-list.js";
import { entitiesListPages } from "../../src/funcs/entities-list-pages.js";
import { entitiesUpdate } from "../../src/funcs/entities-update.js";
import { Entities } from "../../src/sdk/entities.js";
import { api, fixture, recordRequests, testCore } from "../helpers.js";

const entity = fixture("entity");

describe("entities.create", () => {
  it("sends the snake_case body to /v1/entities.create, with customer_data and data keys kept, and returns the camelCase entity", async () => {
    const scope = api().post("/v1/entities.create").reply(200, entity);
    const seen = recordRequests(scope);
    const result = await entitiesCreate(testCore(), {
      customerId: "user_123",
      entityId: "seat_42",
      featureId: "seats",
      name: "Ada's seat",
      billingControls: {
        usageLimits: [{ featureId: "api_calls", limit: 1000, interval: "month", filter: { properties: { model_name: "gpt-4o", isBatch: false } } }],
        spendLimits: [{ featureId: "api_calls", enabled: true, limitType: "absolute", overageLimit: 50 }],
        usageAlerts: [{ featureId: "api_calls", threshold: 80, thresholdType: "usage_percentage" }],
        overageAllowed: [{ featureId: "api_calls", enabled: true }],
      },
      customerData: { name: "Ada", email: "ada@example.com", metadata: { signupSource: "ads" }, autoEnablePlanId: "free", createInStripe: false },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.path).toBe("/v1/entities.create");
    expect(seen[0]?.body).toEqual({
      customer_id: "user_123",
      entity_id: "seat_42",
      feature_id: "seats",
      name: "Ada's seat",
      billing_controls: {
        usage_limits: [{ feature_id: "api_calls", limit: 1000, interval: "month", filter: { properties: { model_name: "gpt-4o", isBatch: false } } }],
        spend_limits: [{ feature_id: "api_calls", enabled: true, limit_type: "absolute", overage_limit: 50 }],
        usage_alerts: [{ feature_id: "api_calls", threshold: 80, threshold_type: "usage_percentage" }],
        overage_allowed: [{ feature_id: "api_calls", enabled: true }],
      },
      customer_data: { name: "Ada", email: "ada@example.com", metadata: { signupSource: "ads" }, auto_enable_plan_id: "free", create_in_stripe: false },
    });
    if (!result.ok) throw result.error;
    expect(result.value).toMatchObject({
      id: "seat_42",
      name: "Ada's seat",
      customerId: "user_123",
      featureId: "seats",
      createdAt: 1771409161016,
      env: "sandbox",
      subscriptions: [{ id: "sub_ent_01", planId: "seat_pro", autoEnable: false, pastDue: false, currentPeriodEnd: 1773851121437, scope: "entity" }],
      purchases: [{ planId: "credit_pack", expiresAt: null, quantity: 2, scope: "customer" }],
      billingControls: {
        usageLimits: [{ featureId: "api_calls", limit: 1000, anchor: "billing_cycle", usage: 120, source: "customer" }],
        spendLimits: [{ limitType: "absolute", overageLimit: 50, source: "plan" }],
      },
      invoices: [{ planIds: ["seat_pro"], stripeId: "in_1T2u3v4w5x6y", processorType: "stripe", hostedInvoiceUrl: null }],
    });
  });

  it("keeps the keys of balances, flags and usage-limit filters exactly as the server sent them", async () => {
    api().post("/v1/entities.create").reply(200, entity);
    const result = await entitiesCreate(testCore(), { customerId: "user_123", entityId: "seat_42", featureId: "seats" });
    if (!result.ok) throw result.error;
    expect(Object.keys(result.value.balances)).toEqual(["api_calls"]);
    expect(result.value.balances["api_calls"]).toMatchObject({
      featureId: "api_calls",
      overageAllowed: false,
      nextResetAt: 1773851121437,
      breakdown: [{ planId: "seat_pro", includedGrant: 500, reset: { interval: "month", intervalCount: 1, resetsAt: 1773851121437 } }],
    });
    expect(result.value.flags).toEqual({ sso_login: { id: "cus_ent_3A1flagSso", planId: "seat_pro", expiresAt: null, featureId: "sso_login" } });
    expect(result.value.billingControls?.usageLimits?.[0]?.filter?.properties).toEqual({ model_name: "gpt-4o", isBatch: false });
  });

  it("refuses missing ids, an empty entityId, entity auto top-ups and unknown fields without sending anything", async () => {
    const scope = api().post("/v1/entities.create").reply(200, entity);
    const core = testCore();
    const base = { customerId: "user_123", entityId: "seat_42", featureId: "seats" };
    const cases: [unknown, string][] = [
      [{ entityId: "seat_42", featureId: "seats" }, "customerId"],
      [{ customerId: "user_123", featureId: "seats" }, "entityId"],
      [{ ...base, entityId: "" }, "entityId"],
      [{ ...base, customerId: "ada@example.com" }, "customerId"],
      [{ ...base, featureId: undefined }, "featureId"],
      [{ ...base, billingControls: { autoTopups: [{ featureId: "credits", threshold: 1, quantity: 10 }] } }, "billingControls"],
      [{ ...base, billingControls: { usageLimits: [{ featureId: "api_calls", limit: 5, interval: "fortnight" }] } }, "billingControls.usageLimits.0.interval"],
      [{ ...base, customerData: { email: "not-an-email" } }, "customerData.email"],
      [{ ...base, entity_id: "seat_42" }, "entity_id"],
    ];
    for (const [params, field] of cases) {
      const result = await entitiesCreate(core, params as never);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.name).toBe("RequestValidationError");
      if (result.error.name === "RequestValidationError") expect(result.error.field).toBe(field);
    }
    expect(scope.isDone()).toBe(false);
  });

  it("carries a generated Idempotency-Key and reuses it when retrying a 503", async () => {
    const scope = api()
      .post("/v1/entities.create")
      .reply(503, { message: "busy", code: "service_unavailable" }, { "retry-after": "0" })
      .post("/v1/entities.create")
      .reply(200, entity);
    const seen = recordRequests(scope);
    const result = await entitiesCreate(testCore(), { customerId: "user_123", entityId: "seat_42", featureId: "seats" });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    const key = seen[0]?.headers["idempotency-key"];
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seen[1]?.headers["idempotency-key"]).toBe(key);
  });
});

describe("entities.get", () => {
  it("posts customer_id and entity_id to /v1/entities.get and returns the entity", async () => {
    const scope = api().post("/v1/entities.get", { customer_id: "user_123", entity_id: "seat_42" }).reply(200, entity);
    const result = await entitiesGet(testCore(), { customerId: "user_123", entityId: "seat_42" });
    expect(scope.isDone()).toBe(true);
    if (!result.ok) throw result.error;
    expect(result.value.id).toBe("seat_42");
    expect(result.value.balances["api_calls"]?.remaining).toBe(380);
  });

  it("sends entity_id alone when the customer is not given", async () => {
    const scope = api().post("/v1/entities.get", { entity_id: "seat_42" }).reply(200, entity);
    const result = await entitiesGet(testCore(), { entityId: "seat_42" });
    expect(scope.isDone()).toBe(true);
    expect(result.ok).toBe(true);
  });

  it("accepts unknown fields and unknown enum values, and shows the new values", async () => {
    api()
      .post("/v1/entities.get")
      .reply(200, {
        ...entity,
        env: "staging",
        seat_tier: "gold",
        subscriptions: [{ ...(entity["subscriptions"] as object[])[0], status: "paused", scope: "workspace" }],
      });
    const result = await entitiesGet(testCore(), { entityId: "seat_42" });
    if (!result.ok) throw result.error;
    expect(result.value.env).toBe("staging");
    expect(result.value.subscriptions[0]).toMatchObject({ status: "paused", scope: "workspace" });
    expect("seatTier" in result.value || "seat_tier" in result.value).toBe(false);
  });

  it("leaves billingControls and invoices absent when the server omits them", async () => {
    const { billing_controls: _controls, invoices: _invoices, ...bare } = entity;
    api().post("/v1/entities.get").reply(200, bare);
    const result = await entitiesGet(testCore(), { entityId: "seat_42" });
    if (!result.ok) throw result.error;
    expect("billingControls" in result.value).toBe(false);
    expect("invoices" in result.value).toBe(false);
  });

  it("retries a 503 without an idempotency key, since reading is harmless", async () => {
    const scope = api()
      .post("/v1/entities.get")
      .reply(503, { message: "busy", code: "service_unavailable" })
      .post("/v1/entities.get")
      .reply(200, entity);
    const seen = recordRequests(scope);
    const result = await entitiesGet(testCore(), { customerId: "user_123", entityId: "seat_42" });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen.every((request) => request.headers["idempotency-key"] === undefined)).toBe(true);
  });

  it("reports a missing entity as an AutumnAPIError with its code", async () => {
    api().post("/v1/entities.get").reply(404, { message: "Entity seat_9 not found", code: "entity_not_found" });
    const result = await entitiesGet(testCore(), { customerId: "user_123", entityId: "seat_9" });
    expect(!result.ok && result.error.name === "AutumnAPIError" && result.error.code).toBe("entity_not_found");
  });
});

describe("entities.update", () => {
  it("sends the billing controls in snake_case with an Idempotency-Key and returns the updated entity", async () => {
    const scope = api().post("/v1/entities.update").reply(200, entity);
    const seen = recordRequests(scope);
    const result = await entitiesUpdate(testCore(), {
      customerId: "user_123",
      entityId: "seat_42",
      billingControls: { usageLimits: [{ featureId: "api_calls", limit: 1000, interval: "month", anchor: "utc", enabled: true }] },
    });
    expect(seen[0]?.path).toBe("/v1/entities.update");
    expect(seen[0]?.body).toEqual({
      customer_id: "user_123",
      entity_id: "seat_42",
      billing_controls: { usage_limits: [{ feature_id: "api_calls", limit: 1000, interval: "month", anchor: "utc", enabled: true }] },
    });
    expect(seen[0]?.headers["idempotency-key"]).toBeDefined();
    if (!result.ok) throw result.error;
    expect(result.value.billingControls?.usageLimits?.[0]?.limit).toBe(1000);
  });

  it("refuses a name, which entities.update cannot change, without sending", async () => {
    const scope = api().post("/v1/entities.update").reply(200, entity);
    const result = await entitiesUpdate(testCore(), { entityId: "seat_42", name: "New" } as never);
    expect(!result.ok && result.error.name === "RequestValidationError" && result.error.field).toBe("name");
    expect(scope.isDone()).toBe(false);
  });
});

describe("entities.delete", () => {
  it("posts customer_id and entity_id and returns success", async () => {
    const scope = api().post("/v1/entities.delete", { customer_id: "user_123", entity_id: "seat_42" }).reply(200, { success: true });
    const seen = recordRequests(scope);
    const result = await entitiesDelete(testCore(), { customerId: "user_123", entityId: "seat_42" });
    expect(scope.isDone()).toBe(true);
    expect(seen[0]?.headers["idempotency-key"]).toBeDefined();
    expect(result).toEqual({ ok: true, value: { success: true }, response: expect.any(Response) });
  });
});

describe("entities.list", () => {
  it("sends filters in snake_case and returns the page with nextCursor", async () => {
    const scope = api().post("/v1/entities.list").reply(200, { list: [entity], next_cursor: "cur_2" });
    const seen = recordRequests(scope);
    const result = await entitiesList(testCore(), {
      limit: 100,
      startCursor: "",
      customerId: "user_123",
      plans: [{ id: "seat_pro", versions: [1] }],
      subscriptionStatus: "scheduled",
      processors: ["stripe", "vercel"],
      search: "ada",
    });
    expect(seen[0]?.path).toBe("/v1/entities.list");
    expect(seen[0]?.body).toEqual({
      limit: 100,
      start_cursor: "",
      customer_id: "user_123",
      plans: [{ id: "seat_pro", versions: [1] }],
      subscription_status: "scheduled",
      processors: ["stripe", "vercel"],
      search: "ada",
    });
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    if (!result.ok) throw result.error;
    expect(result.value.nextCursor).toBe("cur_2");
    expect(result.value.list[0]).toMatchObject({ id: "seat_42", customerId: "user_123", featureId: "seats" });
  });

  it("sends an empty body when called without params", async () => {
    const scope = api().post("/v1/entities.list", {}).reply(200, { list: [], next_cursor: null });
    const result = await entitiesList(testCore());
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ ok: true, value: { list: [], nextCursor: null }, response: expect.any(Response) });
  });

  it("refuses a limit outside 1..1000 or not an integer, and customers.list-only filters, without sending", async () => {
    const scope = api().post("/v1/entities.list").reply(200, { list: [], next_cursor: null });
    for (const [params, field] of [
      [{ limit: 0 }, "limit"],
      [{ limit: 1001 }, "limit"],
      [{ limit: 2.5 }, "limit"],
      [{ sortOrder: "asc" }, "sortOrder"],
      [{ processors: ["paddle"] }, "processors.0"],
    ] as const) {
      const result = await entitiesList(testCore(), params as never);
      expect(!result.ok && result.error.name === "RequestValidationError" && result.error.field).toBe(field);
    }
    expect(scope.isDone()).toBe(false);
  });

  it("walks every page until nextCursor is null, keeping the filters", async () => {
    api()
      .post("/v1/entities.list", { customer_id: "user_123" })
      .reply(200, { list: [{ ...entity, id: "a" }], next_cursor: "c1" })
      .post("/v1/entities.list", { customer_id: "user_123", start_cursor: "c1" })
      .reply(200, { list: [{ ...entity, id: "b" }], next_cursor: null });
    const ids: (string | null)[] = [];
    for await (const page of entitiesListPages(testCore(), { customerId: "user_123" })) {
      if (!page.ok) throw page.error;
      ids.push(...page.value.list.map((item) => item.id));
    }
    expect(ids).toEqual(["a", "b"]);
  });

  it("stops with the error when a page fails", async () => {
    api()
      .post("/v1/entities.list")
      .reply(200, { list: [entity], next_cursor: "c1" })
      .post("/v1/entities.list")
      .reply(400, { message: "bad cursor", code: "invalid_cursor" });
    const outcomes: string[] = [];
    for await (const page of entitiesListPages(testCore())) outcomes.push(page.ok ? "page" : page.error.name);
    expect(outcomes).toEqual(["page", "AutumnAPIError"]);
  });
});

describe("Entities facade", () => {
  it("returns the value and throws the error", async () => {
    api().post("/v1/entities.get").reply(200, entity).post("/v1/entities.delete").reply(404, { message: "gone", code: "entity_not_found" });
    const entities = new Entities(testCore());
    await expect(entities.get({ entityId: "seat_42" })).resolves.toMatchObject({ id: "seat_42" });
    await expect(entities.delete({ entityId: "seat_42" })).rejects.toMatchObject({ name: "AutumnAPIError", code: "entity_not_found" });
  });

  it("walks pages with listPages", async () => {
    api()
      .post("/v1/entities.list")
      .reply(200, { list: [entity], next_cursor: "c1" })
      .post("/v1/entities.list", { start_cursor: "c1" })
      .reply(200, { list: [], next_cursor: null });
    const pages = [];
    for await (const page of new Entities(testCore()).listPages()) pages.push(page.list.length);
    expect(pages).toEqual([1, 0]);
  });
});
