import { randomBytes } from "node:crypto";
import { type CatalogPlan, isPaid } from "./catalog.js";
import { addInterval, rollResets, rowFor } from "./ledger.js";
import type { PendingCheckout, SandboxState, StoredCustomer, StoredSubscription } from "./state.js";
import { notifyPlanChange } from "./webhooks.js";

/**
 * Plans over time, as Autumn runs them. Attaching a free plan enables it at
 * once; a paid one needs a checkout first (completing it, with
 * `sandbox.completeCheckout` or by opening its URL, attaches the plan and
 * keeps the card, so later paid attaches apply at once). Plans in one group
 * replace each other: a dearer one at once (an upgrade), a cheaper one at the
 * end of the cycle (a downgrade, called off by attaching the current plan
 * again). Add-ons stack; one-off plans are purchases. When a group is left
 * empty (a cancellation ends, a trial lapses) its auto-enabled plan comes
 * back. Usage of held features (seats) carries over to the plan that
 * follows. Time moves only with the sandbox's clock, and `settle` applies
 * whatever came due before a customer is read or changed.
 */

const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex")}`;

/** A one-off plan: bought once, its grants never reset. */
export function isOneOff(plan: CatalogPlan): boolean {
  if (plan.price) return plan.price.interval === "one_off";
  const priced = plan.items.filter((item) => item.price !== null);
  return priced.length > 0 && priced.every((item) => item.price!.interval === "one_off");
}

/** The plans of a group or scope that are in force (not waiting to start). */
function inForce(customer: StoredCustomer): StoredSubscription[] {
  return customer.subscriptions.filter((subscription) => subscription.status !== "scheduled");
}

/** Applies what came due by now: trials ending, cancellations taking effect, downgrades starting, periods and balances rolling. */
export function settle(state: SandboxState, customer: StoredCustomer): void {
  const now = state.clock();
  for (const subscription of [...customer.subscriptions]) {
    const plan = state.catalog.plans.get(subscription.plan_id);
    if (subscription.in_trial && subscription.trial_ends_at !== null && subscription.trial_ends_at <= now) {
      const converts = plan?.free_trial?.on_end !== "revert" && (plan?.free_trial?.card_required !== false || customer.has_payment_method);
      if (converts) {
        subscription.in_trial = false;
        subscription.current_period_start = subscription.trial_ends_at;
        subscription.current_period_end = plan?.price ? (addInterval(subscription.trial_ends_at, plan.price.interval, plan.price.interval_count) ?? null) : null;
        notifyPlanChange(state, customer, subscription, "updated");
      } else {
        end(state, customer, subscription);
      }
    }
    if (subscription.expires_at !== null && subscription.expires_at <= now && customer.subscriptions.includes(subscription)) {
      const held = end(state, customer, subscription);
      const successor = plan && customer.subscriptions.find((other) => other.status === "scheduled" && other.started_at <= now && competes(state, other, plan, subscription.entity_id));
      if (successor) activate(state, customer, successor, held);
    }
    if (subscription.status === "scheduled" && subscription.started_at <= now) activate(state, customer, subscription, new Map());
    // A recurring plan's billing period rolls over with the clock.
    while (plan?.price && subscription.current_period_end !== null && subscription.current_period_end <= now && customer.subscriptions.includes(subscription)) {
      subscription.current_period_start = subscription.current_period_end;
      subscription.current_period_end = addInterval(subscription.current_period_end, plan.price.interval, plan.price.interval_count) ?? null;
    }
  }
  customer.rows = rollResets(customer.rows, now);
}

/** Whether a subscription holds the place `plan` takes for `entityId`: the same plan for an add-on, else a plan of its group that is not an add-on. */
function competes(state: SandboxState, subscription: StoredSubscription, plan: CatalogPlan, entityId: string | null): boolean {
  const held = state.catalog.plans.get(subscription.plan_id);
  return subscription.entity_id === entityId && (plan.add_on ? subscription.plan_id === plan.id : !held?.add_on && held?.group === plan.group);
}

/** Starts a scheduled plan: its rows are granted from its start, holding the usage of held features (seats) of the plan it replaces. */
function activate(state: SandboxState, customer: StoredCustomer, subscription: StoredSubscription, held: Map<string, number>): void {
  subscription.status = "active";
  grantRows(state, customer, subscription, state.catalog.plans.get(subscription.plan_id), subscription.started_at);
  carryOver(customer, subscription.id, held);
  notifyPlanChange(state, customer, subscription, "activated");
}

/** Usage of the held (non-consumable) features on a plan's rows, by feature id: seats stay taken when the plan changes. */
function heldUsage(state: SandboxState, customer: StoredCustomer, subscriptionId: string): Map<string, number> {
  const held = new Map<string, number>();
  for (const row of customer.rows) {
    if (row.source_id === subscriptionId && state.catalog.features.get(row.feature_id)?.consumable === false) held.set(row.feature_id, (held.get(row.feature_id) ?? 0) + row.usage);
  }
  return held;
}

