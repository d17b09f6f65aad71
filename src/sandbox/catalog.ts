import type * as v from "valibot";
import { toIssues } from "../lib/issues.js";
import { FeaturesCreateParamsSchema } from "../models/operations/features-create.js";
import { PlansCreateParamsSchema } from "../models/operations/plans-create.js";
import { isObject, require400, SandboxError } from "./errors.js";

/**
 * The sandbox's catalog: your features and plans, given as the params of
 * `features.create` and `plans.create` (camelCase, as the SDK takes them) or
 * as the objects of an `autumn.config.ts` (`id` for the feature or plan id,
 * camelCase or snake_case keys). Each entry is checked with the SDK's own
 * params schema, then against the rest of the catalog; the first problem
 * stops the load with a `SandboxCatalogError` naming the entry and the field.
 */

/** A catalog as data: `features` and `plans` arrays, or a module whose exports are features and plans. */
export type SandboxCatalog = { readonly features?: readonly object[]; readonly plans?: readonly object[] } | Readonly<Record<string, unknown>>;

/** An entry of a catalog that cannot be loaded. */
export class SandboxCatalogError extends Error {
  override readonly name = "SandboxCatalogError";

  constructor(
    /** The entry, as `features[0] "messages"` or `plans[2] "pro"`. */
    readonly entry: string,
    /** The field within it (dotted path), or "" for the entry as a whole. */
    readonly field: string,
    problem: string,
  ) {
    super(`${entry}${field === "" ? "" : ` ${field}`}: ${problem}`);
  }
}

/** A feature in wire form, as `features.get` answers it. */
export interface CatalogFeature {
  id: string;
  name: string;
  type: string;
  consumable: boolean;
  event_names: string[];
  archived: boolean;
  display?: { singular: string; plural: string };
  credit_schema?: { metered_feature_id: string; credit_cost: number }[];
  /** For an AI credit system: per model id, its markup in percent and its prices in dollars per million tokens. */
  model_markups?: Record<string, { markup?: number; input_cost?: number; output_cost?: number }> | null;
  /** For an AI credit system: markups in percent per provider (a model id's first segment). */
  provider_markups?: Record<string, { markup: number }> | null;
  /** For an AI credit system: the markup in percent when neither the model nor its provider has one. */
  default_markup?: number;
}

/** What a plan grants of one feature, in wire names. */
export interface CatalogItem {
  feature_id: string;
  included: number;
  unlimited: boolean;
  /** When the balance resets; null for a feature that is held (seats) or a one-time grant. */
  reset: { interval: string; interval_count?: number } | null;
  /** The price of usage beyond `included`; null for an included-only feature. */
  price: {
    amount?: number;
    tiers?: unknown[];
    tier_behavior?: string;
    interval: string;
    interval_count?: number;
    billing_units: number;
    billing_method: string;
    max_purchase: number | null;
  } | null;
}

/** A plan in wire names. */
export interface CatalogPlan {
  id: string;
  name: string;
  description: string | null;
  /** The group whose plans replace each other; "" when none was given, as Autumn has it. */
  group: string;
  add_on: boolean;
  auto_enable: boolean;
  price: { amount: number; interval: string; interval_count?: number } | null;
  items: CatalogItem[];
  free_trial: { duration_length: number; duration_type: string; card_required: boolean; on_end?: string } | null;
  /** License plans it offers seats of, by id: their name and the seats included. */
  licenses: Record<string, { name: string; included: number }>;
  metadata: Record<string, unknown>;
  version: number;
  created_at: number;
  archived: boolean;
}

export interface Catalog {
  readonly features: Map<string, CatalogFeature>;
  /** The latest version of each plan. */
  readonly plans: Map<string, CatalogPlan>;
  /** Earlier versions of plans (`plans.update` made newer ones), kept for the customers still on them. */
  readonly superseded: CatalogPlan[];
}

/**
 * A problem with one field of a catalog entry or of a request's params:
 * Autumn's 400 `invalid_inputs` when a route throws it, a
 * SandboxCatalogError naming the entry when the loader does.
 */
