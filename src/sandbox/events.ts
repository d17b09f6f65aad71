import { require400 } from "./errors.js";
import { findCustomer } from "./lookups.js";
import { cursorPage } from "./pages.js";
import { binsOf, checkGroupBy, groupKey, windowOf } from "./event-windows.js";
import type { Route, SandboxState, StoredEvent } from "./state.js";

/**
 * Usage events as Autumn reports them: `events.list` pages through the events
 * `track` recorded (newest first), `events.aggregate` sums their values per
 * feature in time bins on the sandbox's clock, optionally grouped by a
 * property or column, and with `aggregate_on: "deducted"` what they took from
 * each balance. Time windows include their start and exclude their end.
 */

/** The feature ids a request names: one, or several. */
function featureIds(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = typeof value === "string" ? [value] : value;
  require400(Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === "string" && id !== ""), "feature_id must be a feature id or a list of them");
  return ids as string[];
}

/** The events the request's customer, entity, features and time bounds select, oldest first. */
function selected(state: SandboxState, body: Record<string, unknown>, features: string[] | undefined, window: { start?: number; end?: number }): StoredEvent[] {
  const { customer_id: customerId, entity_id: entityId } = body;
  require400(customerId === undefined || typeof customerId === "string", "customer_id must be a string");
  require400(entityId === undefined || typeof entityId === "string", "entity_id must be a string");
  require400([window.start, window.end].every((bound) => bound === undefined || typeof bound === "number"), "custom_range bounds must be epoch ms");
  return state.events.filter(
    (event) =>
      (customerId === undefined || event.customer_id === customerId) &&
      (entityId === undefined || event.entity_id === entityId) &&
      (features === undefined || features.includes(event.feature_id)) &&
      (window.start === undefined || event.timestamp >= window.start) &&
      (window.end === undefined || event.timestamp < window.end),
  );
}

const list: Route = (state, body) => {
  const range = (body["custom_range"] ?? {}) as { start?: number; end?: number };
  const events = selected(state, body, featureIds(body["feature_id"]), range);
  // Newest first; events with the same timestamp in the reverse of the order they were recorded.
  const newestFirst = events.map((event, index) => ({ event, index })).sort((a, b) => b.event.timestamp - a.event.timestamp || b.index - a.index);
  const { page, next_cursor } = cursorPage(newestFirst, body, 5000);
  return {
    list: page.map(({ event }) => ({ id: event.id, timestamp: event.timestamp, feature_id: event.feature_id, customer_id: event.customer_id, value: event.value, properties: event.properties, deductions: event.deductions })),
    next_cursor,
  };
};

/** Whether an event's properties hold every value of `filter_by`. */
function matches(event: StoredEvent, filter: Record<string, unknown>): boolean {
  // Own properties only: a filter on `constructor` must not match what every object inherits.
  return Object.entries(filter).every(([key, value]) => Object.hasOwn(event.properties, key) && String(event.properties[key]) === String(value));
}

/** Sums per group, the largest `max` kept and the rest summed under "Other". */
function topGroups(sums: Map<string, number>, max: number): Record<string, number> {
  const sorted = [...sums].sort((a, b) => b[1] - a[1]);
  const kept = Object.fromEntries(sorted.slice(0, max));
  if (sorted.length > max) kept["Other"] = sorted.slice(max).reduce((total, [, sum]) => total + sum, 0);
  return kept;
}

const aggregate: Route = (state, body) => {
  const features = featureIds(body["feature_id"]);
  require400(features !== undefined, "feature_id is required");
  const customer = body["customer_id"] === undefined ? undefined : findCustomer(state, body["customer_id"]);
  const window = windowOf(state, body, customer, features);
  const filter = (body["filter_by"] ?? {}) as Record<string, unknown>;
  require400(typeof filter === "object" && filter !== null && Object.keys(filter).length <= 5, "filter_by takes at most 5 properties");
  const maxGroups = body["max_groups"] ?? 9;
  require400(typeof maxGroups === "number" && Number.isInteger(maxGroups) && maxGroups >= 1 && maxGroups <= 250, "max_groups must be an integer from 1 to 250");
  const groupBy = body["group_by"];
  checkGroupBy(groupBy);
  const deducted = body["aggregate_on"] === "deducted";
  require400(!deducted || customer !== undefined, "customer_id is required with aggregate_on");

  const events = selected(state, body, features, window).filter((event) => matches(event, filter));
  const bins = binsOf(window, body["bin_size"] ?? (body["range"] === "24h" ? "hour" : "day"));
  // Each event goes to its bin once (the last starting at or before it), so that a customer's 100,000
  // events over 90 daily bins cost one pass, not one per bin.
  const binned = bins.map((): StoredEvent[] => []);
  for (const event of events) binned[lastAtOrBefore(bins, event.timestamp)]?.push(event);
  const total = Object.fromEntries(features.map((id) => [id, { count: 0, sum: 0 }]));
  for (const event of events) {
    total[event.feature_id]!.count += 1;
    total[event.feature_id]!.sum += event.value;
  }
  const list = bins.map((period, index) => {
    const inBin = binned[index]!;
    const values = Object.fromEntries(features.map((id) => [id, inBin.filter((event) => event.feature_id === id).reduce((sum, event) => sum + event.value, 0)]));
    if (groupBy === undefined) return { period, values };
    const grouped = features.map((id) => {
      const sums = new Map<string, number>();
      for (const event of inBin.filter((candidate) => candidate.feature_id === id)) {
        const key = groupKey(event, groupBy);
        sums.set(key, (sums.get(key) ?? 0) + event.value);
      }
      return [id, topGroups(sums, maxGroups)];
    });
    return { period, values, grouped_values: Object.fromEntries(grouped) };
  });
  const deductions = deducted ? bins.map((period, index) => deductedIn(state, binned[index]!, period, groupBy)) : undefined;
  return { list, total, ...(deductions && { deductions }) };
};

