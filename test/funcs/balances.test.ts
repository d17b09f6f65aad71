import { describe, expect, it } from "vitest";
import { balancesBatchTrack } from "../../src/funcs/balances-batch-track.js";
import { balancesCheck } from "../../src/funcs/balances-check.js";
import { balancesCreate } from "../../src/funcs/balances-create.js";
import { balancesDelete } from "../../src/funcs/balances-delete.js";
import { balancesFinalize } from "../../src/funcs/balances-finalize.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { balancesTrackTokens } from "../../src/funcs/balances-track-tokens.js";
import { balancesUpdate } from "../../src/funcs/balances-update.js";
import { Balances } from "../../src/sdk/balances.js";
import { api, fixture, recordRequests, testCore } from "../helpers.js";

const checked = fixture("balance-check");
const tracked = fixture("balance-track");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Asserts the call failed validation on `field` (when given). */
function expectInvalid(result: { ok: boolean; error?: unknown }, field?: string): void {
  expect(result.ok).toBe(false);
  const error = result.error as { name: string; field: string };
  expect(error.name).toBe("RequestValidationError");
  if (field !== undefined) expect(error.field).toBe(field);
}

describe("balances.check", () => {
  it("posts a snake_case check to /v1/balances.check and returns the camelCase answer with its preview", async () => {
    const scope = api().post("/v1/balances.check").reply(200, checked);
    const seen = recordRequests(scope);
    const result = await balancesCheck(testCore(), {
      customerId: "user_123",
      featureId: "messages",
      entityId: "workspace_7",
      requiredBalance: 5,
      withPreview: true,
    });
    expect(seen[0]?.path).toBe("/v1/balances.check");
    expect(seen[0]?.body).toEqual({ customer_id: "user_123", feature_id: "messages", entity_id: "workspace_7", required_balance: 5, with_preview: true });
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    if (!result.ok) throw result.error;
    const value = result.value;
    expect(value).toMatchObject({ allowed: false, customerId: "user_123", entityId: null, requiredBalance: 5, flag: null });
    expect(value.balance).toMatchObject({
      featureId: "messages",
      remaining: 2,
      overageAllowed: false,
      nextResetAt: 1773851121437,
      breakdown: [{ planId: "free", includedGrant: 100, reset: { interval: "month", intervalCount: 1, resetsAt: 1773851121437 } }],
      rollovers: [{ granted: 10, balance: 0, expiresAt: 1776443121437 }],
    });
    expect(Object.keys(value.balances ?? {})).toEqual(["messages", "AI_credits.v2"]);
    expect(value.balances?.["AI_credits.v2"]).toBeNull();
    expect(value.preview).toMatchObject({ scenario: "usage_limit", featureId: "messages", featureName: "Messages" });
    const product = value.preview?.products[0];
    expect(product).toMatchObject({
      id: "pro_plan",
      isAddOn: false,
      isDefault: false,
      createdAt: 1771409161016,
      baseVariantId: null,
      scenario: "upgrade",
      freeTrial: { duration: "day", length: 14, uniqueFingerprint: true, cardRequired: false, trialAvailable: true },
      billingControls: { spendLimits: [{ featureId: "messages", limitType: "absolute", overageLimit: 50 }] },
      properties: { isFree: false, isOneOff: false, intervalGroup: "month", hasTrial: true },
    });
    expect(product?.items[1]).toMatchObject({
      type: "priced_feature",
      featureType: "single_use",
      includedUsage: 1000,
      tierBehavior: "graduated",
      usageModel: "pay_per_use",
      billingUnits: 100,
      resetUsageWhenEnabled: true,
      display: { primaryText: "1,000 messages", secondaryText: null },
      config: { rollover: { max: 500, maxPercentage: null, duration: "month", length: 1 }, onIncrease: "prorate_immediately", onDecrease: null },
    });
    expect(product?.items[1]?.tiers).toEqual([{ to: 5000, amount: 0.01 }, { to: "inf", amount: 0.008 }]);
  });

  it("accepts a minimal allowed answer with a flag and no preview", async () => {
    const flag = { id: "cus_ent_1", plan_id: "pro_plan", expires_at: null, feature_id: "sso" };
    api().post("/v1/balances.check", { customer_id: "user_123", feature_id: "sso" }).reply(200, { allowed: true, customer_id: "user_123", balance: null, flag });
    const result = await balancesCheck(testCore(), { customerId: "user_123", featureId: "sso" });
    expect(result).toEqual({
      ok: true,
      value: { allowed: true, customerId: "user_123", balance: null, flag: { id: "cus_ent_1", planId: "pro_plan", expiresAt: null, featureId: "sso" } },
      response: expect.any(Response),
    });
  });

  it("parses the server's 202 fail-open answer like a 200", async () => {
    api().post("/v1/balances.check").reply(202, { allowed: true, customer_id: "user_123", balance: null, flag: null });
    const result = await balancesCheck(testCore(), { customerId: "user_123", featureId: "messages" });
    expect(result.ok && result.value.allowed).toBe(true);
  });

  it("retries a plain check after a 503 without an idempotency key, since it only reads", async () => {
    const scope = api()
      .post("/v1/balances.check")
      .reply(503, { message: "busy", code: "service_unavailable" }, { "retry-after": "0" })
      .post("/v1/balances.check")
      .reply(200, checked);
    const seen = recordRequests(scope);
    const result = await balancesCheck(testCore(), { customerId: "user_123", featureId: "messages" });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen.every((request) => request.headers["idempotency-key"] === undefined)).toBe(true);
  });

  it("treats a check with sendEvent as a mutation: one generated key, reused on the retry", async () => {
    const scope = api()
      .post("/v1/balances.check")
      .reply(500, { message: "boom", code: "internal_error" })
      .post("/v1/balances.check")
      .reply(200, checked);
    const seen = recordRequests(scope);
    const result = await balancesCheck(testCore(), {
      customerId: "user_123",
      featureId: "messages",
      requiredBalance: 3,
      sendEvent: true,
      properties: { chatId: "c_1", model_name: "gpt" },
    });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen[0]?.body).toEqual({
      customer_id: "user_123",
      feature_id: "messages",
      required_balance: 3,
      send_event: true,
      properties: { chatId: "c_1", model_name: "gpt" },
    });
    const key = seen[0]?.headers["idempotency-key"];
    expect(key).toMatch(UUID);
    expect(seen[1]?.headers["idempotency-key"]).toBe(key);
  });

  it("treats a check with a lock as a mutation and sends lock.enabled: true for the caller", async () => {
    const scope = api().post("/v1/balances.check").reply(200, checked);
    const seen = recordRequests(scope);
    await balancesCheck(testCore(), { customerId: "user_123", featureId: "messages", lock: { lockId: "job_42", expiresAt: 1773851121437 } });
    expect(seen[0]?.body).toEqual({
      customer_id: "user_123",
      feature_id: "messages",
      lock: { lock_id: "job_42", enabled: true, expires_at: 1773851121437 },
    });
    expect(seen[0]?.headers["idempotency-key"]).toMatch(UUID);
  });

  it("accepts unknown fields and unknown enum values, and shows the new values", async () => {
    const future = structuredClone(checked) as typeof checked & Record<string, unknown>;
    future["reason"] = "new_field";
    const preview = future["preview"] as { scenario: string; products: { env: string; scenario: string }[] };
    preview.scenario = "spend_limit";
    preview.products[0]!.env = "staging";
    preview.products[0]!.scenario = "reactivate";
    api().post("/v1/balances.check").reply(200, future);
    const result = await balancesCheck(testCore(), { customerId: "user_123", featureId: "messages" });
    if (!result.ok) throw result.error;
    expect(result.value.preview?.scenario).toBe("spend_limit");
    expect(result.value.preview?.products[0]).toMatchObject({ env: "staging", scenario: "reactivate" });
    expect("reason" in result.value).toBe(false);
  });

  it("refuses bad params without sending anything", async () => {
    const scope = api().post("/v1/balances.check").reply(200, checked);
    const cases: [unknown, string][] = [
      [{ customerId: "user_123" }, "featureId"],
      [{ customerId: "user@example.com", featureId: "messages" }, "customerId"],
      [{ customerId: "user_123", featureId: "messages", sendEvnt: true }, "sendEvnt"],
      [{ customerId: "user_123", featureId: "messages", lock: { lockId: "x".repeat(257) } }, "lock.lockId"],
      [{ customerId: "user_123", featureId: "messages", lock: { lockId: "a", enabled: false } }, "lock.enabled"],
    ];
    for (const [params, field] of cases) expectInvalid(await balancesCheck(testCore(), params as never), field);
    expect(scope.isDone()).toBe(false);
  });
});

