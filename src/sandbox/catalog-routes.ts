import { FeaturesCreateParamsSchema } from "../models/operations/features-create.js";
import { FeaturesDeleteParamsSchema } from "../models/operations/features-delete.js";
import { FeaturesUpdateParamsSchema } from "../models/operations/features-update.js";
import { PlansCreateParamsSchema } from "../models/operations/plans-create.js";
import { PlansDeleteParamsSchema } from "../models/operations/plans-delete.js";
import { PlansUpdateParamsSchema } from "../models/operations/plans-update.js";
import type * as v from "valibot";
import {
  type CatalogPlan,
  camelKeys,
  checkCreditSchema,
  checkParams,
  createFeature,
  createPlan,
  featureFromParams,
  findFeature,
  findPlan,
  planFromParams,
  planParams,
  renderPlan,
} from "./catalog.js";
import { require400, SandboxError } from "./errors.js";
import type { Route, SandboxState } from "./state.js";

/**
 * Changing the catalog at runtime: `features.*` and `plans.*` create, update
 * and delete. Bodies are checked as the catalog loader checks entries, with
 * the SDK's own params schemas. A plan update makes a new version when
 * customers are on the plan (or `force_version` asks), unless
 * `disable_version`: customers keep the version they have, new attaches get
 * the latest. What plans or customers use cannot be deleted (archive it).
 */

/** A wire body checked with an SDK params schema, in wire form, fields left out absent (not undefined). */
function params(schema: v.GenericSchema, body: Record<string, unknown>): Record<string, any> {
  const wire = checkParams(schema, camelKeys(body));
  return Object.fromEntries(Object.entries(wire).filter(([, value]) => value !== undefined));
}

/** Every version of every plan. */
const allVersions = (state: SandboxState) => [...state.catalog.plans.values(), ...state.catalog.superseded];

/** A customer who holds balances or entities of a feature, if any. */
function customerUsingFeature(state: SandboxState, featureId: string): string | undefined {
  const customer = [...state.customers.values()].find((candidate) => candidate.rows.some((row) => row.feature_id === featureId) || [...candidate.entities.values()].some((entity) => entity.feature_id === featureId));
  return customer && `customer ${customer.id ?? customer.key}`;
}

/** A plan or credit system of the catalog that uses a feature, if any. */
function catalogUsingFeature(state: SandboxState, featureId: string): string | undefined {
  const plan = allVersions(state).find((candidate) => candidate.items.some((item) => item.feature_id === featureId));
  if (plan) return `plan ${plan.id}`;
  const system = [...state.catalog.features.values()].find((candidate) => candidate.credit_schema?.some((cost) => cost.metered_feature_id === featureId));
  return system && `credit system ${system.id}`;
}

function refuseFeatureInUse(featureId: string, user: string | undefined, change: string): void {
  if (user) throw new SandboxError("featureInUse", `Feature ${featureId} is used by ${user}, so it cannot ${change}; archive it instead`);
}

const createFeatureRoute: Route = (state, body) => {
  const feature = createFeature(state.catalog, params(FeaturesCreateParamsSchema, body));
  checkCreditSchema(state.catalog, feature);
  state.catalog.features.set(feature.id, feature);
  return feature;
};

const updateFeature: Route = (state, body) => {
  const wire = params(FeaturesUpdateParamsSchema, body);
  const feature = findFeature(state.catalog, wire["feature_id"]);
  const id: string = wire["new_feature_id"] ?? feature.id;
  const updated = { ...featureFromParams({ ...feature, ...wire, feature_id: id }), archived: wire["archived"] ?? feature.archived };
  if (updated.type !== feature.type || updated.consumable !== feature.consumable) {
    refuseFeatureInUse(feature.id, catalogUsingFeature(state, feature.id) ?? customerUsingFeature(state, feature.id), "change its type");
  }
  checkCreditSchema(state.catalog, updated);
  if (id !== feature.id) {
    // Plans follow the new id; balances already granted would not, so a feature customers hold keeps its id.
    refuseFeatureInUse(feature.id, customerUsingFeature(state, feature.id), "take a new id");
    if (state.catalog.features.has(id)) throw new SandboxError("featureAlreadyExists", `Feature ${id} already exists`);
    state.catalog.features.delete(feature.id);
    for (const item of allVersions(state).flatMap((plan) => plan.items)) if (item.feature_id === feature.id) item.feature_id = id;
    for (const cost of [...state.catalog.features.values()].flatMap((other) => other.credit_schema ?? [])) if (cost.metered_feature_id === feature.id) cost.metered_feature_id = id;
  }
  state.catalog.features.set(id, updated);
  return updated;
};

