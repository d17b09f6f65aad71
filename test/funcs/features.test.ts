import { describe, expect, it } from "vitest";
import { featuresCreate } from "../../src/funcs/features-create.js";
import { featuresDelete } from "../../src/funcs/features-delete.js";
import { featuresGet } from "../../src/funcs/features-get.js";
import { featuresList } from "../../src/funcs/features-list.js";
import { featuresUpdate } from "../../src/funcs/features-update.js";
import { Features } from "../../src/sdk/features.js";
import { api, fixture, recordRequests, testCore } from "../helpers.js";

const feature = fixture("feature");
const seats = { id: "seats", name: "Seats", type: "metered", consumable: false, display: { singular: "seat", plural: null }, archived: false };

describe("features.create", () => {
  it("sends the feature in snake_case to /v1/features.create, keeping model and provider keys as given", async () => {
    const scope = api().post("/v1/features.create").reply(200, feature);
    const seen = recordRequests(scope);
    const result = await featuresCreate(testCore(), {
      featureId: "ai_credits",
      name: "AI credits",
      type: "ai_credit_system",
      consumable: true,
      eventNames: ["llm.completion"],
      modelMarkups: { "openai/gpt-4o": { markup: 20, inputCost: 2.5, outputCost: 10 }, "anthropic/claude-sonnet-4": { markup: -100 } },
      defaultMarkup: 30,
      providerMarkups: { openai: { markup: 25 }, googleVertex: { markup: 15 } },
      display: { singular: "credit", plural: "credits" },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.path).toBe("/v1/features.create");
    expect(seen[0]?.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]?.body).toEqual({
      feature_id: "ai_credits",
      name: "AI credits",
      type: "ai_credit_system",
      consumable: true,
      event_names: ["llm.completion"],
      model_markups: { "openai/gpt-4o": { markup: 20, input_cost: 2.5, output_cost: 10 }, "anthropic/claude-sonnet-4": { markup: -100 } },
      default_markup: 30,
      provider_markups: { openai: { markup: 25 }, googleVertex: { markup: 15 } },
      display: { singular: "credit", plural: "credits" },
    });
    if (!result.ok) throw result.error;
    expect(result.value).toMatchObject({ id: "ai_credits", type: "ai_credit_system", defaultMarkup: 30 });
  });

  it("sends a credit schema in snake_case", async () => {
    const scope = api()
      .post("/v1/features.create", {
        feature_id: "credits",
        name: "Credits",
        type: "credit_system",
        credit_schema: [{ metered_feature_id: "messages", credit_cost: 2 }],
      })
      .reply(200, { id: "credits", name: "Credits", type: "credit_system", consumable: true, credit_schema: [{ metered_feature_id: "messages", credit_cost: 2 }], archived: false });
    const result = await featuresCreate(testCore(), {
      featureId: "credits",
      name: "Credits",
      type: "credit_system",
      creditSchema: [{ meteredFeatureId: "messages", creditCost: 2 }],
    });
    expect(scope.isDone()).toBe(true);
    expect(result.ok && result.value.creditSchema).toEqual([{ meteredFeatureId: "messages", creditCost: 2 }]);
  });

  it("refuses a missing type, an unknown type, a markup below -100 and unknown fields without sending anything", async () => {
    const scope = api().post("/v1/features.create").reply(200, feature);
    const cases: [unknown, string][] = [
      [{ featureId: "f", name: "F" }, "type"],
      [{ featureId: "f", name: "F", type: "single_use" }, "type"],
      [{ featureId: "f", name: "F", type: "ai_credit_system", defaultMarkup: -101 }, "defaultMarkup"],
      [{ featureId: "f", name: "F", type: "ai_credit_system", modelMarkups: { m: { inputCost: -1 } } }, "modelMarkups.m.inputCost"],
      [{ featureId: "f", name: "F", type: "ai_credit_system", providerMarkups: { p: {} } }, "providerMarkups.p.markup"],
      [{ featureId: "f", name: "F", type: "boolean", display: { singular: "x" } }, "display.plural"],
      [{ featureId: "f", name: "F", type: "boolean", eventName: "x" }, "eventName"],
    ];
    for (const [params, field] of cases) {
      const result = await featuresCreate(testCore(), params as never);
      expect(!result.ok && result.error.name === "RequestValidationError" && result.error.field).toBe(field);
    }
    expect(scope.isDone()).toBe(false);
  });

  it("retries a 500 under the same idempotency key", async () => {
    const scope = api()
      .post("/v1/features.create")
      .reply(500, { message: "boom", code: "internal_error" })
      .post("/v1/features.create")
      .reply(200, seats);
    const seen = recordRequests(scope);
    const result = await featuresCreate(testCore(), { featureId: "seats", name: "Seats", type: "metered", consumable: false });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    const key = seen[0]?.headers["idempotency-key"];
    expect(key).toBeTruthy();
    expect(seen[1]?.headers["idempotency-key"]).toBe(key);
  });
});