describe("balances.track", () => {
  it("posts usage to /v1/balances.track with properties keys untouched, and returns balances and deductions", async () => {
    const scope = api().post("/v1/balances.track").reply(200, tracked);
    const seen = recordRequests(scope);
    const result = await balancesTrack(testCore(), {
      customerId: "user_123",
      entityId: "workspace_7",
      eventName: "ai_chat_request",
      value: 3,
      properties: { modelName: "gpt-4o", "request.id": "r_1", nested: { keepCase: true } },
      timestamp: 1771409161016,
      overageBehavior: "overflow",
    });
    expect(seen[0]?.body).toEqual({
      customer_id: "user_123",
      entity_id: "workspace_7",
      event_name: "ai_chat_request",
      value: 3,
      properties: { modelName: "gpt-4o", "request.id": "r_1", nested: { keepCase: true } },
      timestamp: 1771409161016,
      overage_behavior: "overflow",
    });
    expect(seen[0]?.headers["idempotency-key"]).toMatch(UUID);
    if (!result.ok) throw result.error;
    expect(result.value).toMatchObject({ customerId: "user_123", entityId: "workspace_7", eventName: "ai_chat_request", value: 3, balance: null });
    expect(Object.keys(result.value.balances ?? {})).toEqual(["messages", "AI_credits.v2"]);
    expect(result.value.balances?.["messages"]?.breakdown?.[0]?.price).toEqual({ amount: 0.01, billingUnits: 1, billingMethod: "usage_based", maxPurchase: null });
    expect(result.value.balances?.["AI_credits.v2"]).toMatchObject({ remaining: 4.25, overageAllowed: true, maxPurchase: 100 });
    expect(result.value.deductions).toEqual([
      { balanceId: "cus_ent_39qmLooixXLAqMywgXywjAz96rV", featureId: "messages", planId: "pro_plan", reset: { interval: "month", intervalCount: 1, resetsAt: 1773851121437 }, value: 3 },
      { balanceId: "rollover_01", featureId: "AI_credits.v2", planId: null, reset: null, value: 0.75 },
    ]);
  });

  it("sends a lock and async: true, and parses the queued answer that has no balance", async () => {
    const scope = api()
      .post("/v1/balances.track", { customer_id: "user_123", feature_id: "messages", async: true, lock: { lock_id: "job_1", enabled: true } })
      .reply(202, { customer_id: "user_123", value: 1, balance: null });
    const result = await balancesTrack(testCore(), { customerId: "user_123", featureId: "messages", async: true, lock: { lockId: "job_1" } });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ ok: true, value: { customerId: "user_123", value: 1, balance: null }, response: expect.any(Response) });
  });

  it("retries a 500 under the same generated idempotency key, so usage is counted once", async () => {
    const scope = api()
      .post("/v1/balances.track")
      .reply(500, { message: "boom", code: "internal_error" })
      .post("/v1/balances.track")
      .reply(200, tracked);
    const seen = recordRequests(scope);
    const result = await balancesTrack(testCore(), { customerId: "user_123", featureId: "messages" });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen[0]?.headers["idempotency-key"]).toMatch(UUID);
    expect(seen[1]?.headers["idempotency-key"]).toBe(seen[0]?.headers["idempotency-key"]);
  });

  it("accepts an unknown deduction reset interval and unknown fields", async () => {
    const future = structuredClone(tracked) as { deductions: { reset: { interval: string } | null }[]; replayed?: boolean };
    future.deductions[0]!.reset!.interval = "fortnight";
    future.replayed = true;
    api().post("/v1/balances.track").reply(200, future);
    const result = await balancesTrack(testCore(), { customerId: "user_123", featureId: "messages" });
    if (!result.ok) throw result.error;
    expect(result.value.deductions?.[0]?.reset?.interval).toBe("fortnight");
  });

  it("says what is missing when neither featureId nor eventName is given, and what clashes when both are", async () => {
    const neither = await balancesTrack(testCore(), { customerId: "user_123" } as never);
    expect(neither.ok || neither.error).toMatchObject({ name: "RequestValidationError", field: "", message: "Invalid params: give featureId or eventName" });
    const both = await balancesTrack(testCore(), { customerId: "user_123", featureId: "messages", eventName: "chat" } as never);
    expect(both.ok || both.error).toMatchObject({ name: "RequestValidationError", field: "", message: "Invalid params: give either featureId or eventName, not both" });
    const batch = await balancesBatchTrack(testCore(), [{ customerId: "user_123", featureId: "messages" }, { customerId: "user_123" } as never]);
    expect(batch.ok || batch.error).toMatchObject({ field: "1", message: "Invalid params: 1: give featureId or eventName" });
  });

  it("refuses a call without exactly one of featureId and eventName, and other bad params, without sending", async () => {
    const scope = api().post("/v1/balances.track").reply(200, tracked);
    const cases: [unknown, string | undefined][] = [
      [{ customerId: "user_123" }, ""],
      [{ customerId: "user_123", featureId: "messages", eventName: "chat" }, ""],
      [{ customerId: "user_123", eventName: "" }, "eventName"],
      [{ customerId: "user_123", featureId: "messages", timestamp: 1.5 }, "timestamp"],
      [{ customerId: "user_123", featureId: "messages", timestamp: 0 }, "timestamp"],
      [{ customerId: "user_123", featureId: "messages", overageBehavior: "reject" }, "overageBehavior"],
      [{ customerId: "user_123", featureId: "messages", properties: "x" }, "properties"],
    ];
    for (const [params, field] of cases) expectInvalid(await balancesTrack(testCore(), params as never), field);
    expect(scope.isDone()).toBe(false);
  });
});

