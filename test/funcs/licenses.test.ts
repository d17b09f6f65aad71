import { describe, expect, it } from "vitest";
import { licensesAttach } from "../../src/funcs/licenses-attach.js";
import { licensesList } from "../../src/funcs/licenses-list.js";
import { licensesListAssignments } from "../../src/funcs/licenses-list-assignments.js";
import { licensesRelease } from "../../src/funcs/licenses-release.js";
import { Licenses } from "../../src/sdk/licenses.js";
import { api, expectMalformed, expectRefused, fixture, recordRequests, testCore } from "../helpers.js";

const pools = fixture<{ list: Record<string, unknown>[] }>("licenses-list");
const assignments = fixture<{ list: Record<string, unknown>[] }>("license-assignments");

describe("licenses.attach", () => {
  it("sends the entities in snake_case to /v1/licenses.attach under an Idempotency-Key", async () => {
    const seen = recordRequests(api().post("/v1/licenses.attach").reply(200, { success: true }));
    const result = await licensesAttach(testCore(), {
      customerId: "org_42",
      planId: "editor_seat",
      entities: [{ entityId: "user_ada", name: "Ada", featureId: "seats" }, { entityId: "user_grace", name: null }],
    });
    expect(seen[0]?.path).toBe("/v1/licenses.attach");
    expect(seen[0]?.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]?.body).toEqual({
      customer_id: "org_42",
      plan_id: "editor_seat",
      entities: [{ entity_id: "user_ada", name: "Ada", feature_id: "seats" }, { entity_id: "user_grace", name: null }],
    });
    expect(result).toEqual({ ok: true, value: { success: true }, response: expect.any(Response) });
  });

  it("refuses no entities, an entity twice, and what is missing or misspelt, without sending", async () => {
    const scope = api().post("/v1/licenses.attach").reply(200, { success: true });
    const base = { customerId: "org_42", planId: "editor_seat", entities: [{ entityId: "user_ada" }] };
    await expectRefused((params) => licensesAttach(testCore(), params), [
      [{ ...base, entities: [] }, "entities"],
      [{ ...base, entities: [{ entityId: "user_ada" }, { entityId: "user_ada", name: "Ada again" }] }, "entities"],
      [{ ...base, entities: [{ entityId: "" }] }, "entities.0.entityId"],
      [{ ...base, entities: [{ entityId: "user_ada", feature_id: "seats" }] }, "entities.0.feature_id"],
      [{ ...base, planId: "" }, "planId"],
      [{ ...base, licensePlanId: "editor_seat" }, "licensePlanId"],
      [{ ...base, customerId: undefined }, "customerId"],
    ]);
    expect(scope.isDone()).toBe(false);
  });

  it("reports seats Autumn will not give as an AutumnAPIError with its code", async () => {
    api().post("/v1/licenses.attach").reply(400, { message: "No editor_seat licenses left to assign", code: "invalid_request", env: "sandbox" });
    const result = await licensesAttach(testCore(), { customerId: "org_42", planId: "editor_seat", entities: [{ entityId: "user_ada" }] });
    expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", status: 400, code: "invalid_request" });
  });

  it("reports an answer without success as a ResponseValidationError with the raw body", async () => {
    await expectMalformed("licenses.attach", { assigned: 1 }, () => licensesAttach(testCore(), { customerId: "org_42", planId: "editor_seat", entities: [{ entityId: "user_ada" }] }), "success");
  });
});

describe("licenses.release", () => {
  it("sends the entity ids, scoped to a license plan, under an Idempotency-Key", async () => {
    const seen = recordRequests(api().post("/v1/licenses.release").reply(200, { success: true, released: 2 }));
    const result = await licensesRelease(testCore(), { customerId: "org_42", licensePlanId: "editor_seat", entityIds: ["user_ada", "user_grace"] });
    expect(seen[0]?.body).toEqual({ customer_id: "org_42", license_plan_id: "editor_seat", entity_ids: ["user_ada", "user_grace"] });
    expect(seen[0]?.headers["idempotency-key"]).toBeDefined();
    expect(result.ok && result.value).toEqual({ success: true });
  });

  it("refuses no entity, an entity twice, and attach's planId, without sending", async () => {
    const scope = api().post("/v1/licenses.release").reply(200, { success: true });
    await expectRefused((params) => licensesRelease(testCore(), params), [
      [{ customerId: "org_42", entityIds: [] }, "entityIds"],
      [{ customerId: "org_42", entityIds: ["user_ada", "user_ada"] }, "entityIds"],
      [{ customerId: "org_42", entityIds: ["user_ada"], planId: "editor_seat" }, "planId"],
    ]);
    expect(scope.isDone()).toBe(false);
  });
});

