import { randomBytes } from "node:crypto";
import { billingInterval, type CatalogPlan, isPaid, planOf } from "./catalog.js";
import { addInterval, prepaidGrant, rollResets, rowFor } from "./ledger.js";
import { releaseExpiredLocks } from "./locks.js";
import type { CheckoutPlan, PendingCheckout, SandboxState, StoredCustomer, StoredSubscription } from "./state.js";
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
 * follows. Time moves only with the sandbox's clock: `settle` applies
 * whatever came due for one customer, before it is read or changed, and
 * sandbox/due.ts runs it for every customer when the clock is moved.
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

/** The end of a billing period of the plan starting at `from`; null for a plan that bills nothing recurring. */
export function periodEnd(plan: CatalogPlan | undefined, from: number): number | null {
  const interval = plan && billingInterval(plan);
  return (interval && addInterval(from, interval.interval, interval.interval_count)) ?? null;
}

/** Applies what came due by now: scheduled plans starting, trials ending, cancellations taking effect, periods and balances rolling. */
export function settle(state: SandboxState, customer: StoredCustomer): void {
  const now = state.clock();
  // Plans due to start go first, while the plans they replace are still there (a schedule's phase may
  // both start and end within one clock move): seats taken on the plan replaced stay taken.
  for (const subscription of [...customer.subscriptions]) {
    if (subscription.status !== "scheduled" || subscription.started_at > now) continue;
    const plan = planOf(state.catalog, subscription);
    const replaced = plan && customer.subscriptions.find((other) => other.status === "active" && competes(state, plan, subscription.entity_id)(other));
    subscription.status = "active";
    grantRows(state, customer, subscription, plan, subscription.started_at);
    carryOver(customer, subscription.id, replaced ? heldUsage(state, customer, replaced.id) : new Map());
    notifyPlanChange(state, customer, subscription, "activated");
  }
  for (const subscription of [...customer.subscriptions]) {
    const plan = planOf(state.catalog, subscription);
    const held = () => customer.subscriptions.includes(subscription);
    if (subscription.in_trial && subscription.trial_ends_at !== null && subscription.trial_ends_at <= now) {
      const converts = plan?.free_trial?.on_end !== "revert" && (plan?.free_trial?.card_required !== false || customer.has_payment_method);
      if (converts) {
        subscription.in_trial = false;
        subscription.current_period_start = subscription.trial_ends_at;
        subscription.current_period_end = periodEnd(plan, subscription.trial_ends_at);
        notifyPlanChange(state, customer, subscription, "updated");
      } else {
        end(state, customer, subscription);
      }
    }
    if (subscription.expires_at !== null && subscription.expires_at <= now && held()) end(state, customer, subscription);
    // A recurring plan's billing period rolls over with the clock.
    while (subscription.current_period_end !== null && subscription.current_period_end <= now && held()) {
      subscription.current_period_start = subscription.current_period_end;
      subscription.current_period_end = periodEnd(plan, subscription.current_period_end);
    }
  }
  // Before the rows roll over: a hold is given back to the period it was taken from.
  releaseExpiredLocks(state, customer, now);
  customer.rows = rollResets(customer.rows, now);
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
    const ids = { id: `cus_ent_${randomBytes(6).toString("hex")}`, plan_id: subscription.plan_id, source_id: subscription.id, entity_id: subscription.entity_id, add_on: plan!.add_on };
    const quantity = subscription.quantities[item.feature_id];
    customer.rows.push(rowFor(item, ids, from, item.price?.billing_method === "prepaid" && quantity !== undefined ? prepaidGrant(item, quantity) : 0));
  }
}

/** Ends a plan now: its rows go, and its group's auto-enabled plan comes back when nothing else holds the group. */
export function end(state: SandboxState, customer: StoredCustomer, subscription: StoredSubscription): void {
  const plan = planOf(state.catalog, subscription);
  const held = heldUsage(state, customer, subscription.id);
  customer.subscriptions = customer.subscriptions.filter((candidate) => candidate !== subscription);
  customer.rows = customer.rows.filter((row) => row.source_id !== subscription.id);
  notifyPlanChange(state, customer, subscription, "expired");
  if (!plan || plan.add_on) return;
  const waiting = customer.subscriptions.some((other) => other.entity_id === subscription.entity_id && planOf(state.catalog, other)?.group === plan.group);
  if (!waiting) enableDefaults(state, customer, subscription.entity_id, plan.group, held);
}

