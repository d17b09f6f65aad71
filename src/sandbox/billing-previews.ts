import { type CatalogPlan, findPlan, isPaid, planOf } from "./catalog.js";
import { entityOf, findSubscription, planSchedule, quantities } from "./billing.js";
import { addInterval, prepaidGrant } from "./ledger.js";
import { findCustomer } from "./lookups.js";
import { type AttachOptions, cancelsNow, isOneOff, needsCheckout, periodEnd, placement } from "./plans.js";
import { multiAttachPlans, updateTargets } from "./billing-more.js";
import type { Route, SandboxState, StoredCustomer, StoredSubscription } from "./state.js";

/**
 * Previews: what an attach or an update would charge, and which plans would
 * come and go, decided the way sandbox/plans.ts decides (upgrades now,
 * downgrades at the end of the cycle, trials first). Charges are simple sums:
 * a plan's base price and the prepaid units bought beyond an item's included
 * ones times their price (per billing unit), in full; the sandbox has no proration, tax, discounts or
 * tiered pricing, and usage-based items are listed as usage lines, not
 * priced. Nothing changes state.
 */

const CURRENCY = "usd";

type Line = Record<string, unknown> & { total: number };
type PlanChange = Record<string, unknown>;

interface Charges {
  /** Charged now. */
  today: Line[];
  /** Charged at `nextStartsAt`, and usage billed then. */
  next: Line[];
  usage: Record<string, unknown>[];
  nextStartsAt: number | null;
  incoming: PlanChange[];
  outgoing: PlanChange[];
}

/**
 * A plan's lines for the period starting at `from`: the base price, then each prepaid item, for the units
 * the quantities in `bought` buy beyond those in `had`; `recurring` leaves one-off prices out.
 */
function planLines(state: SandboxState, plan: CatalogPlan, bought: Record<string, number>, from: number, recurring: boolean, had: Record<string, number> = {}): Line[] {
  const end = periodEnd(plan, from);
  const period = end === null ? {} : { period: { start: from, end } };
  const lines: Line[] = [];
  if (plan.price && plan.price.amount > 0 && !(recurring && plan.price.interval === "one_off")) {
    lines.push({ display_name: plan.name, plan_id: plan.id, feature_id: null, ...period, description: `${plan.name} base price`, subtotal: plan.price.amount, total: plan.price.amount, quantity: 1 });
  }
  for (const item of plan.items) {
    const quantity = bought[item.feature_id] ?? 0;
    // A quantity is the total, the included units part of it: only what it buys beyond them is charged.
    const units = prepaidGrant(item, quantity) - prepaidGrant(item, had[item.feature_id] ?? 0);
    if (item.price?.billing_method !== "prepaid" || units <= 0 || (recurring && item.price.interval === "one_off")) continue;
    const amount = (units / item.price.billing_units) * (item.price.amount ?? 0);
    const name = state.catalog.features.get(item.feature_id)?.name ?? item.feature_id;
    lines.push({ display_name: name, plan_id: plan.id, feature_id: item.feature_id, ...period, description: `${units} × ${name}`, subtotal: amount, total: amount, quantity: units });
  }
  return lines;
}

function usageLines(state: SandboxState, plan: CatalogPlan): Record<string, unknown>[] {
  return plan.items
    .filter((item) => item.price?.billing_method === "usage_based")
    .map((item) => ({ display_name: state.catalog.features.get(item.feature_id)?.name ?? item.feature_id, plan_id: plan.id, feature_id: item.feature_id }));
}

function change(planId: string, bought: Record<string, number>, effectiveAt: number | null, canceledAt: number | null, expiresAt: number | null): PlanChange {
  return {
    plan_id: planId,
    feature_quantities: Object.entries(bought).map(([feature_id, quantity]) => ({ feature_id, quantity })),
    effective_at: effectiveAt,
    canceled_at: canceledAt,
    expires_at: expiresAt,
  };
}

/** What attaching one plan would charge and change. */
function attachCharges(state: SandboxState, customer: StoredCustomer, plan: CatalogPlan, options: AttachOptions): Charges {
  const now = state.clock();
  const bought = options.quantities;
  if (isOneOff(plan)) return { today: planLines(state, plan, bought, now, false), next: [], usage: [], nextStartsAt: null, incoming: [change(plan.id, bought, null, null, null)], outgoing: [] };
  const { rival, waits, startsAt, trial } = placement(state, customer, plan, options);
  const trialEnds = trial ? (addInterval(startsAt, trial.duration_type, trial.duration_length) ?? null) : null;
  const nextStartsAt = waits ? startsAt : (trialEnds ?? periodEnd(plan, startsAt));
  const replaced = rival && rival.plan_id !== plan.id ? [change(rival.plan_id, rival.quantities, waits ? startsAt : null, waits ? now : null, waits ? startsAt : now)] : [];
  return {
    today: waits || trial ? [] : planLines(state, plan, bought, startsAt, false),
    next: nextStartsAt === null ? [] : planLines(state, plan, bought, nextStartsAt, true),
    usage: usageLines(state, plan),
    nextStartsAt,
    incoming: [change(plan.id, bought, waits ? startsAt : null, null, null)],
    outgoing: replaced,
  };
}

