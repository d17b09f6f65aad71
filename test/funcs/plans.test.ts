import { describe, expect, it } from "vitest";
import { plansCreate } from "../../src/funcs/plans-create.js";
import { plansDelete } from "../../src/funcs/plans-delete.js";
import { plansGet } from "../../src/funcs/plans-get.js";
import { plansList } from "../../src/funcs/plans-list.js";
import { plansUpdate } from "../../src/funcs/plans-update.js";
import { Plans } from "../../src/sdk/plans.js";
import { api, fixture, recordRequests, testCore } from "../helpers.js";

const plan = fixture("plan");

describe("plans.create", () => {
  it("sends the whole plan in snake_case to /v1/plans.create, with an idempotency key", async () => {
    const scope = api().post("/v1/plans.create").reply(200, plan);
    const seen = recordRequests(scope);
    const result = await plansCreate(testCore(), {
      planId: "pro",
      name: "Pro",
      description: null,
      group: "main",
      addOn: false,
      autoEnable: false,
      price: { amount: 20, interval: "month", additionalCurrencies: [{ currency: "eur", amount: 18 }] },
      items: [
        {
          featureId: "messages",
          included: 1000,
          reset: { interval: "month", intervalCount: 1 },
          price: {
            tiers: [{ to: 10000, amount: 0.5, additionalCurrencies: [{ currency: "eur", flatAmount: 1 }] }, { to: "inf", amount: 0.25, flatAmount: 5 }],
            tierBehavior: "graduated",
            interval: "month",
            billingUnits: 100,
            billingMethod: "usage_based",
            maxPurchase: null,
          },
          rollover: { max: 500, expiryDurationType: "month", expiryDurationLength: 1 },
        },
        {
          featureId: "seats",
          included: 3,
          price: { amount: 10, interval: "month", billingMethod: "prepaid" },
          proration: { onIncrease: "prorate_immediately", onDecrease: "none" },
        },
      ],
      licenses: [
        {
          licensePlanId: "pro_seat",
          included: 5,
          prepaidOnly: true,
          customize: { price: null, removeItems: [{ featureId: "sso", interval: "day", intervalCount: 1 }] },
          metadata: { seatKind: "editor" },
        },
      ],
      freeTrial: { durationLength: 14, durationType: "day", cardRequired: true, onEnd: "revert" },
      config: { ignorePastDue: true },
      billingControls: { autoTopups: [{ featureId: "credits", threshold: 10, quantity: 100, purchaseLimit: { interval: "month", limit: 3, count: 0 } }] },
      metadata: { uiOrder: 2, "Badge-Color": "gold" },
      createInStripe: false,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.path).toBe("/v1/plans.create");
    expect(seen[0]?.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]?.body).toEqual({
      plan_id: "pro",
      name: "Pro",
      description: null,
      group: "main",
      add_on: false,
      auto_enable: false,
      price: { amount: 20, interval: "month", additional_currencies: [{ currency: "eur", amount: 18 }] },
      items: [
        {
          feature_id: "messages",
          included: 1000,
          reset: { interval: "month", interval_count: 1 },
          price: {
            tiers: [{ to: 10000, amount: 0.5, additional_currencies: [{ currency: "eur", flat_amount: 1 }] }, { to: "inf", amount: 0.25, flat_amount: 5 }],
            tier_behavior: "graduated",
            interval: "month",
            billing_units: 100,
            billing_method: "usage_based",
            max_purchase: null,
          },
          rollover: { max: 500, expiry_duration_type: "month", expiry_duration_length: 1 },
        },
        {
          feature_id: "seats",
          included: 3,
          price: { amount: 10, interval: "month", billing_method: "prepaid" },
          proration: { on_increase: "prorate_immediately", on_decrease: "none" },
        },
      ],
      licenses: [
        {
          license_plan_id: "pro_seat",
          included: 5,
          prepaid_only: true,
          customize: { price: null, remove_items: [{ feature_id: "sso", interval: "day", interval_count: 1 }] },
          metadata: { seatKind: "editor" },
        },
      ],
      free_trial: { duration_length: 14, duration_type: "day", card_required: true, on_end: "revert" },
      config: { ignore_past_due: true },
      billing_controls: { auto_topups: [{ feature_id: "credits", threshold: 10, quantity: 100, purchase_limit: { interval: "month", limit: 3, count: 0 } }] },
      metadata: { uiOrder: 2, "Badge-Color": "gold" },
      create_in_stripe: false,
    });
    if (!result.ok) throw result.error;
    expect(result.value).toMatchObject({ id: "pro", version: 2, addOn: false, createdAt: 1771409161016 });
  });

  it("refuses bad ids, empty names, unknown fields and out-of-range values without sending anything", async () => {
    const scope = api().post("/v1/plans.create").reply(200, plan);
    const core = testCore();
    const cases: [unknown, string][] = [
      [{ name: "Pro" }, "planId"],
      [{ planId: "pro plan", name: "Pro" }, "planId"],
      [{ planId: "pro", name: "" }, "name"],
      [{ planId: "pro", name: "Pro", addon: true }, "addon"],
      [{ planId: "pro", name: "Pro", price: { amount: 20, interval: "monthly" } }, "price.interval"],
      [{ planId: "pro", name: "Pro", items: [{ featureId: "m", included: 1e14 }] }, "items.0.included"],
      [{ planId: "pro", name: "Pro", items: [{ featureId: "m", price: { interval: "month", billingMethod: "prepaid", tiers: [{ to: "infinity" }] } }] }, "items.0.price.tiers.0.to"],
      [{ planId: "pro", name: "Pro", items: [{ featureId: "m", resets: { interval: "month" } }] }, "items.0.resets"],
      [{ planId: "pro", name: "Pro", licenses: [{ licensePlanId: "seat", included: 1.5 }] }, "licenses.0.included"],
      [{ planId: "pro", name: "Pro", billingControls: { autoTopups: [{ featureId: "c", threshold: 1, quantity: 1, purchaseLimit: { interval: "month", limit: 1, count: -1 } }] } }, "billingControls.autoTopups.0.purchaseLimit.count"],
    ];
    for (const [params, field] of cases) {
      const result = await plansCreate(core, params as never);
      expect(!result.ok && result.error.name).toBe("RequestValidationError");
      if (!result.ok && result.error.name === "RequestValidationError") expect(result.error.field).toBe(field);
    }
    expect(scope.isDone()).toBe(false);
  });

  it("retries a 503 under the same idempotency key", async () => {
    const scope = api()
      .post("/v1/plans.create")
      .reply(503, { message: "busy", code: "service_unavailable" }, { "retry-after": "0" })
      .post("/v1/plans.create")
      .reply(200, plan);
    const seen = recordRequests(scope);
    const result = await plansCreate(testCore(), { planId: "pro", name: "Pro" });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    const key = seen[0]?.headers["idempotency-key"];
    expect(key).toBeTruthy();
    expect(seen[1]?.headers["idempotency-key"]).toBe(key);
  });
});

