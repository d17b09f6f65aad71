import { randomBytes } from "node:crypto";
import { type CatalogFeature, findFeature, findPlan, renderPlan } from "./catalog.js";
import { checkControls, controlsFor } from "./controls.js";
import { renderFlags } from "./customers.js";
import { customerEligibility } from "./eligibility.js";
import { require400, SandboxError } from "./errors.js";
import { allows, checkedFeature, creditSystemsFor, type Deduction, drawsFor, renderBalance, rowsInScope, spend, spendAll, type UsageGate } from "./ledger.js";
import { hold, lockParams } from "./locks.js";
import { findCustomer, findEntity } from "./lookups.js";
import { attach as attachPlan, cancel, checkoutPlan, openCheckout, setQuantities } from "./plans.js";
import { Accepted, type Route, type SandboxState, type StoredCustomer, type StoredSubscription } from "./state.js";
import { usageGate, usageWindows } from "./usage-windows.js";
import { notifyUsage, usageLevel } from "./webhooks.js";

/**
 * Attaching and changing plans, and checking and tracking usage against the
 * balances they grant (sandbox/ledger.ts keeps the balances, sandbox/plans.ts
 * the plans over time).
 */

/** The entity a request names, checked to belong to the customer; undefined when it names none. */
export function entityOf(customer: StoredCustomer, body: Record<string, unknown>): string | undefined {
  const id = body["entity_id"];
  if (id === undefined || id === null) return undefined;
  return findEntity(customer, id).id;
}

/** The prepaid quantities a request buys, by feature id. */
export function quantities(body: Record<string, unknown>): Record<string, number> {
  const list = body["feature_quantities"];
  if (!Array.isArray(list)) return {};
  return Object.fromEntries(list.map((entry: Record<string, unknown>) => [entry["feature_id"] as string, (entry["quantity"] as number | undefined) ?? 0]));
}

/** `plan_schedule`, when a request gives one. */
export function planSchedule(value: unknown): "immediate" | "end_of_cycle" | undefined {
  return value === "immediate" || value === "end_of_cycle" ? value : undefined;
}

/** The subscription an update names by `plan_id` or `subscription_id`, in the scope of `entityId`, or Autumn's 404. */
export function findSubscription(customer: StoredCustomer, update: Record<string, unknown>, entityId: string | undefined): StoredSubscription {
  const planId = update["plan_id"];
  const subscriptionId = update["subscription_id"];
  require400(planId !== undefined || subscriptionId !== undefined, "plan_id or subscription_id is required");
  const subscription = customer.subscriptions.find(
    (candidate) => (subscriptionId === undefined || candidate.id === subscriptionId) && (planId === undefined || candidate.plan_id === planId) && candidate.entity_id === (entityId ?? null),
  );
  if (!subscription) throw new SandboxError("planNotFound", `Customer ${customer.id} has no plan ${String(planId ?? subscriptionId)}${entityId === undefined ? "" : ` on entity ${entityId}`}`);
  return subscription;
}

const attach: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const plan = findPlan(state.catalog, body["plan_id"]);
  const entityId = entityOf(customer, body);
  const successURL = typeof body["success_url"] === "string" ? body["success_url"] : undefined;
  const paymentURL = attachPlan(state, customer, plan, {
    entityId: entityId ?? null,
    quantities: quantities(body),
    schedule: planSchedule(body["plan_schedule"]),
    ...(successURL !== undefined && { successURL }),
  });
  return { customer_id: customer.id, ...(entityId !== undefined && { entity_id: entityId }), payment_url: paymentURL };
};

const update: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const entityId = entityOf(customer, body);
  const subscription = findSubscription(customer, body, entityId);
  const action = body["cancel_action"];
  if (typeof action === "string") cancel(state, customer, subscription, action);
  setQuantities(state, customer, subscription, quantities(body));
  return { customer_id: customer.id, ...(entityId !== undefined && { entity_id: entityId }), payment_url: null };
};

const setupPayment: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const entityId = entityOf(customer, body);
  // The sandbox's checkout page takes a card; with a plan it attaches it too.
  const plan = body["plan_id"] === undefined ? undefined : findPlan(state.catalog, body["plan_id"]);
  const plans = plan ? [checkoutPlan(plan, { entityId: entityId ?? null, quantities: quantities(body) })] : [];
  return { customer_id: customer.id, ...(entityId !== undefined && { entity_id: entityId }), url: openCheckout(state, customer, plans) };
};