export class FieldProblem extends SandboxError {
  constructor(
    /** The field (dotted path, camelCase), or "" for the params as a whole. */
    readonly field: string,
    readonly problem: string,
  ) {
    super("invalidInputs", field === "" ? problem : `${field}: ${problem}`);
  }
}

function need(check: boolean, field: string, problem: string): asserts check {
  if (!check) throw new FieldProblem(field, problem);
}

/** Where an entry may keep its id: `id` in an autumn.config.ts, else the params' name in either casing. */
const ENTRY_ID_KEYS = ["id", "featureId", "feature_id", "planId", "plan_id"];
const FEATURE_TYPES = new Set(["boolean", "metered", "credit_system", "ai_credit_system"]);
/** Keys whose values are the user's data: their own keys are never re-cased. */
const DATA_KEYS = new Set(["metadata"]);
/** Keys whose values are records keyed by the user's ids (models, providers): the ids stay, their settings are re-cased. */
const DATA_RECORDS = new Set(["modelMarkups", "providerMarkups"]);
const CATALOG_EPOCH = Date.UTC(2026, 0, 1);

/** Loads a catalog, or throws a SandboxCatalogError. */
export function loadCatalog(input: SandboxCatalog): Catalog {
  if (!input || typeof input !== "object") throw new SandboxCatalogError("catalog", "", "must be an object with `features` and `plans` arrays, or a module exporting them");
  const { features, plans } = splitEntries(input as Record<string, unknown>);
  const catalog: Catalog = { features: new Map(), plans: new Map(), superseded: [] };
  const added = features.map((entry, index) =>
    loading(`features[${index}]`, entry, () => {
      const feature = createFeature(catalog, checkParams(FeaturesCreateParamsSchema, normalise(entry, "featureId")));
      catalog.features.set(feature.id, feature);
      return feature;
    }),
  );
  // Credit systems are checked once every feature is in: one may cost a feature listed after it.
  added.forEach((feature, index) => loading(`features[${index}]`, features[index]!, () => checkCreditSchema(catalog, feature)));
  plans.forEach((plan, index) =>
    loading(`plans[${index}]`, plan, () => {
      const created = createPlan(catalog, checkParams(PlansCreateParamsSchema, withItemDefaults(normalise(plan, "planId"))), CATALOG_EPOCH);
      catalog.plans.set(created.id, created);
    }),
  );
  return catalog;
}

/** Runs one step of the load; a problem becomes a SandboxCatalogError naming the entry (`plans[2] "pro"`) and the field. */
function loading<T>(where: string, entry: Record<string, unknown>, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof SandboxError)) throw error;
    const id = ENTRY_ID_KEYS.map((key) => entry[key]).find((value) => typeof value === "string");
    const name = id === undefined ? where : `${where} "${id}"`;
    if (error instanceof FieldProblem) throw new SandboxCatalogError(name, error.field, error.problem);
    // A taken id is a 409 to a route; to a catalog it is a problem with the entry's id field.
    const field = { featureAlreadyExists: "featureId", planAlreadyExists: "planId" }[error.kind as string] ?? "";
    throw new SandboxCatalogError(name, field, error.message);
  }
}

/**
 * The features and plans of a catalog object: its two arrays, or every export
 * that is a feature or a plan (a CommonJS module's arrive under `default`).
 */
function splitEntries(input: Record<string, unknown>): { features: Record<string, unknown>[]; plans: Record<string, unknown>[] } {
  if (!("features" in input) && !("plans" in input)) {
    const fallback = input["default"];
    if (isObject(fallback) && !isEntry(fallback)) return splitEntries({ ...fallback, ...withoutDefault(input) });
    const entries = Object.values(input).filter(isObject).filter(isEntry);
    return { features: entries.filter(isFeatureEntry), plans: entries.filter((entry) => !isFeatureEntry(entry)) };
  }
  const list = (name: "features" | "plans") => {
    const value = input[name] ?? [];
    if (!Array.isArray(value)) throw new SandboxCatalogError(name, "", "must be an array");
    value.forEach((entry, index) => {
      if (!isObject(entry)) throw new SandboxCatalogError(`${name}[${index}]`, "", "must be an object");
    });
    return value as Record<string, unknown>[];
  };
  return { features: list("features"), plans: list("plans") };
}

