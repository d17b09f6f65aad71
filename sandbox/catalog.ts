import { require400, SandboxError } from "./errors.js";

/**
 * The sandbox's catalog: a metered feature, the feature seats count towards,
 * a free plan, a paid one, and a free team plan offering three seats of the
 * license plan `seat`.
 */

/** Features in wire form, by id. */
export const FEATURES: Record<string, Record<string, unknown>> = {
  messages: { id: "messages", name: "Messages", type: "metered", consumable: true, event_names: [], archived: false, display: { singular: "message", plural: "messages" } },
  seats: { id: "seats", name: "Seats", type: "metered", consumable: false, event_names: [], archived: false, display: { singular: "seat", plural: "seats" } },
};

/** A plan as the sandbox keeps it; `renderPlan` gives its wire form. */
export interface CatalogPlan {
  id: string;
  name: string;
  /** Monthly price in dollars; null for a free plan. */
  price: number | null;
  /** Included units per feature, reset monthly. */
  grants: Record<string, number>;
  /** The license plans it offers seats of, by id: their name and the seats included. */
  licenses?: Record<string, { name: string; included: number }>;
}

/** Plans by id. */
export const PLANS: Record<string, CatalogPlan> = {
  free: { id: "free", name: "Free", price: null, grants: { messages: 5 } },
  pro: { id: "pro", name: "Pro", price: 20, grants: { messages: 1000 } },
  team: { id: "team", name: "Team", price: null, grants: { messages: 50 }, licenses: { seat: { name: "Seat", included: 3 } } },
};

/** The wire form of a plan, in the environment of the key that asked. */
export function renderPlan(plan: CatalogPlan, env: string): Record<string, unknown> {
  return {
    id: plan.id,
    name: plan.name,
    description: null,
    group: "main",
    version: 1,
    add_on: false,
    auto_enable: plan.price === null,
    price: plan.price === null ? null : { amount: plan.price, interval: "month" },
    items: Object.entries(plan.grants).map(([featureId, included]) => ({
      feature_id: featureId,
      included,
      unlimited: false,
      reset: { interval: "month" },
      price: null,
    })),
    created_at: 1_767_225_600_000,
    env,
    archived: false,
    base_variant_id: null,
    config: {},
    metadata: {},
  };
}

/** The catalog plan with this id, or Autumn's 404. */
export function findPlan(id: unknown): CatalogPlan {
  require400(typeof id === "string" && id !== "", "plan_id is required");
  const plan = PLANS[id];
  if (!plan) throw new SandboxError("planNotFound", `Plan ${id} not found`);
  return plan;
}

/** The catalog feature with this id, or Autumn's 404. */
export function findFeature(id: unknown): Record<string, unknown> {
  require400(typeof id === "string" && id !== "", "feature_id is required");
  const feature = FEATURES[id];
  if (!feature) throw new SandboxError("featureNotFound", `Feature ${id} not found`);
  return feature;
}