describe("plans.get", () => {
  it("posts plan_id and version to /v1/plans.get and returns the camelCase plan", async () => {
    const scope = api().post("/v1/plans.get", { plan_id: "pro", version: 2 }).reply(200, plan);
    const result = await plansGet(testCore(), { planId: "pro", version: 2 });
    expect(scope.isDone()).toBe(true);
    if (!result.ok) throw result.error;
    const value = result.value;
    expect(value.price).toEqual({
      amount: 20,
      additionalCurrencies: [{ currency: "eur", amount: 18 }],
      interval: "month",
      intervalCount: 1,
      display: { primaryText: "$20", secondaryText: "per month" },
    });
    expect(value.items[0]).toMatchObject({
      featureId: "messages",
      feature: { id: "messages", type: "single_use", display: { singular: "message", plural: "messages" }, creditSchema: null },
      reset: { interval: "month", intervalCount: 1 },
      price: {
        tiers: [
          { to: 10000, amount: 0.5, additionalCurrencies: [{ currency: "eur", amount: 0.45 }] },
          { to: "inf", amount: 0.25, flatAmount: 5 },
        ],
        tierBehavior: "graduated",
        billingUnits: 100,
        billingMethod: "usage_based",
        maxPurchase: null,
      },
      rollover: { max: 500, maxPercentage: null, expiryDurationType: "month", expiryDurationLength: 1 },
    });
    expect(value.items[2]).toEqual({ featureId: "sso", included: 0, unlimited: true, reset: null, price: null });
    expect(value.freeTrial).toEqual({ durationLength: 14, durationType: "day", cardRequired: true, onEnd: "bill" });
    expect(value.variantDetails).toEqual({
      basePlanId: "pro",
      customize: {
        price: { amount: 200, interval: "year" },
        addItems: [{ featureId: "priority_support", unlimited: true }],
        removeItems: [{ featureId: "seats", billingMethod: "prepaid" }],
        freeTrial: null,
      },
    });
    expect(value.billingControls?.usageAlerts?.[0]).toEqual({ featureId: "messages", enabled: true, threshold: 80, thresholdType: "usage_percentage", name: "80% used" });
    expect(value.customerEligibility).toEqual({ trialAvailable: true, canceling: false, trialing: false, attachAction: "upgrade" });
    expect(value.config).toEqual({ ignorePastDue: false });
  });

  it("keeps metadata keys exactly as the server sent them", async () => {
    api().post("/v1/plans.get").reply(200, plan);
    const result = await plansGet(testCore(), { planId: "pro" });
    if (!result.ok) throw result.error;
    expect(result.value.metadata).toEqual({ highlight: "Most popular", ui_order: 2, "Badge-Color": null });
  });

  it("accepts unknown fields and unknown enum values, keeping the values visible", async () => {
    const future = {
      ...plan,
      env: "staging",
      price: { amount: 5, interval: "fortnight" },
      items: [{ feature_id: "gpu", included: 1, unlimited: false, reset: { interval: "decade" }, price: null, feature: { id: "gpu", type: "metered_v2" }, new_item_field: 1 }],
      customer_eligibility: { attach_action: "transfer", status: "paused" },
      brand_new_field: { nested: true },
    };
    api().post("/v1/plans.get").reply(200, future);
    const result = await plansGet(testCore(), { planId: "pro" });
    if (!result.ok) throw result.error;
    expect(result.value.env).toBe("staging");
    expect(result.value.price?.interval).toBe("fortnight");
    expect(result.value.items[0]?.reset?.interval).toBe("decade");
    expect(result.value.items[0]?.feature?.type).toBe("metered_v2");
    expect(result.value.customerEligibility).toEqual({ attachAction: "transfer", status: "paused" });
    expect("brandNewField" in result.value).toBe(false);
  });

  it("reports a plan missing a required field as a ResponseValidationError", async () => {
    const { items: _items, ...broken } = plan;
    api().post("/v1/plans.get").reply(200, broken);
    const result = await plansGet(testCore(), { planId: "pro" });
    expect(!result.ok && result.error.name).toBe("ResponseValidationError");
  });

  it("retries a 503 as a read, without an idempotency key", async () => {
    const scope = api()
      .post("/v1/plans.get")
      .reply(503, { message: "busy", code: "service_unavailable" }, { "retry-after": "0" })
      .post("/v1/plans.get")
      .reply(200, plan);
    const seen = recordRequests(scope);
    const result = await plansGet(testCore(), { planId: "pro" });
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen.every((request) => request.headers["idempotency-key"] === undefined)).toBe(true);
  });
});