function withoutDefault(input: Record<string, unknown>): Record<string, unknown> {
  const { default: _, ...rest } = input;
  return rest;
}

/** Whether an export looks like a feature or a plan: it has an id and a name. */
function isEntry(value: Record<string, unknown>): boolean {
  return ENTRY_ID_KEYS.some((key) => typeof value[key] === "string") && typeof value["name"] === "string";
}

function isFeatureEntry(entry: Record<string, unknown>): boolean {
  return typeof entry["type"] === "string" && FEATURE_TYPES.has(entry["type"]);
}

/** The entry with camelCase keys (data keys' contents left alone), its id under `idKey`. */
function normalise(entry: Record<string, unknown>, idKey: "featureId" | "planId"): Record<string, unknown> {
  const camel = camelKeys(entry) as Record<string, unknown>;
  if ("id" in camel) {
    if (camel[idKey] === undefined) camel[idKey] = camel["id"];
    delete camel["id"];
  }
  // An autumn.config.ts entry may say it is archived; the sandbox serves it either way.
  delete camel["archived"];
  return camel;
}

/** The value with camelCase keys, the contents of data keys (metadata) left alone. */
export function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      const name = key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
      if (DATA_KEYS.has(name)) return [name, inner];
      if (DATA_RECORDS.has(name) && isObject(inner)) return [name, Object.fromEntries(Object.entries(inner).map(([id, settings]) => [id, camelKeys(settings)]))];
      return [name, camelKeys(inner)];
    }),
  );
}

/** Checks params (camelCase keys) with an SDK params schema: the params in wire form, or a FieldProblem for the first issue. */
export function checkParams(schema: v.GenericSchema, value: unknown): Record<string, any> {
  const result = schema["~run"]({ value }, { abortEarly: false }) as { value: Record<string, any>; issues?: v.BaseIssue<unknown>[] };
  if (result.issues) {
    const [issue] = toIssues(result.issues);
    throw new FieldProblem(issue!.path, issue!.message);
  }
  return result.value;
}

/** A new feature from `features.create` params in wire form; refused when its id is taken. Not added: credit systems are checked after. */
export function createFeature(catalog: Catalog, wire: Record<string, any>): CatalogFeature {
  const id = wire["feature_id"] as string;
  need(id !== "", "featureId", "must not be empty");
  if (catalog.features.has(id)) throw new SandboxError("featureAlreadyExists", `Feature ${id} already exists`);
  return featureFromParams(wire);
}

/** A feature in wire form from `features.create` params in wire form. */
export function featureFromParams(wire: Record<string, any>): CatalogFeature {
  const type = wire["type"] as string;
  const feature: CatalogFeature = {
    id: wire["feature_id"],
    name: wire["name"],
    type,
    // Credit systems are spent like consumable features; boolean features are not metered at all.
    consumable: type === "metered" ? wire["consumable"] !== false : type !== "boolean",
    event_names: wire["event_names"] ?? [],
    archived: false,
  };
  if (wire["display"]) feature.display = wire["display"];
  if (wire["credit_schema"]) feature.credit_schema = wire["credit_schema"];
  for (const key of ["model_markups", "provider_markups", "default_markup"] as const) {
    if (wire[key] !== undefined) feature[key] = wire[key];
  }
  return feature;
}

/** Checks that a credit system costs metered features of the catalog. */
export function checkCreditSchema(catalog: Catalog, feature: CatalogFeature): void {
  if (feature.type !== "credit_system") return;
  need(feature.credit_schema !== undefined && feature.credit_schema.length > 0, "creditSchema", "a credit system needs at least one metered feature and its cost");
  feature.credit_schema.forEach((cost, index) => {
    const metered = catalog.features.get(cost.metered_feature_id);
    const field = `creditSchema.${index}.meteredFeatureId`;
    need(metered !== undefined, field, `no feature "${cost.metered_feature_id}" in the catalog`);
    need(metered.type === "metered", field, `"${metered.id}" is ${metered.type}, not metered`);
  });
}

