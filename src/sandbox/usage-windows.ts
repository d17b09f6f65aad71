import type { Catalog } from "./catalog.js";
import { addInterval, type BalanceRow, creditSystemsFor, rowsInScope, type UsageGate } from "./ledger.js";
import type { StoredCustomer } from "./state.js";

/*
 * Usage limits (`billing_controls.usage_limits`) as Autumn enforces them: at most `limit` units of a feature
 * per window, counted by a counter that only the tracks the limit governs move. One limit per feature and
 * filter applies to a subject: an entity's own entry (its counter the entity's), else its customer's (the
 * customer's counter, shared by every entity that inherits it). A limit on a metered feature counts the units
 * tracked of it, whichever grant paid; one on a credit system counts the credits drained from its grants.
 * Windows are a day, week, month or year, phased to the cycle of the feature's own grant (`anchor:
 * "billing_cycle"`, the default) or to the UTC calendar (`anchor: "utc"`, or no grant that resets). Limits
 * are on by default (`enabled: false` turns one off); plans' limits are not modelled.
 */

/** One limit as it applies now: its counter's key (which names the window), and what it allows. */
export interface UsageWindow {
  readonly key: string;
  readonly featureId: string;
  /** `balance`: credits drained from the credit system's grants; `metered`: units tracked. */
  readonly dimension: "metered" | "balance";
  readonly limit: number;
  readonly filter: Readonly<Record<string, string>> | undefined;
}

/** An entry of a list of billing controls (wire names). */
type Entry = Record<string, unknown>;

/** The entries of the list `key` in some billing controls (wire names) that name `featureId`. */
export function controlEntries(controls: Record<string, unknown> | undefined, key: string, featureId: string): Entry[] {
  const list = controls?.[key];
  return Array.isArray(list) ? list.filter((entry): entry is Entry => typeof entry === "object" && entry !== null && (entry as Entry)["feature_id"] === featureId) : [];
}

/** The usage limits in some billing controls that name `featureId`. */
const limitsOf = (controls: Record<string, unknown> | undefined, featureId: string) => controlEntries(controls, "usage_limits", featureId).filter((entry) => typeof entry["limit"] === "number");

/** A filter's properties as Autumn compares them: each value as a string, in key order. */
function filterOf(entry: Entry): Record<string, string> | undefined {
  const properties = (entry["filter"] as Entry | undefined)?.["properties"];
  if (typeof properties !== "object" || properties === null) return undefined;
  return Object.fromEntries(Object.keys(properties).sort().map((key) => [key, String((properties as Entry)[key])]));
}

/** Whether an event's (or a check's) properties match a filter: every listed property equal, as strings. */
export function filterMatches(filter: Readonly<Record<string, string>> | undefined, properties: Record<string, unknown> | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, value]) => properties !== undefined && Object.hasOwn(properties, key) && String(properties[key]) === value);
}

/** The window of `interval` that holds `now`: phased to `anchor` when there is one, else to the UTC calendar (weeks from Monday). */
function windowStart(interval: string, now: number, anchor: number | null): number | undefined {
  if (anchor !== null) {
    if (addInterval(anchor, interval, 0) === undefined) return undefined;
    // Back from the anchor while the window would start after now, then on while the next one has begun.
    let step = 0;
    while (addInterval(anchor, interval, step)! > now) step--;
    while (addInterval(anchor, interval, step + 1)! <= now) step++;
    return addInterval(anchor, interval, step);
  }
  const date = new Date(now);
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  switch (interval) {
    case "day":
      return Date.UTC(year, month, day);
    case "week":
      return Date.UTC(year, month, day - ((date.getUTCDay() + 6) % 7));
    case "month":
      return Date.UTC(year, month, 1);
    case "year":
      return Date.UTC(year, 0, 1);
  }
  return undefined;
}

/** The grant whose cycle a limit's windows follow: the scope's first grant of the feature that resets. */
function anchorOf(rows: readonly BalanceRow[]): number | null {
  return rows.find((row) => row.next_reset_at !== null)?.next_reset_at ?? null;
}

/** The window `entry` (a limit of the customer's, or of `entityId`'s own) counts in now. */
function windowOf(catalog: Catalog, customer: StoredCustomer, entry: Entry, entityId: string | undefined, now: number): UsageWindow | undefined {
  const featureId = entry["feature_id"] as string;
  const interval = String(entry["interval"]);
  const anchor = entry["anchor"] === "utc" ? null : anchorOf(rowsInScope(customer.rows, featureId, entityId));
  const start = windowStart(interval, now, anchor);
  if (start === undefined) return undefined;
  const filter = filterOf(entry);
  const dimension = catalog.features.get(featureId)?.type === "credit_system" ? "balance" : "metered";
  const scope = entityId === undefined ? "customer" : `entity:${entityId}`;
  return { key: `${scope}|${featureId}|${JSON.stringify(filter ?? null)}|${interval}|${start}`, featureId, dimension, limit: entry["limit"] as number, filter };
}