/** Attaches the auto-enabled plans (one per group) the customer has nothing of; for a new customer, or a group left empty. */
export function enableDefaults(state: SandboxState, customer: StoredCustomer, entityId: string | null = null, onlyGroup?: string | null, held?: Map<string, number>): void {
  const groups = new Set<string | null>();
  for (const plan of state.catalog.plans.values()) {
    if (!plan.auto_enable || groups.has(plan.group) || (onlyGroup !== undefined && plan.group !== onlyGroup)) continue;
    groups.add(plan.group);
    if (!customer.subscriptions.some(competes(state, plan, entityId))) start(state, customer, plan, { entityId, quantities: {}, ...(held && { held }) });
  }
}

/** Whether a subscription competes with `plan` in a scope: the same add-on, or a plan of its group. */
function competes(state: SandboxState, plan: CatalogPlan, entityId: string | null): (subscription: StoredSubscription) => boolean {
  return (subscription) => {
    if (subscription.entity_id !== entityId) return false;
    if (plan.add_on) return subscription.plan_id === plan.id;
    const held = planOf(state.catalog, subscription);
    return held !== undefined && !held.add_on && held.group === plan.group;
  };
}

export interface AttachOptions {
  entityId: string | null;
  quantities: Record<string, number>;
  /** `immediate` or `end_of_cycle`; by default an upgrade is immediate and a downgrade waits for the end of the cycle. */
  schedule?: "immediate" | "end_of_cycle" | undefined;
  /** When it starts, if not now: a backdated start (`billing.import`, `multi_attach`'s `starts_at`). */
  startedAt?: number | undefined;
  /** Where the checkout page sends the buyer once paid. */
  successURL?: string | undefined;
  /** Usage of held features (seats) of a plan that just ended, for the plan taking its place. */
  held?: Map<string, number>;
  /** False: no free trial, whatever the plan offers (an imported plan was paid for already). */
  trial?: false;
}

const trialOf = (customer: StoredCustomer, plan: CatalogPlan) => (plan.free_trial && !customer.trials_used.includes(plan.id) ? plan.free_trial : null);

/** Whether attaching the plan needs a card the customer has not given, so a checkout comes first. */
export function needsCheckout(customer: StoredCustomer, plan: CatalogPlan): boolean {
  const trial = trialOf(customer, plan);
  return !customer.has_payment_method && (trial ? trial.card_required : isPaid(plan));
}

/** How a recurring plan would start, decided without changing anything. */
export interface Placement {
  /** The plan in force it replaces: now, or at the end of its cycle. */
  rival: StoredSubscription | undefined;
  /** A downgrade: it waits for the end of the rival's cycle. */
  waits: boolean;
  /** When it starts: now (or the backdated start), or the end of the rival's cycle. */
  startsAt: number;
  trial: CatalogPlan["free_trial"];
}

/** Where a plan would go: replacing its rival now (an upgrade, a first plan, a re-attach) or at the end of the rival's cycle (a downgrade). */
export function placement(state: SandboxState, customer: StoredCustomer, plan: CatalogPlan, options: AttachOptions): Placement {
  const rival = inForce(customer).find(competes(state, plan, options.entityId));
  const rivalPlan = rival && planOf(state.catalog, rival);
  const cheaper = rivalPlan !== undefined && (plan.price?.amount ?? 0) < (rivalPlan.price?.amount ?? 0);
  const waits = rival !== undefined && options.schedule !== "immediate" && (options.schedule === "end_of_cycle" || cheaper) && rival.current_period_end !== null && rival.plan_id !== plan.id;
  const trial = options.trial === false ? null : trialOf(customer, plan);
  return { rival, waits, startsAt: waits ? rival.current_period_end! : (options.startedAt ?? state.clock()), trial };
}

/**
 * `billing.attach`: the checkout URL when the plan must be paid for first,
 * or null once it is attached (or scheduled).
 */
