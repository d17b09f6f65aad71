import type { StoredSubscription } from "./state.js";

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
    // Only while the trial runs: a converted plan is paid for, not trialing.
    trial_ends_at: subscription.in_trial ? subscription.trial_ends_at : null,
    started_at: subscription.started_at,
    current_period_start: subscription.current_period_start,
    current_period_end: subscription.current_period_end,
    quantity: subscription.quantity,
    scope: subscription.entity_id === null ? "customer" : "entity",
  };
}
