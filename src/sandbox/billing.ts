import { findCustomer } from "./customers.js";
import { renderBalance } from "./balances.js";
import { findFeature, findPlan, isPaid, renderPlan } from "./catalog.js";
import { require400 } from "./errors.js";
import { NO_CONTENT, type Route } from "./state.js";
import { notifyAttach, notifyUsage } from "./webhooks.js";

/**
 * The billing loop a quick start needs: reading the catalog, attaching a
 * plan, and checking and tracking usage against the balances the plan grants.
 */

const MONTH_MS = 30 * 24 * 60 * 60 * 1000;

const attach: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const plan = findPlan(state.catalog, body["plan_id"]);
  if (isPaid(plan)) {
    // A paid plan needs a checkout; the sandbox has no Stripe, so it only answers with where to pay.
    return { customer_id: customer.id, payment_url: `https://checkout.stripe.com/c/pay/cs_test_sandbox_${plan.id}` };
  }
  const now = state.clock();
  const before = customer.subscriptions.length;
  customer.subscriptions = customer.subscriptions.filter((subscription) => (subscription as { plan_id: string }).plan_id !== plan.id);
  customer.subscriptions.push({
    id: `sub_${plan.id}_${customer.key}`,
    plan_id: plan.id,
    auto_enable: true,
    add_on: false,
    status: "active",
    past_due: false,
    canceled_at: null,
    expires_at: null,
    trial_ends_at: null,
    started_at: now,
    current_period_start: now,
    current_period_end: now + MONTH_MS,
    quantity: 1,
    scope: "customer",
  });
  for (const { feature_id: featureId, included: granted } of plan.items) {
    customer.grants[featureId] = { feature_id: featureId, granted, usage: 0, plan_id: plan.id, next_reset_at: now + MONTH_MS };
  }
  notifyAttach(state, customer, customer.subscriptions.at(-1) as Record<string, unknown>, customer.subscriptions.length === before);
  return { customer_id: customer.id, payment_url: null };
};

const check: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const featureId = findFeature(state.catalog, body["feature_id"]).id;
  const required = body["required_balance"] ?? 1;
  require400(typeof required === "number" && required >= 0, "required_balance must be a non-negative number");
  const balance = customer.grants[featureId];
  const allowed = balance !== undefined && balance.granted - balance.usage >= required;
  if (allowed && body["send_event"] === true) {
    balance.usage += required;
    notifyUsage(state, customer, balance, balance.usage - required);
  }
  return {
    allowed,
    customer_id: customer.id,
    required_balance: required,
    balance: balance ? renderBalance(balance) : null,
    flag: null,
  };
};

const track: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const featureId = findFeature(state.catalog, body["feature_id"]).id;
  const value = body["value"] ?? 1;
  require400(typeof value === "number" && Number.isFinite(value), "value must be a number");
  const balance = customer.grants[featureId];
  if (balance) {
    const usageBefore = balance.usage;
    balance.usage = Math.max(0, balance.usage + value);
    notifyUsage(state, customer, balance, usageBefore);
  }
  // Queued tracking: Autumn answers 204 at once, before any balance is known. The sandbox applies it right away.
  if (body["async"] === true) return NO_CONTENT;
  return { customer_id: customer.id, value, balance: balance ? renderBalance(balance) : null };
};

const listPlans: Route = (state, _body, env) => ({ list: [...state.catalog.plans.values()].map((plan) => renderPlan(plan, env)) });
const getPlan: Route = (state, body, env) => renderPlan(findPlan(state.catalog, body["plan_id"]), env);
const listFeatures: Route = (state) => ({ list: [...state.catalog.features.values()] });
const getFeature: Route = (state, body) => findFeature(state.catalog, body["feature_id"]);

export const billingRoutes: Record<string, Route> = {
  "billing.attach": attach,
  "balances.check": check,
  "balances.track": track,
  "plans.list": listPlans,
  "plans.get": getPlan,
  "features.list": listFeatures,
  "features.get": getFeature,
};

