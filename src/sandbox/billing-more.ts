import { randomBytes } from "node:crypto";
import { type CatalogPlan, findPlan } from "./catalog.js";
import { entityOf, findSubscription, quantities } from "./billing.js";
import { isObject, nonEmptyList, require400 } from "./errors.js";
import { addInterval } from "./ledger.js";
import { findCustomer, findEntity } from "./lookups.js";
import { type AttachOptions, cancel, checkoutPlan, isOneOff, needsCheckout, openCheckout, schedule, start } from "./plans.js";
import type { Route, SandboxState, StoredCustomer, StoredSubscription } from "./state.js";

/**
 * Billing of several plans at once: `multi_attach` (one checkout for them
 * all when any must be paid for and no card is on file), `multi_update`
 * (several cancel actions) and `create_schedule` (phases that start at given
 * times on the sandbox's clock, as scheduled plans that `settle` starts).
 * `billing.import` lives in sandbox/billing-import.ts.
 */

const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex")}`;

/** A plan a multi-plan request names, with how to attach it. */
export interface ChosenPlan {
  plan: CatalogPlan;
  options: AttachOptions;
}

/** The entries of a list of objects in `body[field]`. */
function entries(body: Record<string, unknown>, field: string): Record<string, unknown>[] {
  const list = nonEmptyList(body, field);
  require400(list.every(isObject), `${field} must contain objects`);
  return list as Record<string, unknown>[];
}

/** The entity an entry of a multi-plan request names: its own (null for the customer), else the request's. */
function entryEntity(customer: StoredCustomer, entry: Record<string, unknown>, fallback: string | undefined): string | null {
  if (entry["entity_id"] === null) return null;
  return entry["entity_id"] === undefined ? (fallback ?? null) : findEntity(customer, entry["entity_id"]).id;
}

/** The plans of one request or phase, refused when two would replace each other (the same add-on, or two plans of one group, in one scope). */
function choose(state: SandboxState, customer: StoredCustomer, entries: Record<string, unknown>[], fallbackEntity: string | undefined, extra: Partial<AttachOptions>, field: string): ChosenPlan[] {
  const chosen = entries.map((entry) => ({
    plan: findPlan(state.catalog, entry["plan_id"]),
    options: { entityId: entryEntity(customer, entry, fallbackEntity), quantities: quantities(entry), ...extra },
  }));
  const recurring = chosen.filter(({ plan }) => !isOneOff(plan));
  recurring.forEach((a, index) => {
    for (const b of recurring.slice(index + 1)) {
      const rivals = a.options.entityId === b.options.entityId && a.plan.add_on === b.plan.add_on && (a.plan.add_on ? a.plan.id === b.plan.id : a.plan.group === b.plan.group);
      require400(!rivals, `${field}: ${a.plan.id} and ${b.plan.id} would replace each other`);
    }
  });
  return chosen;
}

/** The plans of a `multi_attach` body, backdated to its `starts_at` when it gives one. */
export function multiAttachPlans(state: SandboxState, customer: StoredCustomer, body: Record<string, unknown>): ChosenPlan[] {
  const startedAt = typeof body["starts_at"] === "number" ? body["starts_at"] : undefined;
  return choose(state, customer, entries(body, "plans"), entityOf(customer, body), startedAt === undefined ? {} : { startedAt }, "plans");
}

/** The subscriptions a `multi_update` body names, each with its update; all found before any is changed. */
export function updateTargets(customer: StoredCustomer, body: Record<string, unknown>): { subscription: StoredSubscription; update: Record<string, unknown> }[] {
  const entityId = entityOf(customer, body);
  return entries(body, "updates").map((update) => ({ subscription: findSubscription(customer, update, entryEntity(customer, update, entityId) ?? undefined), update }));
}