/** The index of the last of `starts` (ascending) at or before `at`; -1 when all are after it. */
function lastAtOrBefore(starts: readonly number[], at: number): number {
  let [low, high] = [0, starts.length - 1];
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (starts[middle]! <= at) low = middle + 1;
    else high = middle - 1;
  }
  return high;
}

interface BalanceSum {
  balance_id: string;
  entity_id: string | null;
  plan_id: string | null;
  reset: { interval: string; resets_at: number | null } | null;
  credit_cost: number | null | undefined;
  deducted: number;
  events: number;
}

/** What one bin's events took from each balance, keyed by the feature owning the balance. */
function deductedIn(state: SandboxState, events: StoredEvent[], period: number, groupBy: string | undefined): Record<string, unknown> {
  const byFeature = new Map<string, Map<string, BalanceSum>>();
  const grouped: Record<string, Record<string, { deducted: number; credit_cost: number | null }>> = {};
  for (const event of events) {
    for (const deduction of event.deductions) {
      const cost = deduction.feature_id === event.feature_id ? null : (state.catalog.features.get(deduction.feature_id)?.credit_schema?.find((entry) => entry.metered_feature_id === event.feature_id)?.credit_cost ?? null);
      const balances = byFeature.get(deduction.feature_id) ?? new Map<string, BalanceSum>();
      byFeature.set(deduction.feature_id, balances);
      const sum = balances.get(deduction.balance_id) ?? {
        balance_id: deduction.balance_id,
        entity_id: state.customers.get(event.customer_key)?.rows.find((row) => row.id === deduction.balance_id)?.entity_id ?? null,
        plan_id: deduction.plan_id,
        reset: deduction.reset && { interval: deduction.reset.interval, resets_at: deduction.reset.resets_at },
        credit_cost: undefined,
        deducted: 0,
        events: 0,
      };
      // Null when 1:1, or when events converting at different rates drew on the balance.
      sum.credit_cost = sum.credit_cost === undefined || sum.credit_cost === cost ? cost : null;
      sum.deducted += deduction.value;
      sum.events += 1;
      balances.set(deduction.balance_id, sum);
      if (groupBy !== undefined) {
        // Without a prototype, a group named `__proto__` or `constructor` is a key like any other.
        const groups = (grouped[deduction.balance_id] ??= Object.create(null) as Record<string, { deducted: number; credit_cost: number | null }>);
        const key = groupKey(event, groupBy);
        groups[key] = { deducted: (groups[key]?.deducted ?? 0) + deduction.value, credit_cost: sum.credit_cost };
      }
    }
  }
  const values = Object.fromEntries(
    [...byFeature].map(([featureId, balances]) => {
      const list = [...balances.values()].map((sum) => ({ ...sum, credit_cost: sum.credit_cost ?? null }));
      return [
        featureId,
        {
          feature_type: state.catalog.features.get(featureId)?.type === "metered" ? "metered" : "credit_system",
          deducted: list.reduce((total, sum) => total + sum.deducted, 0),
          events: new Set(events.filter((event) => event.deductions.some((deduction) => deduction.feature_id === featureId)).map((event) => event.id)).size,
          balances: list,
        },
      ];
    }),
  );
  return { period, values, ...(groupBy !== undefined && { grouped_values: grouped }) };
}

export const eventRoutes: Record<string, Route> = {
  "events.list": list,
  "events.aggregate": aggregate,
};