describe("plans.list", () => {
  it("posts the filters in snake_case and returns every plan", async () => {
    const scope = api().post("/v1/plans.list").reply(200, { list: [plan, { ...plan, id: "free", price: null, free_trial: undefined }] });
    const seen = recordRequests(scope);
    const result = await plansList(testCore(), { customerId: "user_123", entityId: "ws_1", includeArchived: true, allVersions: false });
    expect(seen[0]?.body).toEqual({ customer_id: "user_123", entity_id: "ws_1", include_archived: true, all_versions: false });
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    if (!result.ok) throw result.error;
    expect(result.value.list.map((item) => [item.id, item.price?.amount ?? null])).toEqual([["pro", 20], ["free", null]]);
    expect(result.value.list[1]?.freeTrial).toBeUndefined();
  });

  it("sends an empty body when called without params", async () => {
    const scope = api().post("/v1/plans.list", {}).reply(200, { list: [] });
    const result = await plansList(testCore());
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ ok: true, value: { list: [] }, response: expect.any(Response) });
  });

  it("refuses a customer id the server would reject, without sending", async () => {
    const scope = api().post("/v1/plans.list").reply(200, { list: [] });
    const result = await plansList(testCore(), { customerId: "a@b.co" });
    expect(!result.ok && result.error.name === "RequestValidationError" && result.error.field).toBe("customerId");
    expect(scope.isDone()).toBe(false);
  });
});