/**
 * Fills in what an autumn.config.ts item may leave out and `plans.create`
 * requires: a usage price's interval (the reset's, else the plan's, else
 * monthly) and its billing method (usage-based).
 */
function withItemDefaults(plan: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(plan["items"])) return plan;
  const planInterval = isObject(plan["price"]) ? plan["price"]["interval"] : undefined;
  const items = plan["items"].map((item: unknown) => {
    if (!isObject(item) || !isObject(item["price"])) return item;
    const reset = isObject(item["reset"]) ? item["reset"]["interval"] : undefined;
    return { ...item, price: { interval: reset ?? planInterval ?? "month", billingMethod: "usage_based", ...item["price"] } };
  });
  return { ...plan, items };
}

/**
 * The reset of a consumable item priced on usage that names none: its price's interval, since usage billed
 * for a period starts again with the next (a one-off price never does).
 */
function usageReset(feature: CatalogFeature, price: Record<string, any> | null | undefined): CatalogItem["reset"] {
  if (!price || !feature.consumable || feature.type === "boolean" || price["interval"] === "one_off") return null;
  return { interval: price["interval"], ...(price["interval_count"] !== undefined && { interval_count: price["interval_count"] }) };
}

/** A new plan from `plans.create` params in wire form, created at `createdAt`; refused when its id is taken. Not added. */
export function createPlan(catalog: Catalog, wire: Record<string, any>, createdAt: number): CatalogPlan {
  if (catalog.plans.has(wire["plan_id"])) throw new SandboxError("planAlreadyExists", `Plan ${wire["plan_id"]} already exists`);
  return planFromParams(catalog, wire, createdAt);
}

/** A plan from `plans.create` params in wire form, checked against the catalog's features (a problem is a FieldProblem). */
export function planFromParams(catalog: Catalog, wire: Record<string, any>, createdAt: number): CatalogPlan {
  const items: CatalogItem[] = ((wire["items"] ?? []) as Record<string, any>[]).map((item, index) => {
    const feature = catalog.features.get(item["feature_id"]);
    need(feature !== undefined, `items.${index}.featureId`, `no feature "${item["feature_id"]}" in the catalog`);
    need(!(item["reset"] && feature.type === "metered" && !feature.consumable), `items.${index}.reset`, `"${feature.id}" is not consumable, so its balance does not reset`);
    const price = item["price"] as Record<string, any> | null | undefined;
    need(!price || price["amount"] !== undefined || price["tiers"] !== undefined, `items.${index}.price`, "needs an amount or tiers");
    return {
      feature_id: feature.id,
      included: item["included"] ?? 0,
      unlimited: item["unlimited"] === true,
      reset: item["reset"] ?? usageReset(feature, price),
      price: price ? { ...price, billing_units: price["billing_units"] ?? 1, billing_method: price["billing_method"], max_purchase: price["max_purchase"] ?? null } as CatalogItem["price"] : null,
    };
  });
  const licenses = Object.fromEntries(
    ((wire["licenses"] ?? []) as Record<string, any>[]).map((license) => {
      const licensePlan = catalog.plans.get(license["license_plan_id"]);
      return [license["license_plan_id"], { name: licensePlan?.name ?? license["license_plan_id"], included: license["included"] ?? 1 }];
    }),
  );
  const trial = wire["free_trial"] as Record<string, any> | undefined;
  return {
    id: wire["plan_id"],
    name: wire["name"],
    description: wire["description"] ?? null,
    // Autumn puts a plan created without a group in "", the group of the CLI's plans.
    group: wire["group"] ?? "",
    add_on: wire["add_on"] === true,
    auto_enable: wire["auto_enable"] === true,
    price: wire["price"] ?? null,
    items,
    free_trial: trial ? { duration_length: trial["duration_length"], duration_type: trial["duration_type"] ?? "day", card_required: trial["card_required"] !== false, ...(trial["on_end"] && { on_end: trial["on_end"] }) } : null,
    licenses,
    metadata: wire["metadata"] ?? {},
    version: 1,
    created_at: createdAt,
    archived: false,
  };
}

