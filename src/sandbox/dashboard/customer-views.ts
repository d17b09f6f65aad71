import { planOf } from "../catalog.js";
import { renderCustomer } from "../customers.js";
import { eventRoutes } from "../events.js";
import { renderBalances } from "../ledger.js";
import { settle } from "../plans.js";
import type { SandboxState, StoredCustomer, StoredEvent, StoredSubscription } from "../state.js";
import { newestPage, type Page } from "./paging.js";

/*
 * The dashboard's customer pages, as JSON for its script: the list (searched and paged on the server, so
 * that 10,000 customers are never sent at once), one customer in full, its events and its usage over
 * time. A customer is settled before it is shown, as the API's routes do before they answer, so that
 * what fell due on the sandbox's clock (a reset, a trial's end) is what the page shows.
 */

/** A balance as the page draws it: a bar of `usage` over `granted`, and when it resets. */
interface BalanceView {
  feature_id: string;
  name: string;
  granted: number;
  usage: number;
  remaining: number;
  unlimited: boolean;
  overage_allowed: boolean;
  next_reset_at: number | null;
  interval: string | null;
}

/** The customers whose id, name or email holds `query` (any case), newest first, one page of them. */
export function customersPage(state: SandboxState, query: string, offset: number, limit: number): Page<Record<string, unknown>> {
  const needle = query.trim().toLowerCase();
  const matches = needle === "" ? undefined : (customer: StoredCustomer) => [customer.id, customer.name, customer.email].some((text) => text?.toLowerCase().includes(needle));
  return newestPage([...state.customers.values()], matches, offset, limit, (customer) => {
    settle(state, customer);
    return {
      key: customer.key,
      id: customer.id,
      name: customer.name,
      email: customer.email,
      created_at: customer.created_at,
      plans: customer.subscriptions.filter((subscription) => subscription.entity_id === null).map((subscription) => planView(state, subscription)),
      balances: balanceViews(state, customer, renderBalances(customer.rows)),
      entities: customer.entities.size,
    };
  });
}

/** One customer in full: its wire form, every plan (its entities' too) with what is scheduled, its balances, flags and entities. */
export function customerView(state: SandboxState, key: string): Record<string, unknown> | undefined {
  const customer = state.customers.get(key);
  if (!customer) return undefined;
  settle(state, customer);
  const wire = renderCustomer(state, customer);
  let events = 0;
  for (const event of state.events) if (event.customer_key === key) events++;
  return {
    key,
    customer: { ...wire, balances: undefined, subscriptions: undefined },
    plans: customer.subscriptions.map((subscription) => planView(state, subscription)),
    balances: balanceViews(state, customer, wire["balances"] as Record<string, Record<string, unknown>>),
    entities: [...customer.entities.values()].map((entity) => ({
      id: entity.id,
      name: entity.name,
      feature_id: entity.feature_id,
      created_at: entity.created_at,
      balances: balanceViews(state, customer, renderBalances(customer.rows.filter((row) => row.entity_id === entity.id))),
    })),
    events,
  };
}

/** A customer's events (or every customer's, without `key`), newest first, one page of them. */
export function eventsPage(state: SandboxState, key: string | undefined, offset: number, limit: number): Page<Record<string, unknown>> {
  return newestPage(state.events, key === undefined ? undefined : (event) => event.customer_key === key, offset, limit, (event: StoredEvent) => ({
    id: event.id,
    timestamp: event.timestamp,
    customer_id: event.customer_id,
    entity_id: event.entity_id,
    feature_id: event.feature_id,
    event_name: event.event_name,
    value: event.value,
    properties: event.properties,
  }));
}

const RANGES = { "24h": "hour", "30d": "day" } as const;
/** How many features a chart stacks at most: those the customer used most recently. */
const CHART_FEATURES = 6;

/**
 * A customer's usage per hour over the last 24 hours, or per day over the last 30 days: the bins
 * `events.aggregate` answers for the features the customer has events of.
 */
export function usageView(state: SandboxState, key: string, range: string): Record<string, unknown> {
  const bin = RANGES[range as keyof typeof RANGES] ?? "day";
  const customer = state.customers.get(key);
  const features: string[] = [];
  for (let index = state.events.length - 1; index >= 0 && features.length < CHART_FEATURES; index--) {
    const event = state.events[index]!;
    if (event.customer_key === key && !features.includes(event.feature_id)) features.push(event.feature_id);
  }
  if (!customer || customer.id === null || features.length === 0) return { range: bin === "hour" ? "24h" : "30d", features: [], bins: [] };
  const answer = eventRoutes["events.aggregate"]!(state, { customer_id: customer.id, feature_id: features, range: bin === "hour" ? "24h" : "30d", bin_size: bin }, customer.env) as {
    list: { period: number; values: Record<string, number> }[];
  };
  return {
    range: bin === "hour" ? "24h" : "30d",
    features: features.map((id) => ({ id, name: state.catalog.features.get(id)?.name ?? id })),
    bins: answer.list.map(({ period, values }) => ({ period, values })),
  };
}

function planView(state: SandboxState, subscription: StoredSubscription): Record<string, unknown> {
  return {
    id: subscription.id,
    plan_id: subscription.plan_id,
    name: planOf(state.catalog, subscription)?.name ?? subscription.plan_id,
    version: subscription.plan_version,
    entity_id: subscription.entity_id,
    status: subscription.status,
    add_on: subscription.add_on,
    in_trial: subscription.in_trial,
    trial_ends_at: subscription.trial_ends_at,
    canceled_at: subscription.canceled_at,
    expires_at: subscription.expires_at,
    started_at: subscription.started_at,
    current_period_end: subscription.current_period_end,
    quantity: subscription.quantity,
  };
}

function balanceViews(state: SandboxState, customer: StoredCustomer, balances: Record<string, Record<string, unknown>>): BalanceView[] {
  return Object.values(balances).map((balance) => {
    const featureId = balance["feature_id"] as string;
    const row = customer.rows.find((candidate) => candidate.feature_id === featureId && candidate.reset !== null);
    return {
      feature_id: featureId,
      name: state.catalog.features.get(featureId)?.name ?? featureId,
      granted: balance["granted"] as number,
      usage: balance["usage"] as number,
      remaining: balance["remaining"] as number,
      unlimited: balance["unlimited"] as boolean,
      overage_allowed: balance["overage_allowed"] as boolean,
      next_reset_at: balance["next_reset_at"] as number | null,
      interval: row?.reset?.interval ?? null,
    };
  });
}