const openCustomerPortal: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  return { customer_id: customer.id, url: `${state.url}/portal/${encodeURIComponent(customer.key)}` };
};

/** The features a usage request names: by `feature_id`, or by `event_name` every feature that lists it among its event names. */
function usageFeatures(state: SandboxState, body: Record<string, unknown>): CatalogFeature[] {
  const eventName = body["event_name"];
  if (body["feature_id"] === undefined && typeof eventName === "string") {
    const features = [...state.catalog.features.values()].filter((candidate) => candidate.event_names.includes(eventName));
    if (features.length === 0) throw new SandboxError("eventNameUnknown", `No features found for event name: ${eventName}`);
    return features;
  }
  return [findFeature(state.catalog, body["feature_id"])];
}

/** What a track of one feature did: what it took, and the features whose balances may have paid (the feature's own first, then the credit systems that price it, in catalog order). */
interface Tracked {
  feature: CatalogFeature;
  payers: CatalogFeature[];
  deductions: Deduction[];
}

/** How a track takes its units: for the customer or an entity, with the event's name, properties and time; with `overflow`, past every limit; with `all`, all of them or none. */
interface TrackOptions {
  entityId: string | undefined;
  eventName?: string;
  properties?: Record<string, unknown>;
  overflow?: boolean;
  timestamp?: number;
  all?: boolean;
}

/** The features whose balances may pay for `feature`: its own, then the credit systems that price it, in catalog order. */
function payersOf(state: SandboxState, feature: CatalogFeature): CatalogFeature[] {
  return [feature, ...creditSystemsFor(state.catalog, feature.id).map((system) => system.feature)];
}

/**
 * Takes `value` units of `feature` from the scope, its own rows before those of credit systems that price
 * it, recording the event and sending the webhooks the change causes. With `all`, takes nothing (and records
 * nothing) unless all of `value` is covered.
 */
export function track(state: SandboxState, customer: StoredCustomer, feature: CatalogFeature, value: number, options: TrackOptions & { all: true }): Tracked | undefined;
export function track(state: SandboxState, customer: StoredCustomer, feature: CatalogFeature, value: number, options: TrackOptions): Tracked;
export function track(state: SandboxState, customer: StoredCustomer, feature: CatalogFeature, value: number, options: TrackOptions): Tracked | undefined {
  const draws = drawsFor(state.catalog, customer.rows, feature, options.entityId);
  const payers = payersOf(state, feature);
  const level = (payer: CatalogFeature) => usageLevel(state, customer, payer.id, options.entityId, options.properties);
  const before = payers.map(level);
  const controlsOf = (featureId: string) => controlsFor(customer, featureId, options.entityId);
  const gate = trackGate(state, customer, feature, options.entityId, options.properties);
  const deductions = options.all ? spendAll(draws, value, controlsOf, gate) : spend(draws, value, options.overflow, controlsOf, gate);
  if (!deductions) return undefined;
  gate?.commit();
  payers.forEach((payer, index) => notifyUsage(state, customer, payer.id, options.entityId, before[index]!, level(payer)));
  state.events.push({
    id: `evt_${randomBytes(8).toString("hex")}`,
    customer_key: customer.key,
    customer_id: customer.id,
    entity_id: options.entityId ?? null,
    feature_id: feature.id,
    event_name: options.eventName ?? null,
    value,
    properties: options.properties ?? {},
    timestamp: options.timestamp ?? state.clock(),
    deductions,
  });
  return { feature, payers, deductions };
}

/** The usage limits a track of `feature` (with `properties`) must stay within: none when the scope holds it, or a credit system pricing it, unlimited. */
function trackGate(state: SandboxState, customer: StoredCustomer, feature: CatalogFeature, entityId: string | undefined, properties: Record<string, unknown> | undefined): UsageGate | undefined {
  const payers = payersOf(state, feature).map((payer) => payer.id);
  if (payers.some((featureId) => rowsInScope(customer.rows, featureId, entityId).some((row) => row.unlimited))) return undefined;
  return usageGate(customer, usageWindows(state.catalog, customer, payers, entityId, properties, state.clock()));
}

