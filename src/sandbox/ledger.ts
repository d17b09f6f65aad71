import type { Catalog, CatalogFeature, CatalogItem } from "./catalog.js";

/**
 * Balances as Autumn keeps them: one row per grant (a plan item of an active
 * plan, a purchase, or a grant made with `balances.create`), for the customer
 * or for one of its entities. A feature's balance is the sum of its rows.
 * Usage is taken from the scope's own rows (an entity's before its
 * customer's), those that reset soonest first; once they are spent, rows
 * whose item has a usage-based price take the overage, up to their
 * `max_purchase`. A metered feature the customer holds no rows of, but that a
 * credit system costs, is spent from the credit system's rows at its cost.
 * Consumable rows reset on their interval, lazily, whenever the customer is
 * read after the sandbox's clock passed `next_reset_at`.
 */

export interface BalanceRow {
  id: string;
  feature_id: string;
  /** The plan that granted it; null for a grant made with `balances.create`. */
  plan_id: string | null;
  /** The subscription or purchase it belongs to; rows go when it does. */
  source_id: string | null;
  /** The entity it belongs to; null for the customer's own. */
  entity_id: string | null;
  included: number;
  prepaid: number;
  unlimited: boolean;
  usage: number;
  reset: { interval: string; interval_count?: number } | null;
  next_reset_at: number | null;
  price: CatalogItem["price"];
  expires_at: number | null;
}

/** What one track took from one row, in wire names. */
export interface Deduction {
  balance_id: string;
  feature_id: string;
  plan_id: string | null;
  reset: { interval: string; interval_count?: number; resets_at: number | null } | null;
  value: number;
}

const FIXED_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };
const MONTHS: Record<string, number> = { month: 1, quarter: 3, semi_annual: 6, year: 12 };

/** `from` moved on by `count` intervals, calendar months in UTC; undefined for an interval that never comes round. */
export function addInterval(from: number, interval: string, count = 1): number | undefined {
  const fixed = FIXED_MS[interval];
  if (fixed !== undefined) return from + fixed * count;
  const months = MONTHS[interval];
  if (months === undefined) return undefined;
  const date = new Date(from);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months * count);
  // The 31st of a month without one is its last day, as billing periods go.
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return date.getTime();
}

/** The rows a plan item grants, from `now`. `prepaid` is the quantity bought of a prepaid item. */
export function rowFor(item: CatalogItem, ids: { id: string; plan_id: string | null; source_id: string | null; entity_id: string | null }, now: number, prepaid = 0): BalanceRow {
  const next = item.reset ? addInterval(now, item.reset.interval, item.reset.interval_count) : undefined;
  return {
    ...ids,
    feature_id: item.feature_id,
    included: item.included,
    prepaid,
    unlimited: item.unlimited,
    usage: 0,
    reset: item.reset && next !== undefined ? item.reset : null,
    next_reset_at: next ?? null,
    price: item.price,
    expires_at: null,
  };
}

/** Resets each row whose time has come (as often as it came), and drops rows that expired. */
export function rollResets(rows: BalanceRow[], now: number): BalanceRow[] {
  for (const row of rows) {
    if (row.next_reset_at === null || row.reset === null || row.next_reset_at > now) continue;
    row.usage = 0;
    while (row.next_reset_at !== null && row.next_reset_at <= now) row.next_reset_at = addInterval(row.next_reset_at, row.reset.interval, row.reset.interval_count) ?? null;
  }
  return rows.filter((row) => row.expires_at === null || row.expires_at > now);
}

const granted = (row: BalanceRow) => row.included + row.prepaid;
const overage = (row: BalanceRow) => row.price?.billing_method === "usage_based";
/** How much more a row can take: its remaining grant, and for an overage row what it may still buy. */
function headroom(row: BalanceRow): number {
  if (row.unlimited) return Number.POSITIVE_INFINITY;
  if (!overage(row)) return Math.max(0, granted(row) - row.usage);
  return row.price!.max_purchase === null ? Number.POSITIVE_INFINITY : Math.max(0, granted(row) + row.price!.max_purchase - row.usage);
}

/**
 * The rows a request for `entityId` (or the customer, when undefined) draws on, in the order it spends
 * them: the scope's own rows first (the entity's, or the customer's), then those it also reaches (the
 * customer's, or its entities'); within each, the rows that reset soonest first and one-off grants last.
 */
export function rowsInScope(rows: readonly BalanceRow[], featureId: string, entityId: string | undefined): BalanceRow[] {
  const own = entityId ?? null;
  const reached = rows.filter((row) => row.feature_id === featureId && (entityId === undefined || row.entity_id === own || row.entity_id === null));
  return [...spendingOrder(reached.filter((row) => row.entity_id === own)), ...spendingOrder(reached.filter((row) => row.entity_id !== own))];
}