function carryOver(customer: StoredCustomer, subscriptionId: string, held: Map<string, number>): void {
  for (const [featureId, usage] of held) {
    const row = customer.rows.find((candidate) => candidate.source_id === subscriptionId && candidate.feature_id === featureId);
    if (row) row.usage = usage;
  }
}

function grantRows(state: SandboxState, customer: StoredCustomer, subscription: { id: string; plan_id: string; entity_id: string | null; quantities: Record<string, number> }, plan: CatalogPlan | undefined, from: number): void {
  for (const item of plan?.items ?? []) {
    if (state.catalog.features.get(item.feature_id)?.type === "boolean") continue;
    const ids = { id: `cus_ent_${randomBytes(6).toString("hex")}`, plan_id: subscription.plan_id, source_id: subscription.id, entity_id: subscription.entity_id };
    customer.rows.push(rowFor(item, ids, from, item.price?.billing_method === "prepaid" ? (subscription.quantities[item.feature_id] ?? 0) : 0));
  }
}

/**
 * Ends a plan now: its rows go, and its group's auto-enabled plan comes back when nothing else holds the
 * group, holding its usage of held features. Returns that usage, for a plan waiting to take its place.
 */
export function end(state: SandboxState, customer: StoredCustomer, subscription: StoredSubscription): Map<string, number> {
  const plan = state.catalog.plans.get(subscription.plan_id);
  const held = heldUsage(state, customer, subscription.id);
  customer.subscriptions = customer.subscriptions.filter((candidate) => candidate !== subscription);
  customer.rows = customer.rows.filter((row) => row.source_id !== subscription.id);
  notifyPlanChange(state, customer, subscription, "expired");
  if (!plan || plan.add_on) return held;
  const waiting = customer.subscriptions.some((other) => other.entity_id === subscription.entity_id && state.catalog.plans.get(other.plan_id)?.group === plan.group);
  if (!waiting) enableDefaults(state, customer, subscription.entity_id, plan.group, held);
  return held;
}

/** Attaches the auto-enabled plans (one per group) the customer has nothing of; for a new customer, or a group left empty. */
export function enableDefaults(state: SandboxState, customer: StoredCustomer, entityId: string | null = null, onlyGroup?: string | null, held = new Map<string, number>()): void {
  const groups = new Set<string | null>();
  for (const plan of state.catalog.plans.values()) {
    if (!plan.auto_enable || groups.has(plan.group) || (onlyGroup !== undefined && plan.group !== onlyGroup)) continue;
    groups.add(plan.group);
    if (!customer.subscriptions.some((subscription) => competes(state, subscription, plan, entityId))) start(state, customer, plan, { entityId, quantities: {}, held });
  }
}

interface AttachOptions {
  entityId: string | null;
  quantities: Record<string, number>;
  /** At the end of the current cycle rather than now, for a plan in a group. */
  endOfCycle?: boolean;
  /** Where the checkout page sends the buyer once paid. */
  successURL?: string;
  /** Usage of held features (seats) of a plan that just ended, for the plan taking its place. */
  held?: Map<string, number>;
}

/**
 * `billing.attach`: the checkout URL when the plan must be paid for first,
 * or null once it is attached (or scheduled).
 */
export function attach(state: SandboxState, customer: StoredCustomer, plan: CatalogPlan, options: AttachOptions): string | null {
  const trial = plan.free_trial && !customer.trials_used.includes(plan.id) ? plan.free_trial : null;
  const needsCard = trial ? trial.card_required : isPaid(plan);
  if (needsCard && !customer.has_payment_method) {
    const checkout: PendingCheckout = {
      id: newId("cs_sandbox"),
      customer_key: customer.key,
      plan_id: plan.id,
      entity_id: options.entityId,
      quantities: options.quantities,
      ...(options.successURL !== undefined && { success_url: options.successURL }),
      created_at: state.clock(),
    };
    state.checkouts.set(checkout.id, checkout);
    return checkoutURL(state, checkout.id);
  }
  start(state, customer, plan, options);
  return null;
}

export function checkoutURL(state: SandboxState, id: string): string {
  return `${state.url}/checkout/${id}`;
}

/** Pays a checkout: the customer keeps the card and the plan is attached. */
export function completeCheckout(state: SandboxState, id: string): void {
  const checkout = state.checkouts.get(id);
  if (!checkout) throw new Error(`No pending checkout ${id}`);
  state.checkouts.delete(id);
  const customer = state.customers.get(checkout.customer_key);
  if (!customer) return;
  settle(state, customer);
  customer.has_payment_method = true;
  const plan = checkout.plan_id === null ? undefined : state.catalog.plans.get(checkout.plan_id);
  if (plan) start(state, customer, plan, { entityId: checkout.entity_id, quantities: checkout.quantities });
}

