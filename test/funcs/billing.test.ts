import { describe, expect, it } from "vitest";
import { billingAttach } from "../../src/funcs/billing-attach.js";
import { billingCreateSchedule } from "../../src/funcs/billing-create-schedule.js";
import { billingImport } from "../../src/funcs/billing-import.js";
import { billingMultiAttach } from "../../src/funcs/billing-multi-attach.js";
import { billingMultiUpdate } from "../../src/funcs/billing-multi-update.js";
import { billingPreviewAttach } from "../../src/funcs/billing-preview-attach.js";
import { Billing } from "../../src/sdk/billing.js";
import { api, fixture, recordRequests, testCore } from "../helpers.js";
import { attachParams, attachPreview, type Call, cases, result } from "./billing-cases.js";

describe("billing: every operation", () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`${name} posts the snake_case body to /v1/${c.path}${c.keyed ? " under an idempotency key" : ""} and returns the camelCase result`, async () => {
      const scope = api().post(`/v1/${c.path}`).reply(200, c.reply);
      const seen = recordRequests(scope);
      const outcome = await c.call(testCore(), c.params as never);
      if (!outcome.ok) throw outcome.error;
      expect(seen).toHaveLength(1);
      expect(seen[0]?.body).toEqual(c.wire);
      expect(seen[0]?.headers["idempotency-key"] !== undefined).toBe(c.keyed);
      expect(outcome.value).toMatchObject(c.expected);
    });
  }
});

describe("billing: behaviour", () => {
  it("keeps the keys of metadata records exactly as given, in the request and in the response", async () => {
    api().post("/v1/billing.preview_attach", (body) => body.metadata["team.id"] === "t_9" && body.customize.upsert_licenses[0].metadata.costCenter === "R&D").reply(200, attachPreview);
    const outcome = await billingPreviewAttach(testCore(), attachParams);
    if (!outcome.ok) throw outcome.error;
    expect(outcome.value.incoming[0]?.plan?.metadata).toEqual({ tierLabel: "B2B" });
  });

  it("rejects bad params without sending anything", async () => {
    const scope = api().post("/v1/billing.attach").reply(200, result);
    const bad: [Call, unknown, string][] = [
      [billingAttach as Call, { customerId: "user_123" }, "planId"],
      [billingAttach as Call, { customerId: "user 123", planId: "pro" }, "customerId"],
      [billingAttach as Call, { customerId: "u1", planId: "pro", planSchedul: "immediate" }, "planSchedul"],
      [billingAttach as Call, { customerId: "u1", planId: "pro", startsAt: 1.5 }, "startsAt"],
      [billingAttach as Call, { customerId: "u1", planId: "pro", redirectMode: "sometimes" }, "redirectMode"],
      [billingAttach as Call, { customerId: "u1", planId: "pro", featureQuantities: [{ featureId: "seats", quantity: -1 }] }, "featureQuantities.0.quantity"],
      [billingAttach as Call, { customerId: "u1", planId: "pro", customize: { items: [], addItems: [] } }, "customize"],
      [billingMultiAttach as Call, { customerId: "u1", plans: [] }, "plans"],
      [billingMultiUpdate as Call, { customerId: "u1", updates: [{ planId: "pro" }] }, "updates.0.cancelAction"],
      [billingCreateSchedule as Call, { customerId: "u1", phases: [{ plans: [{ planId: "pro" }] }], currency: "dollars" }, "currency"],
      [billingImport as Call, { customerId: "u1", billables: [{ plan: { planId: "pro", status: "paused" } }] }, "billables.0.plan.status"],
    ];
    for (const [call, params, field] of bad) {
      const outcome = await call(testCore(), params as never);
      expect(!outcome.ok && outcome.error.name).toBe("RequestValidationError");
      if (!outcome.ok && outcome.error.name === "RequestValidationError") expect(outcome.error.field).toBe(field);
    }
    expect(scope.isDone()).toBe(false);
  });

  it("accepts unknown response fields and enum values, and shows the new value", async () => {
    api()
      .post("/v1/billing.preview_attach")
      .reply(200, { ...attachPreview, checkout_type: "paypal_checkout", brand_new_field: 1, tax: { ...(attachPreview["tax"] as object), status: "estimated" } });
    const outcome = await billingPreviewAttach(testCore(), { customerId: "user_123", planId: "pro" });
    if (!outcome.ok) throw outcome.error;
    expect(outcome.value.checkoutType).toBe("paypal_checkout");
    expect(outcome.value.tax?.status).toBe("estimated");
    expect(Object.keys(outcome.value)).not.toContain("brandNewField");
  });

  it("retries a preview after a 503 without an idempotency key", async () => {
    const scope = api().post("/v1/billing.preview_attach").reply(503, { message: "busy", code: "service_unavailable" }).post("/v1/billing.preview_attach").reply(200, attachPreview);
    const seen = recordRequests(scope);
    const outcome = await billingPreviewAttach(testCore(), { customerId: "user_123", planId: "pro" });
    expect(outcome.ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen.every((request) => request.headers["idempotency-key"] === undefined)).toBe(true);
  });

  it("retries an attach only under one idempotency key, the same on every attempt", async () => {
    const scope = api().post("/v1/billing.attach").reply(503, { message: "busy", code: "service_unavailable" }).post("/v1/billing.attach").reply(200, result);
    const seen = recordRequests(scope);
    const outcome = await billingAttach(testCore(), { customerId: "user_123", planId: "pro" });
    expect(outcome.ok).toBe(true);
    expect(seen).toHaveLength(2);
    const key = seen[0]?.headers["idempotency-key"];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]?.headers["idempotency-key"]).toBe(key);
  });

  it("does not resend a keyless attach after a 500", async () => {
    const scope = api().post("/v1/billing.attach").times(3).reply(500, { message: "boom", code: "internal_error" });
    const seen = recordRequests(scope);
    const outcome = await billingAttach(testCore({ autoIdempotencyKey: false }), { customerId: "user_123", planId: "pro" });
    expect(seen).toHaveLength(1);
    expect(!outcome.ok && outcome.error.name).toBe("AutumnAPIError");
  });

  it("treats a dry-run import as a read and a real import as a mutation", async () => {
    const scope = api().post("/v1/billing.import").times(2).reply(200, fixture("billing-import"));
    const seen = recordRequests(scope);
    const params = { customerId: "user_123", billables: [{ plan: { planId: "free" } }] };
    await billingImport(testCore(), { ...params, dryRun: true });
    await billingImport(testCore(), params);
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    expect(seen[1]?.headers["idempotency-key"]).toBeDefined();
  });

  it("exposes every operation on the Billing facade, `import` included, and throws the error", async () => {
    const billing = new Billing(testCore());
    api().post("/v1/billing.import").reply(200, fixture("billing-import"));
    await expect(billing.import({ customerId: "user_123", billables: [] })).resolves.toMatchObject({ customerId: "user_123", customer: null });
    api().post("/v1/billing.open_customer_portal").reply(404, { message: "Customer not found", code: "customer_not_found" });
    await expect(billing.openCustomerPortal({ customerId: "nobody" })).rejects.toMatchObject({ name: "AutumnAPIError", status: 404 });
    expect(Object.getOwnPropertyNames(Billing.prototype).filter((name) => name !== "constructor")).toHaveLength(12);
  });
});