/**
 * The balances a track answers with, as Autumn picks them. For each feature tracked, the balance of: a
 * payer the scope holds unlimited; else the first payer that gave anything (the feature's own before credit
 * systems); else the first credit system, held or not; else the feature's own. One such balance is the
 * answer's `balance`; several (an event name that counts more than one feature), or none held, give null.
 * `balances` holds every payer's balance, null where none is held, when there are two or more.
 */
function trackBalances(customer: StoredCustomer, tracked: readonly Tracked[], entityId: string | undefined): { balance: Record<string, unknown> | null; balances?: Record<string, Record<string, unknown> | null> } {
  const shown = (featureId: string) => renderBalance(featureId, rowsInScope(customer.rows, featureId, entityId));
  const chosen = new Map<string, Record<string, unknown>>();
  for (const { feature, payers, deductions } of tracked) {
    const gave = (payer: CatalogFeature) => deductions.some((deduction) => deduction.feature_id === payer.id && deduction.value > 0);
    const unlimited = payers.find((payer) => rowsInScope(customer.rows, payer.id, entityId).some((row) => row.unlimited));
    const featureId = (unlimited ?? payers.find(gave) ?? payers[1] ?? feature).id;
    const balance = shown(featureId);
    if (balance) chosen.set(featureId, balance);
  }
  const balances = Object.fromEntries(tracked.flatMap(({ payers }) => payers.map((payer) => [payer.id, shown(payer.id)] as const)));
  return { balance: chosen.size === 1 ? [...chosen.values()][0]! : null, ...(Object.keys(balances).length >= 2 && { balances }) };
}

const check: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const feature = findFeature(state.catalog, body["feature_id"]);
  const entityId = entityOf(customer, body);
  const required = body["required_balance"] ?? 1;
  require400(typeof required === "number" && required >= 0, "required_balance must be a non-negative number");
  const sendEvent = body["send_event"] === true;
  const lock = lockParams(state, body["lock"]);
  const scope = { customer_id: customer.id, ...(entityId !== undefined && { entity_id: entityId }), required_balance: required };
  if (feature.type === "boolean") {
    if (sendEvent || lock) throw new SandboxError("usageOfFlag", "send_event cannot be used with boolean features, which are flags rather than usage-tracked.");
    const flag = renderFlags(state, customer, entityId ?? null)[feature.id] ?? null;
    return { allowed: flag !== null, ...scope, balance: null, flag };
  }
  if (lock && !feature.consumable) throw new SandboxError("lockOfHeldFeature", "Lock is not supported for allocated features");
  const properties = body["properties"] as Record<string, unknown> | undefined;
  const controlsOf = (featureId: string) => checkControls(state, customer, featureId, feature.id, entityId, properties);
  const using = checkedFeature(state.catalog, customer.rows, feature, entityId, required, controlsOf);
  const rows = rowsInScope(customer.rows, using.feature.id, entityId);
  // Answered from a credit system, the amount required is in its credits, as Autumn reports it.
  const answer = (allowed: boolean, balance = renderBalance(using.feature.id, rows), balances?: Record<string, unknown>) => ({
    allowed,
    ...scope,
    required_balance: required * using.cost,
    balance,
    ...(balances && { balances }),
    flag: null,
  });
  if (!sendEvent && !lock) return answer(allows(rows, required * using.cost, controlsOf(using.feature.id)));
  // Using the units, Autumn decides by taking them, all or none (from the feature's own balance, then the
  // credit systems'): a lock holds them until balances.finalize, sendEvent records them as an event.
  // With no balance to take them from, nothing is tried: the amount asked for is answered as it was given.
  if (rows.length === 0 && required > 0) return { ...answer(false, null), required_balance: required };
  let tracked: Tracked | undefined;
  if (lock) {
    const gate = trackGate(state, customer, feature, entityId, properties);
    const deductions = hold(state, customer, drawsFor(state.catalog, customer.rows, feature, entityId), required, { id: lock.id, feature_id: feature.id, entity_id: entityId ?? null, value: required, expires_at: lock.expiresAt }, controlsOf, gate);
    if (deductions) gate?.commit();
    tracked = deductions && { feature, payers: payersOf(state, feature), deductions };
  } else {
    tracked = track(state, customer, feature, required, { entityId, ...(properties !== undefined && { properties }), all: true });
  }
  if (!tracked) return answer(false);
  // The track's balance, else the checked feature's among its balances.
  const { balance, balances } = trackBalances(customer, [tracked], entityId);
  return answer(true, balance ?? balances?.[feature.id] ?? null, balances);
};

