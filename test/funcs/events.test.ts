import { describe, expect, it } from "vitest";
import { eventsAggregate } from "../../src/funcs/events-aggregate.js";
import { eventsList } from "../../src/funcs/events-list.js";
import { eventsListPages } from "../../src/funcs/events-list-pages.js";
import { Events } from "../../src/sdk/events.js";
import { api, fixture, recordRequests, testCore } from "../helpers.js";

const eventsPage = fixture("events-page");
const aggregation = fixture("events-aggregate");

describe("events.list", () => {
  it("sends filters in snake_case to /v1/events.list and returns camelCase events with their properties untouched", async () => {
    const scope = api().post("/v1/events.list").reply(200, eventsPage);
    const seen = recordRequests(scope);
    const result = await eventsList(testCore(), {
      limit: 200,
      customerId: "user_123",
      entityId: "seat_42",
      featureId: ["api_calls", "ai_tokens"],
      customRange: { start: 1771372800000, end: 1771545600000 },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.path).toBe("/v1/events.list");
    expect(seen[0]?.body).toEqual({
      limit: 200,
      customer_id: "user_123",
      entity_id: "seat_42",
      feature_id: ["api_calls", "ai_tokens"],
      custom_range: { start: 1771372800000, end: 1771545600000 },
    });
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    if (!result.ok) throw result.error;
    expect(result.value.nextCursor).toBe("eyJ2IjowLCJpZCI6ImV2dF8yclBxWXo5In0");
    expect(result.value.list).toHaveLength(2);
    expect(result.value.list[0]).toEqual({
      id: "evt_2rPqZ8x1YkG0aH3nT5uV7wXyZ0a",
      timestamp: 1771500000000,
      featureId: "api_calls",
      customerId: "user_123",
      value: 3,
      properties: { model_name: "gpt-4o", userTier: "pro", request: { prompt_tokens: 12 } },
      deductions: [
        {
          balanceId: "cus_ent_39qmLooixXLAqMywgXywjAz96rV",
          featureId: "api_calls",
          planId: "seat_pro",
          reset: { interval: "month", intervalCount: 1, resetsAt: 1773851121437 },
          value: 3,
        },
        { balanceId: "roll_2rPq0001", featureId: "credits", planId: null, reset: null, value: -1.5 },
      ],
    });
    expect(result.value.list[1]).toMatchObject({ properties: {}, deductions: null });
  });

  it("sends a single feature id as a string", async () => {
    const scope = api().post("/v1/events.list", { feature_id: "api_calls" }).reply(200, { list: [], next_cursor: null });
    const result = await eventsList(testCore(), { featureId: "api_calls" });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ ok: true, value: { list: [], nextCursor: null }, response: expect.any(Response) });
  });

  it("refuses an empty feature id, a bad limit, a bad customer id and unknown fields without sending", async () => {
    const scope = api().post("/v1/events.list").reply(200, { list: [], next_cursor: null });
    const cases: [unknown, string][] = [
      [{ featureId: "" }, "featureId"],
      [{ featureId: ["api_calls", ""] }, "featureId.1"],
      [{ limit: 1001 }, "limit"],
      [{ limit: 0.5 }, "limit"],
      [{ customerId: "ada@example.com" }, "customerId"],
      [{ entityId: "" }, "entityId"],
      [{ customRange: { start: "yesterday" } }, "customRange.start"],
      [{ feature: "api_calls" }, "feature"],
    ];
    for (const [params, field] of cases) {
      const result = await eventsList(testCore(), params as never);
      expect(!result.ok && result.error.name === "RequestValidationError" && result.error.field).toBe(field);
    }
    expect(scope.isDone()).toBe(false);
  });

  it("accepts unknown fields and an unknown reset interval, and shows the new value", async () => {
    const [first] = eventsPage["list"] as Record<string, unknown>[];
    const deduction = { balance_id: "b1", feature_id: "api_calls", plan_id: null, reset: { interval: "fortnight", resets_at: null }, value: 1, source: "rollover" };
    api()
      .post("/v1/events.list")
      .reply(200, { list: [{ ...first, idempotency_key: "k1", deductions: [deduction] }], next_cursor: null, total: 1 });
    const result = await eventsList(testCore());
    if (!result.ok) throw result.error;
    expect(result.value.list[0]?.deductions?.[0]?.reset?.interval).toBe("fortnight");
    expect(Object.keys(result.value)).toEqual(["list", "nextCursor"]);
  });

  it("retries a 503 without an idempotency key, since reading is harmless", async () => {
    const scope = api()
      .post("/v1/events.list")
      .reply(503, { message: "busy", code: "service_unavailable" })
      .post("/v1/events.list")
      .reply(200, eventsPage);
    const seen = recordRequests(scope);
    const result = await eventsList(testCore(), { customerId: "user_123" });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen.every((request) => request.headers["idempotency-key"] === undefined)).toBe(true);
  });

  it("walks every page until nextCursor is null, keeping the filters", async () => {
    api()
      .post("/v1/events.list", { customer_id: "user_123", limit: 1 })
      .reply(200, eventsPage)
      .post("/v1/events.list", { customer_id: "user_123", limit: 1, start_cursor: "eyJ2IjowLCJpZCI6ImV2dF8yclBxWXo5In0" })
      .reply(200, { list: [], next_cursor: null });
    const sizes: number[] = [];
    for await (const page of eventsListPages(testCore(), { customerId: "user_123", limit: 1 })) {
      if (!page.ok) throw page.error;
      sizes.push(page.value.list.length);
    }
    expect(sizes).toEqual([2, 0]);
  });
});

