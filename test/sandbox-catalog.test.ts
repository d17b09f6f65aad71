import { describe, expect, it } from "vitest";
import { loadCatalog, SandboxCatalogError } from "../src/sandbox/index.js";

/** Catalogs as users give them: SDK params, autumn.config modules, and the errors that name what is wrong. */

const messages = { featureId: "messages", name: "Messages", type: "metered", consumable: true };

function refusal(input: Parameters<typeof loadCatalog>[0]): { entry: string; field: string; message: string } {
  try {
    loadCatalog(input);
  } catch (error) {
    if (!(error instanceof SandboxCatalogError)) throw error;
    return { entry: error.entry, field: error.field, message: error.message };
  }
  throw new Error("the catalog loaded");
}

describe("loadCatalog", () => {
  it("takes features.create and plans.create params, and keeps them in wire form", () => {
    const catalog = loadCatalog({
      features: [messages, { featureId: "sso", name: "SSO", type: "boolean" }],
      plans: [{ planId: "pro", name: "Pro", price: { amount: 20, interval: "month" }, items: [{ featureId: "messages", included: 100, reset: { interval: "month" } }, { featureId: "sso" }] }],
    });
    expect([...catalog.features.keys()]).toEqual(["messages", "sso"]);
    expect(catalog.features.get("sso")).toMatchObject({ type: "boolean", consumable: false });
    expect(catalog.plans.get("pro")).toMatchObject({
      price: { amount: 20, interval: "month" },
      add_on: false,
      auto_enable: false,
      items: [
        { feature_id: "messages", included: 100, unlimited: false, reset: { interval: "month" }, price: null },
        { feature_id: "sso", included: 0, reset: null },
      ],
    });
  });

  it("takes a module of autumn.config exports, with id keys and snake_case fields, and fills in an item price's interval and method", () => {
    const module = {
      credits: { id: "credits", name: "Credits", type: "credit_system", credit_schema: [{ metered_feature_id: "basic", credit_cost: 2 }] },
      basic: { id: "basic", name: "Basic", type: "metered", consumable: true },
      pro: { id: "pro", name: "Pro", auto_enable: true, items: [{ feature_id: "credits", included: 10, reset: { interval: "week" }, price: { amount: 1, billing_units: 100 } }] },
      helper: () => "not an entry",
      version: 3,
    };
    const catalog = loadCatalog(module);
    expect([...catalog.features.keys()].sort()).toEqual(["basic", "credits"]);
    expect(catalog.features.get("credits")?.credit_schema).toEqual([{ metered_feature_id: "basic", credit_cost: 2 }]);
    expect(catalog.plans.get("pro")).toMatchObject({ auto_enable: true, items: [{ price: { amount: 1, billing_units: 100, interval: "week", billing_method: "usage_based", max_purchase: null } }] });
  });

  it("keeps model and provider ids as given while re-casing their settings", () => {
    const catalog = loadCatalog({
      features: [{ id: "ai", name: "AI", type: "ai_credit_system", model_markups: { "openai/gpt_4o": { input_cost: 2.5, output_cost: 10 } }, provider_markups: { open_ai: { markup: 5 } } }],
    });
    expect(catalog.features.get("ai")).toMatchObject({ model_markups: { "openai/gpt_4o": { input_cost: 2.5, output_cost: 10 } }, provider_markups: { open_ai: { markup: 5 } } });
  });

  it("resets a consumable item priced on usage on its price's interval when it names no reset; a held feature or a one-off price never", () => {
    const catalog = loadCatalog({
      features: [messages, { featureId: "storage", name: "Storage", type: "metered", consumable: false }],
      plans: [
        {
          planId: "scale",
          name: "Scale",
          items: [
            { featureId: "messages", price: { amount: 1, interval: "quarter", billingMethod: "usage_based" } },
            { featureId: "storage", price: { amount: 1, interval: "month", billingMethod: "usage_based" } },
          ],
        },
        { planId: "pack", name: "Pack", addOn: true, items: [{ featureId: "messages", price: { amount: 5, interval: "one_off", billingMethod: "prepaid" } }] },
      ],
    });
    expect(catalog.plans.get("scale")?.items.map((item) => item.reset)).toEqual([{ interval: "quarter" }, null]);
    expect(catalog.plans.get("pack")?.items[0]?.reset).toBe(null);
  });

  it("reads a CommonJS module's exports from default, and a default export holding the arrays", () => {
    expect([...loadCatalog({ default: { messages: { id: "messages", name: "Messages", type: "metered", consumable: true } } }).features.keys()]).toEqual(["messages"]);
    expect([...loadCatalog({ default: { features: [messages], plans: [] } }).features.keys()]).toEqual(["messages"]);
  });

  it.each<[string, Parameters<typeof loadCatalog>[0], { entry: string; field: string; message: RegExp }]>([
    ["an unknown field, named with the entry's id", { features: [{ ...messages, colour: "red" }] }, { entry: 'features[0] "messages"', field: "colour", message: /unknown field/ }],
    ["a bad reset interval", { features: [messages], plans: [{ planId: "p", name: "P", items: [{ featureId: "messages", reset: { interval: "fortnight" } }] }] }, { entry: 'plans[0] "p"', field: "items.0.reset.interval", message: /expected/ }],
    ["a plan item of a feature the catalog lacks", { features: [messages], plans: [{ planId: "p", name: "P" }, { planId: "pro", name: "Pro", items: [{ featureId: "mesages" }] }] }, { entry: 'plans[1] "pro"', field: "items.0.featureId", message: /no feature "mesages"/ }],
    ["a credit system costing a boolean feature", { features: [{ featureId: "sso", name: "SSO", type: "boolean" }, { featureId: "credits", name: "Credits", type: "credit_system", creditSchema: [{ meteredFeatureId: "sso", creditCost: 1 }] }] }, { entry: 'features[1] "credits"', field: "creditSchema.0.meteredFeatureId", message: /boolean, not metered/ }],
    ["a reset on a held feature", { features: [{ featureId: "seats", name: "Seats", type: "metered", consumable: false }], plans: [{ planId: "team", name: "Team", items: [{ featureId: "seats", included: 5, reset: { interval: "month" } }] }] }, { entry: 'plans[0] "team"', field: "items.0.reset", message: /not consumable/ }],
    ["a feature id given twice", { features: [messages, messages] }, { entry: 'features[1] "messages"', field: "featureId", message: /already exists/ }],
    ["features that are not an array", { features: messages as never }, { entry: "features", field: "", message: /must be an array/ }],
  ])("refuses %s, naming the entry and the field", (_name, input, expected) => {
    const { entry, field, message } = refusal(input);
    expect({ entry, field }).toEqual({ entry: expected.entry, field: expected.field });
    expect(message).toMatch(expected.message);
    expect(message.startsWith(`${expected.entry} ${expected.field}`.trim())).toBe(true);
  });
});