/** What an update (a cancel action or new prepaid quantities) would charge and change, and what it amounts to. */
function updateCharges(state: SandboxState, subscription: StoredSubscription, update: Record<string, unknown>): Charges & { intent: string } {
  const now = state.clock();
  const plan = planOf(state.catalog, subscription)!;
  const bought = { ...subscription.quantities, ...quantities(update) };
  const action = typeof update["cancel_action"] === "string" ? update["cancel_action"] : undefined;
  const newQuantities = Object.entries(bought).some(([featureId, quantity]) => (subscription.quantities[featureId] ?? 0) !== quantity);
  const intent = action ?? (newQuantities ? "update_quantity" : "none");
  const cycleEnd = subscription.current_period_end;
  const ends = action !== undefined && action !== "uncancel";
  const endsAt = ends && !cancelsNow(subscription, action) ? cycleEnd : now;
  return {
    intent,
    // Only the units added are charged now, in full: the sandbox does not prorate, nor refund units taken away.
    today: intent === "update_quantity" ? planLines(state, plan, bought, now, false, subscription.quantities).filter((line) => line["feature_id"] !== null) : [],
    next: ends || cycleEnd === null ? [] : planLines(state, plan, bought, cycleEnd, true),
    usage: ends ? [] : usageLines(state, plan),
    nextStartsAt: ends ? null : cycleEnd,
    incoming: ends ? [] : [change(plan.id, bought, null, null, null)],
    outgoing: ends ? [change(plan.id, bought, endsAt === now ? null : endsAt, now, endsAt)] : [],
  };
}

const sum = (lines: readonly Line[]) => lines.reduce((total, line) => total + line.total, 0);

/** The preview entries every preview answers with, from some charges. */
function preview(customer: StoredCustomer, parts: readonly Charges[]): Record<string, unknown> & { total: number } {
  const today = parts.flatMap((part) => part.today);
  const next = parts.flatMap((part) => part.next);
  const usage = parts.flatMap((part) => part.usage);
  const starts = parts.map((part) => part.nextStartsAt).filter((at): at is number => at !== null);
  return {
    customer_id: customer.id,
    line_items: today,
    subtotal: sum(today),
    total: sum(today),
    currency: CURRENCY,
    ...(starts.length > 0 && (next.length > 0 || usage.length > 0) && { next_cycle: { starts_at: Math.min(...starts), subtotal: sum(next), total: sum(next), line_items: next, usage_line_items: usage } }),
    incoming: parts.flatMap((part) => part.incoming),
    outgoing: parts.flatMap((part) => part.outgoing),
  };
}

function attachPreview(customer: StoredCustomer, chosen: readonly { plan: CatalogPlan }[], parts: readonly Charges[]): Record<string, unknown> {
  const checkout = chosen.some(({ plan }) => needsCheckout(customer, plan));
  return { ...preview(customer, parts), redirect_to_checkout: checkout, checkout_type: checkout ? "stripe_checkout" : null };
}

const previewAttach: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const plan = findPlan(state.catalog, body["plan_id"]);
  const options = { entityId: entityOf(customer, body) ?? null, quantities: quantities(body), schedule: planSchedule(body["plan_schedule"]) };
  return attachPreview(customer, [{ plan }], [attachCharges(state, customer, plan, options)]);
};

const previewMultiAttach: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const chosen = multiAttachPlans(state, customer, body);
  return attachPreview(customer, chosen, chosen.map(({ plan, options }) => attachCharges(state, customer, plan, options)));
};

const previewUpdate: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const charges = updateCharges(state, findSubscription(customer, body, entityOf(customer, body)), body);
  return { ...preview(customer, [charges]), intent: charges.intent };
};

const previewMultiUpdate: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  // One preview per subscription that bills; free plans have none.
  const subscriptions = updateTargets(customer, body)
    .filter(({ subscription }) => isPaid(planOf(state.catalog, subscription)!))
    .map(({ subscription, update }) => ({ ...preview(customer, [updateCharges(state, subscription, update)]), plan_ids: [subscription.plan_id] }));
  return { customer_id: customer.id, currency: CURRENCY, total: subscriptions.reduce((total, one) => total + one.total, 0), subscriptions };
};

export const previewRoutes: Record<string, Route> = {
  "billing.preview_attach": previewAttach,
  "billing.preview_update": previewUpdate,
  "billing.preview_multi_attach": previewMultiAttach,
  "billing.preview_multi_update": previewMultiUpdate,
};