/** A usage event of a track request, checked (customer, feature, entity, value) before anything is taken. */
export interface UsageRequest {
  customer: StoredCustomer;
  /** One feature, or every feature that counts the event name. */
  features: CatalogFeature[];
  value: number;
  options: Parameters<typeof track>[4];
}

/** Reads and checks one usage event in wire form: `balances.track`'s body, or an item of `balances.batch_track`. */
export function usageRequest(state: SandboxState, body: Record<string, unknown>): UsageRequest {
  const customer = findCustomer(state, body["customer_id"]);
  const features = usageFeatures(state, body);
  const value = body["value"] ?? 1;
  require400(typeof value === "number" && Number.isFinite(value), "value must be a number");
  return { customer, features, value, options: usageOptions(customer, body) };
}

/** The options of `track` a usage request in wire form sets: entity, event name, properties, timestamp, overage. */
export function usageOptions(customer: StoredCustomer, body: Record<string, unknown>): UsageRequest["options"] {
  const eventName = typeof body["event_name"] === "string" ? body["event_name"] : undefined;
  const properties = body["properties"] as Record<string, unknown> | undefined;
  const timestamp = typeof body["timestamp"] === "number" ? body["timestamp"] : undefined;
  return {
    entityId: entityOf(customer, body),
    ...(eventName !== undefined && { eventName }),
    ...(properties !== undefined && { properties }),
    ...(timestamp !== undefined && { timestamp }),
    overflow: body["overage_behavior"] === "overflow",
  };
}

/** Tracks a usage request and answers as `balances.track` does (and `track_tokens`, whose value is the cost). */
export function trackAnswer(state: SandboxState, { customer, features, value, options }: UsageRequest, body: Record<string, unknown>): unknown {
  const tracked = features.map((feature) => track(state, customer, feature, value, options));
  const scope = { customer_id: customer.id, ...(options.entityId !== undefined && { entity_id: options.entityId }), ...(options.eventName !== undefined && { event_name: options.eventName }), value };
  // Queued tracking: Autumn answers 202 at once, before any balance is known. The sandbox applies it right away.
  if (body["async"] === true) return new Accepted({ ...scope, balance: null });
  return {
    ...scope,
    ...trackBalances(customer, tracked, options.entityId),
    deductions: tracked.flatMap((each) => each.deductions),
  };
}

const trackRoute: Route = (state, body) => trackAnswer(state, usageRequest(state, body), body);

const listPlans: Route = (state, body, env) => {
  // Given a customer (and maybe one of its entities), each plan says what attaching it would do for them.
  const customer = body["customer_id"] === undefined || body["customer_id"] === null ? undefined : findCustomer(state, body["customer_id"]);
  const entityId = customer ? (entityOf(customer, body) ?? null) : null;
  return {
    list: [...state.catalog.plans.values()].map((plan) => {
      const rendered = renderPlan(plan, env);
      return customer ? { ...rendered, customer_eligibility: customerEligibility(state, customer, plan, entityId) } : rendered;
    }),
  };
};
const getPlan: Route = (state, body, env) => renderPlan(findPlan(state.catalog, body["plan_id"]), env);
const listFeatures: Route = (state) => ({ list: [...state.catalog.features.values()] });
const getFeature: Route = (state, body) => findFeature(state.catalog, body["feature_id"]);

export const billingRoutes: Record<string, Route> = {
  "billing.attach": attach,
  "billing.update": update,
  "billing.setup_payment": setupPayment,
  "billing.open_customer_portal": openCustomerPortal,
  "balances.check": check,
  "balances.track": trackRoute,
  "plans.list": listPlans,
  "plans.get": getPlan,
  "features.list": listFeatures,
  "features.get": getFeature,
};