export function attach(state: SandboxState, customer: StoredCustomer, plan: CatalogPlan, options: AttachOptions): string | null {
  if (needsCheckout(customer, plan)) return openCheckout(state, customer, [checkoutPlan(plan, options)], options.successURL);
  start(state, customer, plan, options);
  return null;
}

/** What a checkout keeps of a plan to attach. */
export function checkoutPlan(plan: CatalogPlan, options: AttachOptions, startsAt?: number): CheckoutPlan {
  return {
    plan_id: plan.id,
    entity_id: options.entityId,
    quantities: options.quantities,
    ...(options.schedule !== undefined && { schedule: options.schedule }),
    ...(startsAt !== undefined && { starts_at: startsAt }),
  };
}

/** A checkout that attaches `plans` once paid (none: it only takes a card); its URL. */
export function openCheckout(state: SandboxState, customer: StoredCustomer, plans: CheckoutPlan[], successURL?: string): string {
  const checkout: PendingCheckout = {
    id: newId("cs_sandbox"),
    customer_key: customer.key,
    plans,
    ...(successURL !== undefined && { success_url: successURL }),
    created_at: state.clock(),
  };
  state.checkouts.set(checkout.id, checkout);
  return checkoutURL(state, checkout.id);
}

export function checkoutURL(state: SandboxState, id: string): string {
  return `${state.url}/checkout/${id}`;
}

/** Pays a checkout: the customer keeps the card and its plans are attached (or scheduled). */
export function completeCheckout(state: SandboxState, id: string): void {
  const checkout = state.checkouts.get(id);
  if (!checkout) throw new Error(`No pending checkout ${id}`);
  state.checkouts.delete(id);
  const customer = state.customers.get(checkout.customer_key);
  if (!customer) return;
  settle(state, customer);
  customer.has_payment_method = true;
  for (const entry of checkout.plans) {
    const plan = state.catalog.plans.get(entry.plan_id);
    if (!plan) continue;
    const options = { entityId: entry.entity_id, quantities: entry.quantities, schedule: entry.schedule };
    if (entry.starts_at !== undefined && entry.starts_at > state.clock()) schedule(state, customer, plan, options, entry.starts_at);
    else start(state, customer, plan, options);
  }
}

function newSubscription(plan: CatalogPlan, options: AttachOptions, from: number, trial: CatalogPlan["free_trial"]): StoredSubscription {
  const trialEnd = trial ? (addInterval(from, trial.duration_type, trial.duration_length) ?? null) : null;
  return {
    id: newId("sub"),
    plan_id: plan.id,
    plan_version: plan.version,
    entity_id: options.entityId,
    add_on: plan.add_on,
    auto_enable: plan.auto_enable,
    status: "active",
    in_trial: trial !== null,
    canceled_at: null,
    expires_at: null,
    trial_ends_at: trialEnd,
    started_at: from,
    current_period_start: billingInterval(plan) ? from : null,
    // A trial is the first period, as Stripe has it: a cancellation at the cycle's end takes effect when it ends.
    current_period_end: trial ? (billingInterval(plan) ? trialEnd : null) : periodEnd(plan, from),
    quantity: 1,
    quantities: options.quantities,
  };
}

/** Adds a subscription that waits for `at`, when settle starts it. */
function waitFor(state: SandboxState, customer: StoredCustomer, plan: CatalogPlan, options: AttachOptions, at: number, trial: CatalogPlan["free_trial"]): string {
  const subscription = { ...newSubscription(plan, options, at, trial), status: "scheduled" as const };
  customer.subscriptions.push(subscription);
  notifyPlanChange(state, customer, subscription, "scheduled");
  return subscription.id;
}

/** `billing.create_schedule`'s later phases: the plan starts at `at`, ending then whatever it competes with; the id of its subscription. */
export function schedule(state: SandboxState, customer: StoredCustomer, plan: CatalogPlan, options: AttachOptions, at: number): string {
  for (const other of customer.subscriptions.filter(competes(state, plan, options.entityId))) {
    if (other.started_at < at && (other.expires_at === null || other.expires_at > at)) other.expires_at = at;
  }
  return waitFor(state, customer, plan, options, at, null);
}