/** Rows that reset soonest first, one-off grants last. */
export function spendingOrder(rows: readonly BalanceRow[]): BalanceRow[] {
  return [...rows].sort((a, b) => (a.next_reset_at ?? Number.POSITIVE_INFINITY) - (b.next_reset_at ?? Number.POSITIVE_INFINITY));
}

/**
 * Which feature's rows pay for usage of `feature`: its own when the scope
 * holds any, else the first credit system costing it that the scope holds,
 * at that system's cost per unit.
 */
export function payer(catalog: Catalog, rows: readonly BalanceRow[], feature: CatalogFeature, entityId: string | undefined): { feature: CatalogFeature; cost: number } {
  if (rowsInScope(rows, feature.id, entityId).length > 0) return { feature, cost: 1 };
  for (const candidate of catalog.features.values()) {
    const entry = candidate.credit_schema?.find((cost) => cost.metered_feature_id === feature.id);
    if (entry && rowsInScope(rows, candidate.id, entityId).length > 0) return { feature: candidate, cost: entry.credit_cost };
  }
  return { feature, cost: 1 };
}

/** Whether the scope can take `amount` more units. */
export function canSpend(rows: BalanceRow[], amount: number): boolean {
  if (rows.length === 0) return false;
  return rows.reduce((total, row) => total + headroom(row), 0) >= amount;
}

/**
 * Takes `amount` units from rows in spending order (as `rowsInScope` gives them), or gives them back,
 * last rows first, when negative; returns what each row gave. Usage beyond every row's headroom is not recorded.
 */
export function spend(rows: BalanceRow[], amount: number): Deduction[] {
  const taken = new Map<BalanceRow, number>();
  const take = (row: BalanceRow, value: number) => {
    row.usage += value;
    taken.set(row, (taken.get(row) ?? 0) + value);
  };
  const ordered = [...rows];
  let left = amount;
  if (left >= 0) {
    // Included and prepaid units first, then overage where it is allowed.
    for (const row of ordered) {
      const value = Math.min(left, row.unlimited ? left : Math.max(0, granted(row) - row.usage));
      if (value > 0) take(row, value);
      left -= value;
    }
    for (const row of ordered) {
      const value = Math.min(left, headroom(row));
      if (value > 0) take(row, value);
      left -= value;
    }
  } else {
    for (const row of ordered.reverse()) {
      const value = Math.min(-left, row.usage);
      if (value > 0) take(row, -value);
      left += value;
    }
  }
  return [...taken].map(([row, value]) => ({ balance_id: row.id, feature_id: row.feature_id, plan_id: row.plan_id, reset: wireReset(row), value }));
}

function wireReset(row: BalanceRow): Deduction["reset"] {
  return row.reset && { ...row.reset, resets_at: row.next_reset_at };
}

/** The wire form of a feature's balance over some rows, or null when there are none. */
export function renderBalance(featureId: string, rows: readonly BalanceRow[]): Record<string, unknown> | null {
  if (rows.length === 0) return null;
  const total = rows.reduce((sum, row) => sum + granted(row), 0);
  const usage = rows.reduce((sum, row) => sum + row.usage, 0);
  const caps = rows.filter(overage).map((row) => row.price!.max_purchase);
  const resets = rows.map((row) => row.next_reset_at).filter((at): at is number => at !== null);
  return {
    feature_id: featureId,
    granted: total,
    remaining: Math.max(0, total - usage),
    usage,
    unlimited: rows.some((row) => row.unlimited),
    overage_allowed: caps.length > 0,
    max_purchase: caps.length === 0 || caps.includes(null) ? null : (caps as number[]).reduce((a, b) => a + b, 0),
    next_reset_at: resets.length === 0 ? null : Math.min(...resets),
    breakdown: rows.map((row) => ({
      id: row.id,
      plan_id: row.plan_id,
      included_grant: row.included,
      prepaid_grant: row.prepaid,
      remaining: Math.max(0, granted(row) - row.usage),
      usage: row.usage,
      unlimited: row.unlimited,
      reset: wireReset(row),
      price: row.price && {
        ...(row.price.amount !== undefined && { amount: row.price.amount }),
        ...(row.price.tiers !== undefined && { tiers: row.price.tiers }),
        billing_units: row.price.billing_units,
        billing_method: row.price.billing_method,
        max_purchase: row.price.max_purchase,
      },
      expires_at: row.expires_at,
    })),
  };
}

/** Every balance of a scope (the customer's own rows with `entityId` undefined, or an entity's and the customer's), by feature id. */
export function renderBalances(rows: readonly BalanceRow[], entityId?: string): Record<string, Record<string, unknown>> {
  const scoped = entityId === undefined ? rows : rows.filter((row) => row.entity_id === null || row.entity_id === entityId);
  const featureIds = [...new Set(scoped.map((row) => row.feature_id))];
  return Object.fromEntries(featureIds.map((id) => [id, renderBalance(id, scoped.filter((row) => row.feature_id === id))!]));
}