describe("balances.track_tokens", () => {
  it("posts token counts in snake_case to /v1/balances.track_tokens and returns the track answer", async () => {
    const scope = api().post("/v1/balances.track_tokens").reply(200, { customer_id: "user_123", value: 0.0042, balance: (tracked["balances"] as Record<string, unknown>)["AI_credits.v2"] });
    const seen = recordRequests(scope);
    const result = await balancesTrackTokens(testCore(), {
      customerId: "user_123",
      featureId: "AI_credits.v2",
      modelId: "anthropic/claude-sonnet-4-20250514",
      inputTokens: 1200,
      outputTokens: 350,
      cacheReadTokens: 800,
      cacheWriteTokens: 0,
      audioInputTokens: 0,
      audioOutputTokens: 0,
      reasoningTokens: 64,
      properties: { threadId: "t_9" },
    });
    expect(seen[0]?.body).toEqual({
      customer_id: "user_123",
      feature_id: "AI_credits.v2",
      model_id: "anthropic/claude-sonnet-4-20250514",
      input_tokens: 1200,
      output_tokens: 350,
      cache_read_tokens: 800,
      cache_write_tokens: 0,
      audio_input_tokens: 0,
      audio_output_tokens: 0,
      reasoning_tokens: 64,
      properties: { threadId: "t_9" },
    });
    expect(seen[0]?.headers["idempotency-key"]).toMatch(UUID);
    if (!result.ok) throw result.error;
    expect(result.value).toMatchObject({ customerId: "user_123", value: 0.0042, balance: { featureId: "AI_credits.v2", remaining: 4.25 } });
  });

  it("refuses negative, fractional or missing token counts without sending", async () => {
    const scope = api().post("/v1/balances.track_tokens").reply(200, tracked);
    const base = { customerId: "user_123", modelId: "openai/gpt-4o", inputTokens: 1, outputTokens: 1 };
    const cases: [unknown, string][] = [
      [{ ...base, inputTokens: -1 }, "inputTokens"],
      [{ ...base, outputTokens: 2.5 }, "outputTokens"],
      [{ ...base, reasoningTokens: -3 }, "reasoningTokens"],
      [{ customerId: "user_123", modelId: "openai/gpt-4o", inputTokens: 1 }, "outputTokens"],
      [{ ...base, eventName: "chat" }, "eventName"],
    ];
    for (const [params, field] of cases) expectInvalid(await balancesTrackTokens(testCore(), params as never), field);
    expect(scope.isDone()).toBe(false);
  });
});