/** Puts a plan in force (or schedules it), replacing or waiting for the plan it competes with; the id of its subscription or purchase. */
export function start(state: SandboxState, customer: StoredCustomer, plan: CatalogPlan, options: AttachOptions): string {
  const now = options.startedAt ?? state.clock();
  const { entityId, quantities } = options;
  if (isOneOff(plan)) {
    const purchase = { id: newId("pur"), plan_id: plan.id, entity_id: entityId, started_at: now, quantity: 1 };
    customer.purchases.push(purchase);
    grantRows(state, customer, { ...purchase, quantities }, plan, now);
    return purchase.id;
  }
  const { rival, waits, startsAt, trial } = placement(state, customer, plan, options);
  if (trial) customer.trials_used.push(plan.id);
  // Any plan already waiting to replace the rival gives way to this one.
  if (!plan.add_on) customer.subscriptions = customer.subscriptions.filter((other) => !(other.status === "scheduled" && competes(state, plan, entityId)(other)));
  if (rival && waits) {
    // A downgrade: the current plan runs to the end of its cycle, then this one starts.
    rival.canceled_at = now;
    rival.expires_at = startsAt;
    return waitFor(state, customer, plan, options, startsAt, trial);
  }
  if (rival?.plan_id === plan.id && rival.plan_version === plan.version) {
    // Attached again: the plan and its balances stay as they are (attaching is no way to refill a balance);
    // a cancellation is taken back, and new prepaid quantities apply.
    Object.assign(rival, { canceled_at: null, expires_at: null });
    setQuantities(state, customer, rival, quantities);
    notifyPlanChange(state, customer, rival, "updated");
    return rival.id;
  }
  // An upgrade, a move to the plan's latest version, or a first plan: in force now. Usage of held
  // features (seats) carries over.
  const subscription = newSubscription(plan, options, now, trial);
  const held = rival ? heldUsage(state, customer, rival.id) : (options.held ?? new Map<string, number>());
  if (rival) {
    customer.subscriptions = customer.subscriptions.filter((candidate) => candidate !== rival);
    customer.rows = customer.rows.filter((row) => row.source_id !== rival.id);
  }
  customer.subscriptions.push(subscription);
  grantRows(state, customer, subscription, plan, now);
  carryOver(customer, subscription.id, held);
  notifyPlanChange(state, customer, subscription, "activated");
  return subscription.id;
}

/** Sets the prepaid quantities a plan bought, by feature id (each the total, included units part of it); its balances grow or shrink with them. */
export function setQuantities(state: SandboxState, customer: StoredCustomer, subscription: StoredSubscription, quantities: Record<string, number>): void {
  Object.assign(subscription.quantities, quantities);
  const items = planOf(state.catalog, subscription)?.items ?? [];
  for (const row of customer.rows) {
    const item = items.find((candidate) => candidate.feature_id === row.feature_id);
    if (row.source_id === subscription.id && item && row.feature_id in quantities && row.price?.billing_method === "prepaid") row.prepaid = prepaidGrant(item, quantities[row.feature_id]!);
  }
}

/** Whether a cancel action ends the plan at once: asked to, or the plan has not started, or it has no cycle to run out. */
export function cancelsNow(subscription: StoredSubscription, action: string): boolean {
  return action === "cancel_immediately" || subscription.status === "scheduled" || subscription.current_period_end === null;
}

/** `billing.update`'s cancel actions. */
export function cancel(state: SandboxState, customer: StoredCustomer, subscription: StoredSubscription, action: string): void {
  const now = state.clock();
  if (action === "uncancel") {
    subscription.canceled_at = null;
    subscription.expires_at = null;
    const plan = planOf(state.catalog, subscription);
    if (plan) customer.subscriptions = customer.subscriptions.filter((other) => !(other.status === "scheduled" && competes(state, plan, subscription.entity_id)(other)));
    notifyPlanChange(state, customer, subscription, "updated");
    return;
  }
  if (cancelsNow(subscription, action)) {
    subscription.canceled_at = now;
    end(state, customer, subscription);
    return;
  }
  subscription.canceled_at = now;
  subscription.expires_at = subscription.current_period_end;
  notifyPlanChange(state, customer, subscription, "updated");
}