const multiAttach: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const entityId = entityOf(customer, body);
  const chosen = multiAttachPlans(state, customer, body);
  const answer = { customer_id: customer.id, ...(entityId !== undefined && { entity_id: entityId }) };
  if (chosen.some(({ plan }) => needsCheckout(customer, plan))) {
    const successURL = typeof body["success_url"] === "string" ? body["success_url"] : undefined;
    return { ...answer, payment_url: openCheckout(state, customer, chosen.map(({ plan, options }) => checkoutPlan(plan, options)), successURL) };
  }
  for (const { plan, options } of chosen) start(state, customer, plan, options);
  return { ...answer, payment_url: null };
};

const CANCEL_ACTIONS = new Set(["cancel_immediately", "cancel_end_of_cycle", "uncancel"]);

const multiUpdate: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const entityId = entityOf(customer, body);
  const targets = updateTargets(customer, body);
  targets.forEach(({ update }, index) => require400(CANCEL_ACTIONS.has(update["cancel_action"] as string), `updates.${index}.cancel_action must be one of ${[...CANCEL_ACTIONS].join(", ")}`));
  for (const { subscription, update } of targets) {
    // An earlier cancellation may have ended it already (its group's rival, say).
    if (customer.subscriptions.includes(subscription)) cancel(state, customer, subscription, update["cancel_action"] as string);
  }
  return { customer_id: customer.id, ...(entityId !== undefined && { entity_id: entityId }), payment_url: null };
};

/** When a phase starts: `starts_at` (now for "now" or a past time), or `starting_after` the phase before; the first phase starts now by default. */
function phaseStart(phase: Record<string, unknown>, previous: number, now: number, index: number): number {
  const startsAt = phase["starts_at"];
  if (typeof startsAt === "number") return Math.max(startsAt, now);
  const after = phase["starting_after"] as { duration_type?: string; duration_count?: number } | undefined;
  if (after === undefined) {
    require400(startsAt === "now" || index === 0, `phases.${index}: needs starts_at or starting_after`);
    return now;
  }
  const at = addInterval(previous, after.duration_type ?? "", after.duration_count);
  require400(at !== undefined, `phases.${index}.starting_after.duration_type must be month or year`);
  return at;
}

const createSchedule: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const entityId = entityOf(customer, body);
  const now = state.clock();
  let previous = now;
  const phases = entries(body, "phases").map((phase, index) => {
    const startsAt = phaseStart(phase, previous, now, index);
    require400(index === 0 || startsAt > previous, `phases.${index}: starts before the phase it follows ends`);
    previous = startsAt;
    // A phase that starts now replaces what it competes with at once, as a schedule says, upgrade or not.
    const plans = choose(state, customer, entries(phase, "plans"), entityId, { schedule: "immediate" }, `phases.${index}.plans`);
    require400(startsAt === now || plans.every(({ plan }) => !isOneOff(plan)), `phases.${index}.plans: the sandbox schedules recurring plans only; buy one-off plans in the first phase`);
    return { startsAt, plans };
  });
  const answer = { customer_id: customer.id, entity_id: entityId ?? null };
  // The card is needed sooner or later: without one on file, a checkout comes first, and paying it sets the schedule up.
  if (phases.some(({ plans }) => plans.some(({ plan }) => needsCheckout(customer, plan)))) {
    const entries = phases.flatMap(({ startsAt, plans }) => plans.map(({ plan, options }) => checkoutPlan(plan, options, startsAt === now ? undefined : startsAt)));
    const successURL = typeof body["success_url"] === "string" ? body["success_url"] : undefined;
    return { ...answer, status: "pending_payment", schedule_id: null, phases: [], payment_url: openCheckout(state, customer, entries, successURL) };
  }
  const created = phases.map(({ startsAt, plans }) => ({
    phase_id: newId("sphs"),
    starts_at: startsAt,
    customer_product_ids: plans.map(({ plan, options }) => (startsAt === now ? start(state, customer, plan, options) : schedule(state, customer, plan, options, startsAt))),
  }));
  return { ...answer, status: "created", schedule_id: newId("sch"), phases: created, payment_url: null };
};

export const multiBillingRoutes: Record<string, Route> = {
  "billing.multi_attach": multiAttach,
  "billing.multi_update": multiUpdate,
  "billing.create_schedule": createSchedule,
};