describe("features.get", () => {
  it("posts feature_id to /v1/features.get and returns the camelCase feature with data keys intact", async () => {
    const scope = api().post("/v1/features.get", { feature_id: "ai_credits" }).reply(200, feature);
    const result = await featuresGet(testCore(), { featureId: "ai_credits" });
    expect(scope.isDone()).toBe(true);
    if (!result.ok) throw result.error;
    expect(result.value).toEqual({
      id: "ai_credits",
      name: "AI credits",
      type: "ai_credit_system",
      consumable: true,
      eventNames: ["llm.completion"],
      modelMarkups: {
        "openai/gpt-4o": { markup: 20, inputCost: 2.5, outputCost: 10 },
        "anthropic/claude-sonnet-4": { markup: -100 },
      },
      defaultMarkup: 30,
      providerMarkups: { openai: { markup: 25 }, google_vertex: { markup: 15 } },
      display: { singular: "credit", plural: "credits" },
      archived: false,
    });
  });

  it("accepts unknown fields and unknown enum values, keeping the values visible", async () => {
    api().post("/v1/features.get").reply(200, { ...seats, type: "metered_v2", billing_scope: "entity" });
    const result = await featuresGet(testCore(), { featureId: "seats" });
    if (!result.ok) throw result.error;
    expect(result.value.type).toBe("metered_v2");
    expect(result.value.display).toEqual({ singular: "seat", plural: null });
    expect("billingScope" in result.value).toBe(false);
  });

  it("retries a 503 as a read, without an idempotency key", async () => {
    const scope = api()
      .post("/v1/features.get")
      .reply(503, { message: "busy", code: "service_unavailable" }, { "retry-after": "0" })
      .post("/v1/features.get")
      .reply(200, feature);
    const seen = recordRequests(scope);
    const result = await featuresGet(testCore(), { featureId: "ai_credits" });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen.every((request) => request.headers["idempotency-key"] === undefined)).toBe(true);
  });
});

describe("features.list", () => {
  it("posts an empty body to /v1/features.list and returns every feature", async () => {
    const scope = api().post("/v1/features.list", {}).reply(200, { list: [feature, seats] });
    const result = await featuresList(testCore());
    expect(scope.isDone()).toBe(true);
    if (!result.ok) throw result.error;
    expect(result.value.list.map((item) => [item.id, item.type, item.consumable])).toEqual([
      ["ai_credits", "ai_credit_system", true],
      ["seats", "metered", false],
    ]);
  });

  it("refuses params it does not know, since the operation takes none", async () => {
    const scope = api().post("/v1/features.list").reply(200, { list: [] });
    const result = await featuresList(testCore(), { limit: 10 } as never);
    expect(!result.ok && result.error.name === "RequestValidationError" && result.error.field).toBe("limit");
    expect(scope.isDone()).toBe(false);
  });
});

describe("features.update", () => {
  it("sends the changes in snake_case to /v1/features.update", async () => {
    const scope = api().post("/v1/features.update").reply(200, { ...seats, id: "members", archived: true });
    const seen = recordRequests(scope);
    const result = await featuresUpdate(testCore(), {
      featureId: "seats",
      newFeatureId: "members",
      name: "Members",
      archived: true,
      modelMarkups: null,
      providerMarkups: null,
      display: { singular: "member", plural: "members" },
    });
    expect(seen[0]?.body).toEqual({
      feature_id: "seats",
      new_feature_id: "members",
      name: "Members",
      archived: true,
      model_markups: null,
      provider_markups: null,
      display: { singular: "member", plural: "members" },
    });
    expect(seen[0]?.headers["idempotency-key"]).toBeTruthy();
    if (!result.ok) throw result.error;
    expect(result.value).toMatchObject({ id: "members", archived: true });
  });

  it("refuses an empty name without sending", async () => {
    const scope = api().post("/v1/features.update").reply(200, seats);
    const result = await featuresUpdate(testCore(), { featureId: "seats", name: "" });
    expect(!result.ok && result.error.name === "RequestValidationError" && result.error.field).toBe("name");
    expect(scope.isDone()).toBe(false);
  });
});

describe("features.delete", () => {
  it("posts feature_id to /v1/features.delete and returns success", async () => {
    const scope = api().post("/v1/features.delete", { feature_id: "old" }).reply(200, { success: true });
    const seen = recordRequests(scope);
    const result = await featuresDelete(testCore(), { featureId: "old" });
    expect(scope.isDone()).toBe(true);
    expect(seen[0]?.headers["idempotency-key"]).toBeTruthy();
    expect(result).toEqual({ ok: true, value: { success: true }, response: expect.any(Response) });
  });
});

describe("Features facade", () => {
  it("returns the value and throws the error", async () => {
    api().post("/v1/features.list").reply(200, { list: [seats] }).post("/v1/features.get").reply(404, { message: "Feature not found", code: "feature_not_found" });
    const features = new Features(testCore());
    await expect(features.list()).resolves.toMatchObject({ list: [{ id: "seats" }] });
    await expect(features.get({ featureId: "nope" })).rejects.toMatchObject({ name: "AutumnAPIError", status: 404, code: "feature_not_found" });
  });
});
