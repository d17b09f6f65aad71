import { type CatalogPlan, isPaid, planOf } from "./catalog.js";
import { isOneOff } from "./plans.js";
import type { SandboxState, StoredCustomer, StoredSubscription } from "./state.js";

/**
 * A plan's `customer_eligibility` for one customer (or one of its entities),
 * as Autumn's `plans.list` and `plans.get` answer it when given a customer:
 * what attaching the plan would do, and where the customer stands with it.
 * Apps build pricing pages from it ("Current plan", "Upgrade", "Start trial").
 */
export function customerEligibility(state: SandboxState, customer: StoredCustomer, plan: CatalogPlan, entityId: string | null): Record<string, unknown> {
  const mine = customer.subscriptions.filter((subscription) => subscription.entity_id === entityId && subscription.plan_id === plan.id);
  const active = mine.find((subscription) => subscription.status === "active");
  const scheduled = mine.find((subscription) => subscription.status === "scheduled");
  const eligibility: Record<string, unknown> = { attach_action: attachAction(state, customer, plan, entityId, active ?? scheduled) };
  if (active || scheduled) eligibility["status"] = active ? "active" : "scheduled";
  if (active) {
    eligibility["canceling"] = active.canceled_at !== null;
    eligibility["trialing"] = active.in_trial;
  }
  if (plan.free_trial) eligibility["trial_available"] = !customer.trials_used.includes(plan.id) && eligibility["attach_action"] !== "downgrade";
  return eligibility;
}

function attachAction(state: SandboxState, customer: StoredCustomer, plan: CatalogPlan, entityId: string | null, held: StoredSubscription | undefined): string {
  // In Autumn's order: a one-off is always bought again; a plan held (or waiting to start) needs nothing; an add-on is added.
  if (isOneOff(plan)) return "purchase";
  if (held) return "none";
  if (plan.add_on) return "activate";
  const current = customer.subscriptions
    .filter((subscription) => subscription.entity_id === entityId && subscription.status === "active" && !subscription.add_on)
    .map((subscription) => planOf(state.catalog, subscription))
    .find((other) => other !== undefined && other.group === plan.group);
  if (!current) return "activate";
  return isUpgrade(current, plan) ? "upgrade" : "downgrade";
}

/** Leaving a free plan is an upgrade and going back to one a downgrade; otherwise the dearer (or equal) base price is the upgrade. */
function isUpgrade(from: CatalogPlan, to: CatalogPlan): boolean {
  if (isPaid(from) !== isPaid(to)) return isPaid(to);
  return (from.price?.amount ?? 0) <= (to.price?.amount ?? 0);
}
