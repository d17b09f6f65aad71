import { require400 } from "./errors.js";
import { addInterval } from "./ledger.js";
import type { SandboxState, StoredCustomer, StoredEvent } from "./state.js";

/**
 * The time side of `events.aggregate`: the window a request asks for (a
 * preset ending now, a custom range, or billing cycles) and its bins, which
 * start on UTC boundaries (the hour, midnight, Monday, the 1st) as Autumn's
 * periods do.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PRESET_MS: Record<string, number> = { "24h": DAY, "7d": 7 * DAY, "30d": 30 * DAY, "90d": 90 * DAY };
// A guard against a custom range binned by the hour over years.
const MAX_BINS = 10_000;

/** A window of time: from `start`, up to but not including `end`. */
export interface Window {
  start: number;
  end: number;
}

/**
 * The customer's billing cycle: the period of a plan in force with a price,
 * else the reset period of a balance of the features, else the month to now.
 */
function cycleOf(state: SandboxState, customer: StoredCustomer | undefined, features: string[]): { end: number; interval: string; count: number } {
  const now = state.clock();
  for (const subscription of customer?.subscriptions ?? []) {
    const price = state.catalog.plans.get(subscription.plan_id)?.price;
    if (subscription.status === "active" && price && subscription.current_period_end !== null) return { end: subscription.current_period_end, interval: price.interval, count: price.interval_count ?? 1 };
  }
  const row = customer?.rows.find((candidate) => features.includes(candidate.feature_id) && candidate.reset !== null && candidate.next_reset_at !== null);
  if (row) return { end: row.next_reset_at!, interval: row.reset!.interval, count: row.reset!.interval_count ?? 1 };
  return { end: now + 1, interval: "month", count: 1 };
}

/** The window a request aggregates over; without `range` or `custom_range`, the current billing cycle. */
export function windowOf(state: SandboxState, body: Record<string, unknown>, customer: StoredCustomer | undefined, features: string[]): Window {
  const range = body["range"];
  const custom = body["custom_range"] as { start?: unknown; end?: unknown } | undefined;
  require400(range === undefined || custom === undefined, "give either range or custom_range, not both");
  if (custom !== undefined) {
    require400(typeof custom.start === "number" && typeof custom.end === "number" && custom.start < custom.end, "custom_range needs a start before its end, in epoch ms");
    return { start: custom.start, end: custom.end };
  }
  // A window ending now includes what was tracked this very millisecond.
  const end = state.clock() + 1;
  // Own keys only: `constructor` is in every object, and is no range.
  if (typeof range === "string" && Object.hasOwn(PRESET_MS, range)) return { start: end - PRESET_MS[range]!, end };
  require400(range === undefined || range === "1bc" || range === "3bc" || range === "last_cycle", "range must be one of 24h, 7d, 30d, 90d, last_cycle, 1bc, 3bc");
  const cycle = cycleOf(state, customer, features);
  const back = (cycles: number) => addInterval(cycle.end, cycle.interval, -cycles * cycle.count) ?? cycle.end;
  if (range === "last_cycle") return { start: back(2), end: back(1) };
  return { start: back(range === "3bc" ? 3 : 1), end: cycle.end };
}

/** The UTC boundary at or before `at` for a bin size. */
function floor(at: number, size: string): number {
  const date = new Date(at);
  if (size === "hour") return at - (at % HOUR);
  if (size === "month") return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const midnight = at - (at % DAY);
  // Weeks start on Monday.
  return size === "week" ? midnight - ((date.getUTCDay() + 6) % 7) * DAY : midnight;
}

/** The start of every bin of a window, oldest first. */
export function binsOf(window: Window, size: unknown): number[] {
  require400(size === "hour" || size === "day" || size === "week" || size === "month", "bin_size must be one of day, hour, week, month");
  const bins: number[] = [];
  for (let start = floor(window.start, size); start < window.end; start = size === "month" ? addInterval(start, "month")! : start + (size === "week" ? 7 * DAY : size === "day" ? DAY : HOUR)) {
    bins.push(start);
    require400(bins.length <= MAX_BINS, `the window holds more than ${MAX_BINS} bins; use a larger bin_size`);
  }
  return bins;
}

/** Refuses a `group_by` that names neither a property nor a column. */
export function checkGroupBy(groupBy: unknown): asserts groupBy is string | undefined {
  require400(groupBy === undefined || (typeof groupBy === "string" && /^(\$customer_id|\$entity_id|\$plan_id|properties\..+)$/.test(groupBy)), "group_by must be properties.<key>, $customer_id, $entity_id or $plan_id");
}

/** An event's value of `group_by`: a property (`properties.<key>`) or a column; "" when it has none. */
export function groupKey(event: StoredEvent, groupBy: string): string {
  if (groupBy === "$customer_id") return event.customer_id ?? "";
  if (groupBy === "$entity_id") return event.entity_id ?? "";
  if (groupBy === "$plan_id") return event.deductions[0]?.plan_id ?? "";
  const name = groupBy.slice("properties.".length);
  const value = Object.hasOwn(event.properties, name) ? event.properties[name] : undefined;
  return value === undefined || value === null ? "" : String(value);
}