/** Puts a plan in force (or schedules it), replacing or waiting for the plan it competes with. */
function start(state: SandboxState, customer: StoredCustomer, plan: CatalogPlan, options: AttachOptions): void {
  const now = state.clock();
  const { entityId, quantities } = options;
  if (isOneOff(plan)) {
    const purchase = { id: newId("pur"), plan_id: plan.id, entity_id: entityId, started_at: now, quantity: 1 };
    customer.purchases.push(purchase);
    grantRows(state, customer, { ...purchase, quantities }, plan, now);
    return;
  }
  const rival = inForce(customer).find((subscription) => competes(state, subscription, plan, entityId));
  if (rival?.plan_id === plan.id && rival.expires_at !== null) {
    // Attaching the plan that is set to end (cancelled, or a downgrade scheduled) keeps it, as Autumn does.
    cancel(state, customer, rival, "uncancel");
    return;
  }
  const trial = plan.free_trial && !customer.trials_used.includes(plan.id) ? plan.free_trial : null;
  const trialEndsAt = trial ? (addInterval(now, trial.duration_type, trial.duration_length) ?? null) : null;
  const subscription: StoredSubscription = {
    id: newId("sub"),
    plan_id: plan.id,
    entity_id: entityId,
    add_on: plan.add_on,
    auto_enable: plan.auto_enable,
    status: "active",
    in_trial: trial !== null,
    canceled_at: null,
    expires_at: null,
    trial_ends_at: trialEndsAt,
    started_at: now,
    current_period_start: plan.price ? now : null,
    // A trial is the first period, as Stripe has it: a cancellation at the cycle's end takes effect when it ends.
    current_period_end: plan.price ? (trial ? trialEndsAt : (addInterval(now, plan.price.interval, plan.price.interval_count) ?? null)) : null,
    quantity: 1,
    quantities,
  };
  if (trial) customer.trials_used.push(plan.id);
  // Any plan already waiting to replace the rival gives way to this one.
  customer.subscriptions = customer.subscriptions.filter((other) => !(other.status === "scheduled" && other.entity_id === entityId && state.catalog.plans.get(other.plan_id)?.group === plan.group && !plan.add_on));
  const rivalPlan = rival && state.catalog.plans.get(rival.plan_id);
  const cheaper = rivalPlan && (plan.price?.amount ?? 0) < (rivalPlan.price?.amount ?? 0);
  if (rival && (options.endOfCycle || cheaper) && rival.current_period_end !== null && rival.plan_id !== plan.id) {
    // A downgrade: the current plan runs to the end of its cycle, then this one starts.
    rival.canceled_at = now;
    rival.expires_at = rival.current_period_end;
    subscription.status = "scheduled";
    subscription.started_at = rival.current_period_end;
    subscription.current_period_start = rival.current_period_end;
    subscription.current_period_end = plan.price ? (addInterval(rival.current_period_end, plan.price.interval, plan.price.interval_count) ?? null) : null;
    customer.subscriptions.push(subscription);
    notifyPlanChange(state, customer, subscription, "scheduled");
    return;
  }
  // An upgrade, a re-attach, or a first plan: in force now. Usage of held features (seats) carries over.
  const held = rival ? heldUsage(state, customer, rival.id) : (options.held ?? new Map<string, number>());
  if (rival) {
    customer.subscriptions = customer.subscriptions.filter((candidate) => candidate !== rival);
    customer.rows = customer.rows.filter((row) => row.source_id !== rival.id);
  }
  customer.subscriptions.push(subscription);
  grantRows(state, customer, subscription, plan, now);
  carryOver(customer, subscription.id, held);
  notifyPlanChange(state, customer, subscription, rival?.plan_id === plan.id ? "updated" : "activated");
}

/** `billing.update`'s cancel actions. */
export function cancel(state: SandboxState, customer: StoredCustomer, subscription: StoredSubscription, action: string): void {
  const now = state.clock();
  if (action === "uncancel") {
    subscription.canceled_at = null;
    subscription.expires_at = null;
    const plan = state.catalog.plans.get(subscription.plan_id);
    customer.subscriptions = customer.subscriptions.filter((other) => !(other.status === "scheduled" && other.entity_id === subscription.entity_id && state.catalog.plans.get(other.plan_id)?.group === plan?.group));
    notifyPlanChange(state, customer, subscription, "updated");
    return;
  }
  if (action === "cancel_immediately" || subscription.status === "scheduled" || subscription.current_period_end === null) {
    subscription.canceled_at = now;
    end(state, customer, subscription);
    return;
  }
  subscription.canceled_at = now;
  subscription.expires_at = subscription.current_period_end;
  notifyPlanChange(state, customer, subscription, "updated");
}

/** The wire form of a subscription. */
export function renderSubscription(subscription: StoredSubscription): Record<string, unknown> {
  return {
    id: subscription.id,
    plan_id: subscription.plan_id,
    auto_enable: subscription.auto_enable,
    add_on: subscription.add_on,
    status: subscription.status,
    past_due: false,
    canceled_at: subscription.canceled_at,
    expires_at: subscription.expires_at,
    trial_ends_at: subscription.trial_ends_at,
    started_at: subscription.started_at,
    current_period_start: subscription.current_period_start,
    current_period_end: subscription.current_period_end,
    quantity: subscription.quantity,
    scope: subscription.entity_id === null ? "customer" : "entity",
  };
}
