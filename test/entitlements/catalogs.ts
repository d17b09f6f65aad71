import * as aiApp from "../fixtures/ai-app.config.js";
import { TEAM_WORKSPACE } from "../fixtures/catalogs.js";

/**
 * Catalogs for the entitlement cache's differential test, each with the
 * features its checks ask about (one the catalog does not have among them)
 * and the plans its customers move between.
 */
export interface DifferentialCatalog {
  readonly catalog: { features: object[]; plans: object[] };
  /** Features a check asks about. */
  readonly features: readonly string[];
  /** Metered features usage is recorded for. */
  readonly metered: readonly string[];
  /** Plans attached along the way, with the entity feature they go on, if any. */
  readonly plans: readonly { readonly planId: string; readonly perEntity?: boolean }[];
  /** The feature entities are created for, when the catalog has entities. */
  readonly entityFeature?: string;
}

/** An AI app: two models paid in credits, overage on Pro up to 500 credits, a prepaid one-off top-up. */
export const AI_CREDITS: DifferentialCatalog = {
  catalog: { features: [aiApp.basicModel, aiApp.premiumModel, aiApp.credits], plans: [aiApp.free, aiApp.pro, aiApp.creditTopUp] },
  features: ["basic_model", "premium_model", "credits"],
  metered: ["basic_model", "premium_model", "credits"],
  plans: [{ planId: "free" }, { planId: "pro" }, { planId: "credit_top_up" }],
};

/** A team workspace: seats held by entities, messages of the team and of each member (a plan attached to an entity). */
export const SEATS: DifferentialCatalog = {
  catalog: TEAM_WORKSPACE,
  features: ["seats", "messages"],
  metered: ["messages"],
  plans: [{ planId: "free" }, { planId: "team" }, { planId: "extra_seats" }, { planId: "member", perEntity: true }],
  entityFeature: "seats",
};

/** An API billed on usage: included calls, capped and uncapped overage, an unlimited plan, and flags. */
export const OVERAGE_AND_FLAGS: DifferentialCatalog = {
  catalog: {
    features: [
      { id: "api_calls", name: "API calls", type: "metered", consumable: true },
      { id: "sso", name: "SSO", type: "boolean" },
      { id: "audit_log", name: "Audit log", type: "boolean" },
    ],
    plans: [
      { id: "hobby", name: "Hobby", group: "main", autoEnable: true, items: [{ featureId: "api_calls", included: 100, reset: { interval: "month" } }] },
      {
        id: "scale",
        name: "Scale",
        group: "main",
        price: { amount: 50, interval: "month" },
        items: [
          { featureId: "api_calls", included: 1000, reset: { interval: "month" }, price: { amount: 0.01, billingUnits: 1, billingMethod: "usage_based", maxPurchase: 200 } },
          { featureId: "sso" },
        ],
      },
      {
        id: "metered",
        name: "Pay as you go",
        group: "main",
        price: { amount: 5, interval: "month" },
        items: [{ featureId: "api_calls", reset: { interval: "month" }, price: { amount: 0.02, billingUnits: 1, billingMethod: "usage_based", maxPurchase: null } }],
      },
      { id: "enterprise", name: "Enterprise", group: "main", price: { amount: 500, interval: "month" }, items: [{ featureId: "api_calls", unlimited: true }, { featureId: "sso" }, { featureId: "audit_log" }] },
    ],
  },
  features: ["api_calls", "sso", "audit_log"],
  metered: ["api_calls"],
  plans: [{ planId: "hobby" }, { planId: "scale" }, { planId: "metered" }, { planId: "enterprise" }],
};

/**
 * A feature held both directly and through a credit system: Autumn spends
 * the feature's own balance first and turns to the credit system when it
 * does not cover the amount.
 */
export const DIRECT_AND_CREDITS: DifferentialCatalog = {
  catalog: {
    features: [
      { id: "messages", name: "Messages", type: "metered", consumable: true },
      { id: "credits", name: "Credits", type: "credit_system", creditSchema: [{ meteredFeatureId: "messages", creditCost: 2 }] },
    ],
    plans: [
      {
        id: "starter",
        name: "Starter",
        group: "main",
        autoEnable: true,
        items: [
          { featureId: "messages", included: 10, reset: { interval: "month" } },
          { featureId: "credits", included: 100, reset: { interval: "month" } },
        ],
      },
    ],
  },
  features: ["messages", "credits"],
  metered: ["messages"],
  plans: [{ planId: "starter" }],
};