describe("plans.update", () => {
  it("sends nulls that remove the price, trial and base plan, plus versioning and variant changes", async () => {
    const scope = api().post("/v1/plans.update").reply(200, { ...plan, version: 3, price: null });
    const seen = recordRequests(scope);
    const result = await plansUpdate(testCore(), {
      planId: "pro",
      price: null,
      freeTrial: null,
      basePlanId: null,
      newPlanId: "pro_v2",
      description: "Now with more",
      forceVersion: true,
      migration: { draft: true, includeCustom: false },
      updateVariantIds: ["pro_annual"],
      updateLicenseParents: [{ planId: "team", version: 4 }],
      variants: [
        {
          variantPlanId: "pro_annual",
          name: "Pro (annual)",
          customize: {
            price: { amount: 200, interval: "year" },
            addItems: [{ featureId: "priority_support", unlimited: true }],
            freeTrial: { durationLength: 1, durationType: "month" },
            billingControls: { overageAllowed: [{ featureId: "messages", enabled: true }] },
          },
          disableVersion: true,
        },
        { variantPlanId: "pro_plain", customize: {} },
      ],
      isDefault: false,
    });
    expect(seen[0]?.body).toEqual({
      plan_id: "pro",
      price: null,
      free_trial: null,
      base_plan_id: null,
      new_plan_id: "pro_v2",
      description: "Now with more",
      force_version: true,
      migration: { draft: true, include_custom: false },
      update_variant_ids: ["pro_annual"],
      update_license_parents: [{ plan_id: "team", version: 4 }],
      variants: [
        {
          variant_plan_id: "pro_annual",
          name: "Pro (annual)",
          customize: {
            price: { amount: 200, interval: "year" },
            add_items: [{ feature_id: "priority_support", unlimited: true }],
            free_trial: { duration_length: 1, duration_type: "month" },
            billing_controls: { overage_allowed: [{ feature_id: "messages", enabled: true }] },
          },
          disable_version: true,
        },
        { variant_plan_id: "pro_plain", customize: {} },
      ],
      is_default: false,
    });
    expect(seen[0]?.headers["idempotency-key"]).toBeTruthy();
    if (!result.ok) throw result.error;
    expect(result.value).toMatchObject({ id: "pro", version: 3, price: null });
  });

  it("refuses a variant without customize and a license parent version below 1, without sending", async () => {
    const scope = api().post("/v1/plans.update").reply(200, plan);
    const cases: [unknown, string][] = [
      [{ planId: "pro", variants: [{ variantPlanId: "v" }] }, "variants.0.customize"],
      [{ planId: "pro", variants: [{ variantPlanId: "v", customize: { freeTrail: null } }] }, "variants.0.customize.freeTrail"],
      [{ planId: "pro", updateLicenseParents: [{ planId: "team", version: 0 }] }, "updateLicenseParents.0.version"],
      [{ planId: "pro", description: null }, "description"],
    ];
    for (const [params, field] of cases) {
      const result = await plansUpdate(testCore(), params as never);
      expect(!result.ok && result.error.name === "RequestValidationError" && result.error.field).toBe(field);
    }
    expect(scope.isDone()).toBe(false);
  });
});

describe("plans.delete", () => {
  it("posts plan_id and all_versions to /v1/plans.delete and returns success", async () => {
    const scope = api().post("/v1/plans.delete", { plan_id: "legacy", all_versions: true }).reply(200, { success: true });
    const result = await plansDelete(testCore(), { planId: "legacy", allVersions: true });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ ok: true, value: { success: true }, response: expect.any(Response) });
  });
});

describe("Plans facade", () => {
  it("returns the value and throws the error", async () => {
    api().post("/v1/plans.get").reply(200, plan).post("/v1/plans.delete").reply(404, { message: "Plan not found", code: "product_not_found" });
    const plans = new Plans(testCore());
    await expect(plans.get({ planId: "pro" })).resolves.toMatchObject({ id: "pro" });
    await expect(plans.delete({ planId: "gone" })).rejects.toMatchObject({ name: "AutumnAPIError", status: 404 });
  });
});