describe("licenses.list", () => {
  it("posts the customer and entity, without a key, and returns the pools camelCased", async () => {
    const seen = recordRequests(api().post("/v1/licenses.list").reply(200, pools));
    const result = await licensesList(testCore(), { customerId: "org_42", entityId: "user_ada" });
    expect(seen[0]?.body).toEqual({ customer_id: "org_42", entity_id: "user_ada" });
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    if (!result.ok) throw result.error;
    expect(result.value.list[0]).toEqual({
      licensePlanId: "editor_seat",
      parentPlanId: "team",
      licensePlanName: "Editor seat",
      granted: 10,
      usage: 3,
      remaining: 7,
      paidQuantity: 5,
    });
    expect(result.value.list).toHaveLength(2);
  });

  it("accepts unknown fields, and refuses a pool without its counts", async () => {
    api().post("/v1/licenses.list").reply(200, { list: [{ ...pools.list[0], overage_allowed: true }], has_more: false });
    const result = await licensesList(testCore(), { customerId: "org_42" });
    expect(result.ok && result.value).toEqual({ list: [expect.not.objectContaining({ overageAllowed: true })] });
    const { remaining: _remaining, ...withoutRemaining } = pools.list[0]!;
    await expectMalformed("licenses.list", { list: [withoutRemaining] }, () => licensesList(testCore(), { customerId: "org_42" }), "list.0.remaining");
  });
});

describe("licenses.list_assignments", () => {
  it("posts the filters to /v1/licenses.list_assignments and returns the seats, released ones with ended_at", async () => {
    const seen = recordRequests(api().post("/v1/licenses.list_assignments").reply(200, assignments));
    const result = await licensesListAssignments(testCore(), { customerId: "org_42", entityId: "user_ada", planId: "editor_seat", active: false });
    expect(seen[0]?.body).toEqual({ customer_id: "org_42", entity_id: "user_ada", plan_id: "editor_seat", active: false });
    if (!result.ok) throw result.error;
    expect(result.value.list).toEqual([
      { id: "lic_asn_2sK9mQ1vX7bT0aL", entityId: "user_ada", licensePlanId: "editor_seat", startedAt: 1771409161016, endedAt: null },
      { id: "lic_asn_2sK9mQ4wZ2cU1bM", entityId: "user_grace", licensePlanId: "editor_seat", startedAt: 1769000000000, endedAt: 1770000000000 },
    ]);
  });

  it("refuses a seat whose end is not a number or null", async () => {
    await expectMalformed("licenses.list_assignments", { list: [{ ...assignments.list[0], ended_at: "never" }] }, () => licensesListAssignments(testCore(), { customerId: "org_42" }), "list.0.ended_at");
  });

  it("refuses a missing customer and a non-boolean active, without sending", async () => {
    const scope = api().post("/v1/licenses.list_assignments").reply(200, assignments);
    await expectRefused((params) => licensesListAssignments(testCore(), params), [
      [{}, "customerId"],
      [{ customerId: "org_42", active: "yes" }, "active"],
    ]);
    expect(scope.isDone()).toBe(false);
  });
});

describe("Licenses facade", () => {
  it("returns the values and throws the error", async () => {
    api()
      .post("/v1/licenses.list")
      .reply(200, pools)
      .post("/v1/licenses.release")
      .reply(400, { message: "user_ada holds no seat", code: "invalid_request" });
    const licenses = new Licenses(testCore());
    await expect(licenses.list({ customerId: "org_42" })).resolves.toMatchObject({ list: [{ remaining: 7 }, { remaining: 25 }] });
    await expect(licenses.release({ customerId: "org_42", entityIds: ["user_ada"] })).rejects.toMatchObject({ name: "AutumnAPIError", code: "invalid_request" });
  });
});