describe("balances.batch_track", () => {
  it("posts the events as a snake_case JSON array and returns success", async () => {
    const scope = api().post("/v1/balances.batch_track").reply(202, { success: true });
    const seen = recordRequests(scope);
    const result = await balancesBatchTrack(testCore(), [
      { customerId: "user_123", featureId: "messages", value: 2, properties: { chatId: "c_1" } },
      { customerId: "user_456", eventName: "ai_chat_request", entityId: "seat_1", timestamp: 1771409161016 },
    ]);
    expect(seen[0]?.body).toEqual([
      { customer_id: "user_123", feature_id: "messages", value: 2, properties: { chatId: "c_1" } },
      { customer_id: "user_456", event_name: "ai_chat_request", entity_id: "seat_1", timestamp: 1771409161016 },
    ]);
    expect(result).toEqual({ ok: true, value: { success: true }, response: expect.any(Response) });
  });

  it("retries a 503 (nothing queued) under the same idempotency key", async () => {
    const scope = api()
      .post("/v1/balances.batch_track")
      .reply(503, { message: "Async track is not available right now", code: "internal_error" })
      .post("/v1/balances.batch_track")
      .reply(202, { success: true });
    const seen = recordRequests(scope);
    const result = await balancesBatchTrack(testCore(), [{ customerId: "user_123", featureId: "messages" }]);
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen[0]?.headers["idempotency-key"]).toMatch(UUID);
    expect(seen[1]?.headers["idempotency-key"]).toBe(seen[0]?.headers["idempotency-key"]);
  });

  it("refuses an empty batch, more than 1000 events, or a bad event, without sending", async () => {
    const scope = api().post("/v1/balances.batch_track").reply(202, { success: true });
    const event = { customerId: "user_123", featureId: "messages" };
    expectInvalid(await balancesBatchTrack(testCore(), []));
    expectInvalid(await balancesBatchTrack(testCore(), Array.from({ length: 1001 }, () => event)));
    expectInvalid(await balancesBatchTrack(testCore(), [event, { customerId: "user_123" }]), "1");
    expectInvalid(await balancesBatchTrack(testCore(), [event, { ...event, async: true } as never]), "1.async");
    expect(scope.isDone()).toBe(false);
  });
});