/** The wire form of a plan, in the environment of the key that asked. */
export function renderPlan(plan: CatalogPlan, env: string): Record<string, unknown> {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    group: plan.group,
    version: plan.version,
    add_on: plan.add_on,
    auto_enable: plan.auto_enable,
    price: plan.price,
    items: plan.items.map((item) => ({ ...item, price: item.price && { ...item.price } })),
    ...(plan.free_trial && { free_trial: plan.free_trial }),
    created_at: plan.created_at,
    env,
    archived: plan.archived,
    base_variant_id: null,
    config: {},
    metadata: plan.metadata,
  };
}

/** The interval a plan bills on: its base price's, else its first recurring priced item's; undefined for a free or one-off plan. */
export function billingInterval(plan: CatalogPlan): { interval: string; interval_count?: number } | undefined {
  if (plan.price) return plan.price.interval === "one_off" ? undefined : plan.price;
  return plan.items.map((item) => item.price).find((price) => price !== null && price.interval !== "one_off") ?? undefined;
}

/**
 * Whether a plan costs anything, as Autumn tells paid plans from free ones: its base price and every
 * item's price (an amount, or tiers' amounts and flat amounts, whether prepaid or billed on usage) add
 * up to more than nothing. A plan priced only on usage is paid: attaching it needs a card.
 */
export function isPaid(plan: CatalogPlan): boolean {
  const tierTotal = (tiers: unknown[]) => (tiers as { amount?: number; flat_amount?: number }[]).reduce((sum, tier) => sum + (tier.amount ?? 0) + (tier.flat_amount ?? 0), 0);
  const itemTotal = plan.items.reduce((sum, { price }) => sum + (price === null ? 0 : (price.amount ?? tierTotal(price.tiers ?? []))), 0);
  return (plan.price?.amount ?? 0) + itemTotal > 0;
}

/** The version of a plan a subscription holds: the latest, or an earlier one `plans.update` superseded. */
export function planOf(catalog: Catalog, held: { plan_id: string; plan_version?: number }): CatalogPlan | undefined {
  const latest = catalog.plans.get(held.plan_id);
  if (latest === undefined || held.plan_version === undefined || latest.version === held.plan_version) return latest;
  return catalog.superseded.find((plan) => plan.id === held.plan_id && plan.version === held.plan_version) ?? latest;
}

/** The `plans.create` params, in wire form, that make this plan. */
export function planParams(plan: CatalogPlan): Record<string, unknown> {
  return {
    plan_id: plan.id,
    name: plan.name,
    description: plan.description,
    group: plan.group,
    add_on: plan.add_on,
    auto_enable: plan.auto_enable,
    price: plan.price,
    items: plan.items,
    free_trial: plan.free_trial,
    licenses: Object.entries(plan.licenses).map(([id, license]) => ({ license_plan_id: id, included: license.included })),
    metadata: plan.metadata,
  };
}

/** The catalog plan with this id, or Autumn's 404. */
export function findPlan(catalog: Catalog, id: unknown): CatalogPlan {
  require400(typeof id === "string" && id !== "", "plan_id is required");
  const plan = catalog.plans.get(id);
  if (!plan) throw new SandboxError("planNotFound", `Plan ${id} not found`);
  return plan;
}

/** The catalog feature with this id, or Autumn's 404. */
export function findFeature(catalog: Catalog, id: unknown): CatalogFeature {
  require400(typeof id === "string" && id !== "", "feature_id is required");
  const feature = catalog.features.get(id);
  if (!feature) throw new SandboxError("featureNotFound", `Feature ${id} not found`);
  return feature;
}