const deleteFeature: Route = (state, body) => {
  const { feature_id: id } = params(FeaturesDeleteParamsSchema, body);
  findFeature(state.catalog, id);
  refuseFeatureInUse(id, catalogUsingFeature(state, id) ?? customerUsingFeature(state, id), "be deleted");
  state.catalog.features.delete(id);
  return { success: true };
};

/** A customer on a plan (any of `versions`, all when omitted) by subscription or purchase, if any. */
function customerOnPlan(state: SandboxState, planId: string, versions?: readonly number[]): string | undefined {
  const customer = [...state.customers.values()].find(
    (candidate) =>
      candidate.subscriptions.some((subscription) => subscription.plan_id === planId && (versions === undefined || versions.includes(subscription.plan_version))) ||
      candidate.purchases.some((purchase) => purchase.plan_id === planId),
  );
  return customer && `customer ${customer.id ?? customer.key}`;
}

function refusePlanInUse(planId: string, user: string | undefined, change: string): void {
  if (user) throw new SandboxError("planInUse", `Plan ${planId} is used by ${user}, so it cannot ${change}; archive it instead`);
}

const createPlanRoute: Route = (state, body, env) => {
  const plan = createPlan(state.catalog, params(PlansCreateParamsSchema, body), state.clock());
  state.catalog.plans.set(plan.id, plan);
  return renderPlan(plan, env);
};

const updatePlan: Route = (state, body, env) => {
  const wire = params(PlansUpdateParamsSchema, body);
  const current = findPlan(state.catalog, wire["plan_id"]);
  require400(!(wire["disable_version"] && wire["force_version"]), "disableVersion and forceVersion exclude each other");
  require400(wire["version"] === undefined || wire["version"] === current.version, `version: the sandbox changes only the latest version of ${current.id}, ${current.version}`);
  const id: string = wire["new_plan_id"] ?? current.id;
  if (id !== current.id) {
    refusePlanInUse(current.id, customerOnPlan(state, current.id), "take a new id");
    if (state.catalog.plans.has(id)) throw new SandboxError("planAlreadyExists", `Plan ${id} already exists`);
  }
  // `all_versions` changes every version in place; the sandbox changes the latest in place and leaves earlier ones as they were.
  const versioned = !wire["disable_version"] && !wire["all_versions"] && (wire["force_version"] === true || customerOnPlan(state, current.id) !== undefined);
  const plan: CatalogPlan = {
    ...planFromParams(state.catalog, { ...planParams(current), ...wire, plan_id: id }, versioned ? state.clock() : current.created_at),
    version: versioned ? current.version + 1 : current.version,
    archived: wire["archived"] ?? current.archived,
  };
  if (versioned) state.catalog.superseded.push(current);
  if (id !== current.id) {
    state.catalog.plans.delete(current.id);
    for (const other of allVersions(state)) {
      const license = other.licenses[current.id];
      if (license === undefined) continue;
      delete other.licenses[current.id];
      other.licenses[id] = license;
    }
  }
  state.catalog.plans.set(id, plan);
  return renderPlan(plan, env);
};

const deletePlan: Route = (state, body) => {
  const wire = params(PlansDeleteParamsSchema, body);
  const plan = findPlan(state.catalog, wire["plan_id"]);
  const earlier = state.catalog.superseded.filter((candidate) => candidate.id === plan.id).sort((a, b) => b.version - a.version);
  const doomed = wire["all_versions"] === true ? [plan, ...earlier] : [plan];
  refusePlanInUse(plan.id, customerOnPlan(state, plan.id, doomed.map((version) => version.version)), "be deleted");
  const parent = [...state.catalog.plans.values()].find((candidate) => candidate.id !== plan.id && plan.id in candidate.licenses);
  refusePlanInUse(plan.id, parent && `plan ${parent.id} (as a license)`, "be deleted");
  state.catalog.plans.delete(plan.id);
  // Deleting the latest version makes the one before it the latest.
  const previous = earlier.find((version) => !doomed.includes(version));
  if (previous) state.catalog.plans.set(plan.id, previous);
  const gone = new Set<CatalogPlan>([...doomed, ...(previous ? [previous] : [])]);
  const kept = state.catalog.superseded.filter((version) => !gone.has(version));
  state.catalog.superseded.splice(0, state.catalog.superseded.length, ...kept);
  return { success: true };
};

export const catalogRoutes: Record<string, Route> = {
  "features.create": createFeatureRoute,
  "features.update": updateFeature,
  "features.delete": deleteFeature,
  "plans.create": createPlanRoute,
  "plans.update": updatePlan,
  "plans.delete": deletePlan,
};