describe("balances.create", () => {
  it("posts the grant with its reset and rollover in snake_case and returns success", async () => {
    const scope = api().post("/v1/balances.create").reply(200, { success: true });
    const seen = recordRequests(scope);
    const result = await balancesCreate(testCore(), {
      customerId: "user_123",
      featureId: "messages",
      entityId: "seat_1",
      includedGrant: 500,
      reset: { interval: "month", intervalCount: 2 },
      rollover: { max: null, maxPercentage: 50, duration: "month", length: 1 },
      nextResetAt: 1773851121437,
      balanceId: "promo_2025",
    });
    expect(seen[0]?.body).toEqual({
      customer_id: "user_123",
      feature_id: "messages",
      entity_id: "seat_1",
      included_grant: 500,
      reset: { interval: "month", interval_count: 2 },
      rollover: { max: null, max_percentage: 50, duration: "month", length: 1 },
      next_reset_at: 1773851121437,
      balance_id: "promo_2025",
    });
    expect(seen[0]?.headers["idempotency-key"]).toMatch(UUID);
    expect(result).toEqual({ ok: true, value: { success: true }, response: expect.any(Response) });
  });

  it("refuses an unknown reset interval or a rollover without length, without sending", async () => {
    const scope = api().post("/v1/balances.create").reply(200, { success: true });
    const base = { customerId: "user_123", featureId: "messages" };
    expectInvalid(await balancesCreate(testCore(), { ...base, reset: { interval: "fortnight" } } as never), "reset.interval");
    expectInvalid(await balancesCreate(testCore(), { ...base, rollover: { max: 5 } } as never), "rollover.length");
    expect(scope.isDone()).toBe(false);
  });
});