/**
 * The limits that apply to `featureIds` for the customer or `entityId`, now, to usage with `properties`
 * (an unfiltered limit applies to all of it).
 */
export function usageWindows(catalog: Catalog, customer: StoredCustomer, featureIds: readonly string[], entityId: string | undefined, properties: Record<string, unknown> | undefined, now: number): UsageWindow[] {
  const own = entityId === undefined ? undefined : customer.entities.get(entityId)?.billing_controls;
  return featureIds.flatMap((featureId) => {
    const owned = limitsOf(own, featureId);
    const inherited = limitsOf(customer.billing_controls, featureId);
    const filterKey = (entry: Entry) => JSON.stringify(filterOf(entry) ?? null);
    return [...new Set([...owned, ...inherited].map(filterKey))].flatMap((key) => {
      const ownEntry = owned.find((entry) => filterKey(entry) === key);
      const entry = ownEntry ?? inherited.find((candidate) => filterKey(candidate) === key)!;
      if (entry["enabled"] === false || !filterMatches(filterOf(entry), properties)) return [];
      const window = windowOf(catalog, customer, entry, ownEntry ? entityId : undefined, now);
      return window ? [window] : [];
    });
  });
}

/** Billing controls (wire names) as answered: each usage limit with what its window has counted (of the customer's, or of `entityId`'s own). */
export function withUsage(catalog: Catalog, customer: StoredCustomer, controls: Record<string, unknown>, entityId: string | undefined, now: number): Record<string, unknown> {
  const limits = controls["usage_limits"];
  if (!Array.isArray(limits)) return controls;
  const shown = limits.map((entry: unknown) => {
    if (typeof entry !== "object" || entry === null || typeof (entry as Entry)["feature_id"] !== "string" || typeof (entry as Entry)["limit"] !== "number") return entry;
    const window = windowOf(catalog, customer, entry as Entry, entityId, now);
    return window ? { ...(entry as Entry), usage: windowUsage(customer, window) } : entry;
  });
  return { ...controls, usage_limits: shown };
}

/** What a window's counter has counted so far. */
export function windowUsage(customer: StoredCustomer, window: UsageWindow): number {
  return customer.usage_windows?.get(window.key) ?? 0;
}

/**
 * The room a check of `featureId` has under its limits, in that feature's units (credits for a credit
 * system); when a credit system answers for `checked`, the limits on `checked` count too, at its credit
 * cost. Undefined when no limit applies.
 */
export function usageHeadroom(catalog: Catalog, customer: StoredCustomer, featureId: string, checked: string, entityId: string | undefined, properties: Record<string, unknown> | undefined, now: number): number | undefined {
  const cost = featureId === checked ? 1 : (creditSystemsFor(catalog, checked).find((system) => system.feature.id === featureId)?.cost ?? 1);
  const rooms = usageWindows(catalog, customer, featureId === checked ? [featureId] : [featureId, checked], entityId, properties, now).map(
    (window) => Math.max(0, window.limit - windowUsage(customer, window)) * (window.featureId === featureId ? 1 : cost),
  );
  return rooms.length === 0 ? undefined : Math.min(...rooms);
}

/** The gate of a track of `featureId` under the windows that apply to it (its own limits and those of the credit systems that price it). */
export function usageGate(customer: StoredCustomer, windows: readonly UsageWindow[]): UsageGate | undefined {
  if (windows.length === 0) return undefined;
  const taken = new Map<UsageWindow, number>();
  const left = (window: UsageWindow) => Math.max(0, window.limit - windowUsage(customer, window) - (taken.get(window) ?? 0));
  // A metered limit counts units tracked, whichever grant gives them; a credit system's only its own grants' credits.
  const counts = (window: UsageWindow, row: BalanceRow) => window.dimension === "metered" || window.featureId === row.feature_id;
  const inUnits = (window: UsageWindow, units: number, cost: number) => (window.dimension === "metered" ? units / cost : units);
  return {
    room: (row, cost) => Math.min(...windows.filter((window) => counts(window, row)).map((window) => (window.dimension === "metered" ? left(window) * cost : left(window)))),
    take(row, cost, units) {
      for (const window of windows) if (counts(window, row)) taken.set(window, (taken.get(window) ?? 0) + inUnits(window, units, cost));
    },
    commit() {
      const counters = (customer.usage_windows ??= new Map());
      for (const [window, units] of taken) counters.set(window.key, (counters.get(window.key) ?? 0) + units);
      taken.clear();
    },
  };
}