describe("events.aggregate", () => {
  it("sends the query in snake_case to /v1/events.aggregate and returns series keyed by feature id and group value", async () => {
    const scope = api().post("/v1/events.aggregate").reply(200, aggregation);
    const seen = recordRequests(scope);
    const result = await eventsAggregate(testCore(), {
      customerId: "user_123",
      entityId: "seat_42",
      featureId: ["api_calls", "ai_tokens"],
      range: "7d",
      binSize: "day",
      groupBy: "properties.region",
      filterBy: { model_name: "gpt-4o", userTier: "pro" },
      maxGroups: 2,
      aggregateOn: "deducted",
    });
    expect(seen[0]?.path).toBe("/v1/events.aggregate");
    expect(seen[0]?.body).toEqual({
      customer_id: "user_123",
      entity_id: "seat_42",
      feature_id: ["api_calls", "ai_tokens"],
      range: "7d",
      bin_size: "day",
      group_by: "properties.region",
      filter_by: { model_name: "gpt-4o", userTier: "pro" },
      max_groups: 2,
      aggregate_on: "deducted",
    });
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    if (!result.ok) throw result.error;
    expect(result.value.list).toEqual([
      { period: 1771372800000, values: { api_calls: 12, ai_tokens: 4800 }, groupedValues: { api_calls: { us_east: 7, eu_west: 0, Other: 5 } } },
      { period: 1771459200000, values: { api_calls: 4, ai_tokens: 0 } },
    ]);
    expect(result.value.total).toEqual({ api_calls: { count: 9, sum: 16 }, ai_tokens: { count: 3, sum: 4800 } });
    expect(result.value.deductions?.[0]?.values["ai_credits"]).toEqual({
      featureType: "credit_system",
      deducted: 2.4,
      events: 3,
      balances: [
        {
          balanceId: "cus_ent_credit01",
          entityId: "seat_42",
          planId: "pro_plan",
          reset: { interval: "month", resetsAt: 1773851121437 },
          creditCost: 0.0005,
          deducted: 2.4,
          events: 3,
        },
        { balanceId: "cus_ent_credit02", entityId: null, planId: null, reset: null, creditCost: null, deducted: 0, events: 0 },
      ],
    });
    expect(result.value.deductions?.[0]?.groupedValues).toEqual({
      cus_ent_credit01: { seat_42: { deducted: 2.4, creditCost: 0.0005 }, $other: { deducted: 0 } },
    });
  });

  it("sends a custom range and a single feature id", async () => {
    const scope = api()
      .post("/v1/events.aggregate", { feature_id: "api_calls", custom_range: { start: 1, end: 2 } })
      .reply(200, { list: [], total: {} });
    const result = await eventsAggregate(testCore(), { featureId: "api_calls", customRange: { start: 1, end: 2 } });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ ok: true, value: { list: [], total: {} }, response: expect.any(Response) });
  });

  it("refuses invalid queries without sending anything", async () => {
    const scope = api().post("/v1/events.aggregate").reply(200, aggregation);
    const cases: [unknown, string][] = [
      [{}, "featureId"],
      [{ featureId: "" }, "featureId"],
      [{ featureId: "api_calls", range: "7d", customRange: { start: 1, end: 2 } }, "customRange"],
      [{ featureId: "api_calls", customRange: { start: 5, end: 2 } }, "customRange"],
      [{ featureId: "api_calls", customRange: { start: 1 } }, "customRange.end"],
      [{ featureId: "api_calls", aggregateOn: "deducted" }, "customerId"],
      [{ featureId: "api_calls", range: "1y" }, "range"],
      [{ featureId: "api_calls", binSize: "minute" }, "binSize"],
      [{ featureId: "api_calls", maxGroups: 251 }, "maxGroups"],
      [{ featureId: "api_calls", maxGroups: 1.5 }, "maxGroups"],
      [{ featureId: "api_calls", filterBy: { a: "1", b: "2", c: "3", d: "4", e: "5", f: "6" } }, "filterBy"],
      [{ featureId: "api_calls", filterBy: { model: 4 } }, "filterBy.model"],
    ];
    for (const [params, field] of cases) {
      const result = await eventsAggregate(testCore(), params as never);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.name).toBe("RequestValidationError");
      if (result.error.name === "RequestValidationError") expect(result.error.field).toBe(field);
    }
    expect(scope.isDone()).toBe(false);
  });

  it("accepts unknown fields and an unknown feature type, and shows the new value", async () => {
    const deductions = aggregation["deductions"] as { values: Record<string, Record<string, unknown>> }[];
    const bin = deductions[0]!;
    api()
      .post("/v1/events.aggregate")
      .reply(200, {
        ...aggregation,
        timezone: "UTC",
        deductions: [{ ...bin, values: { ai_credits: { ...bin.values["ai_credits"], feature_type: "prepaid_pool" } } }],
      });
    const result = await eventsAggregate(testCore(), { customerId: "user_123", featureId: "api_calls", aggregateOn: "deducted" });
    if (!result.ok) throw result.error;
    expect(result.value.deductions?.[0]?.values["ai_credits"]?.featureType).toBe("prepaid_pool");
    expect("timezone" in result.value).toBe(false);
  });

  it("retries a 503 without an idempotency key, since aggregating is a read", async () => {
    const scope = api()
      .post("/v1/events.aggregate")
      .reply(503, { message: "busy", code: "service_unavailable" })
      .post("/v1/events.aggregate")
      .reply(200, aggregation);
    const seen = recordRequests(scope);
    const result = await eventsAggregate(testCore(), { featureId: "api_calls" });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen.every((request) => request.headers["idempotency-key"] === undefined)).toBe(true);
  });

  it("sends a caller's idempotency key on a read only when given one", async () => {
    const scope = api().post("/v1/events.aggregate").matchHeader("idempotency-key", "agg-1").reply(200, aggregation);
    const result = await eventsAggregate(testCore(), { featureId: "api_calls" }, { idempotencyKey: "agg-1" });
    expect(scope.isDone()).toBe(true);
    expect(result.ok).toBe(true);
  });
});

describe("Events facade", () => {
  it("returns the value and throws the error", async () => {
    api()
      .post("/v1/events.aggregate")
      .reply(200, aggregation)
      .post("/v1/events.list")
      .reply(400, { message: "bad cursor", code: "invalid_cursor" });
    const events = new Events(testCore());
    await expect(events.aggregate({ featureId: "api_calls" })).resolves.toMatchObject({ total: { api_calls: { count: 9 } } });
    await expect(events.list({ startCursor: "nope" })).rejects.toMatchObject({ name: "AutumnAPIError", code: "invalid_cursor" });
  });
});