describe("balances.update", () => {
  it("posts the change in snake_case to /v1/balances.update", async () => {
    const scope = api()
      .post("/v1/balances.update", {
        customer_id: "user_123",
        feature_id: "messages",
        add_to_balance: -10,
        interval: "month",
        included_grant: 200,
        next_reset_at: 1773851121437,
        expires_at: 1776443121437,
      })
      .reply(200, { success: true });
    const result = await balancesUpdate(testCore(), {
      customerId: "user_123",
      featureId: "messages",
      addToBalance: -10,
      interval: "month",
      includedGrant: 200,
      nextResetAt: 1773851121437,
      expiresAt: 1776443121437,
    });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ ok: true, value: { success: true }, response: expect.any(Response) });
  });
});

describe("balances.delete", () => {
  it("posts the target balance in snake_case to /v1/balances.delete", async () => {
    const scope = api()
      .post("/v1/balances.delete", { customer_id: "user_123", feature_id: "messages", balance_id: "promo_2025", recalculate_balances: true, interval: "one_off" })
      .reply(200, { success: true });
    const result = await balancesDelete(testCore(), {
      customerId: "user_123",
      featureId: "messages",
      balanceId: "promo_2025",
      recalculateBalances: true,
      interval: "one_off",
    });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ ok: true, value: { success: true }, response: expect.any(Response) });
  });
});

describe("balances.finalize", () => {
  it("posts the lock id, action, override value and properties to /v1/balances.finalize", async () => {
    const scope = api().post("/v1/balances.finalize").reply(200, { success: true });
    const seen = recordRequests(scope);
    const result = await balancesFinalize(testCore(), { lockId: "job_42", action: "confirm", overrideValue: 7, properties: { jobKind: "render" } });
    expect(seen[0]?.body).toEqual({ lock_id: "job_42", action: "confirm", override_value: 7, properties: { jobKind: "render" } });
    expect(seen[0]?.headers["idempotency-key"]).toMatch(UUID);
    expect(result).toEqual({ ok: true, value: { success: true }, response: expect.any(Response) });
  });

  it("refuses an unknown action without sending", async () => {
    const scope = api().post("/v1/balances.finalize").reply(200, { success: true });
    expectInvalid(await balancesFinalize(testCore(), { lockId: "job_42", action: "commit" } as never), "action");
    expect(scope.isDone()).toBe(false);
  });
});

describe("Balances facade", () => {
  it("returns the value and throws the error", async () => {
    api()
      .post("/v1/balances.check")
      .reply(200, { allowed: true, customer_id: "user_123", balance: null, flag: null })
      .post("/v1/balances.track")
      .reply(404, { message: "Customer user_9 not found", code: "customer_not_found" });
    const balances = new Balances(testCore());
    await expect(balances.check({ customerId: "user_123", featureId: "messages" })).resolves.toMatchObject({ allowed: true });
    await expect(balances.track({ customerId: "user_9", featureId: "messages" })).rejects.toMatchObject({
      name: "AutumnAPIError",
      status: 404,
      code: "customer_not_found",
    });
  });
});
