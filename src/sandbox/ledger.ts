import type { Catalog, CatalogFeature, CatalogItem } from "./catalog.js";

/**
 * Balances as Autumn keeps them: one row per grant (a plan item of an active
 * plan, a purchase, or a grant made with `balances.create`), for the customer
 * or for one of its entities. A feature's balance is the sum of its rows.
 * Usage is taken in Autumn's deduction order (`spendingOrder`, `drawsFor`):
 * the scope's own rows first (an entity's before its customer's; the
 * customer's alone for the customer), the feature's own rows before those of
 * a credit system that prices it, and within those the shorter reset interval
 * first, then the soonest expiry. Each row gives what is left of its grant
 * first; then rows priced on usage take overage up to their `max_purchase`.
 * Consumable rows reset on their interval, when the clock passes
 * `next_reset_at` (sandbox/due.ts, and `settle` when a customer is read).
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
  /** Whether an add-on granted it: a plan's rows are spent before an add-on's. */
  add_on: boolean;
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

/**
 * The prepaid grant a quantity of an item buys: the quantity is the total the customer wants, the
 * item's included units part of it, and what is bought beyond them comes in whole billing units
 * (10 of an item that includes 5 buys 5; 3 of it buys nothing and grants the 5 included).
 */
export function prepaidGrant(item: CatalogItem, quantity: number): number {
  const units = item.price?.billing_units ?? 1;
  return Math.ceil(Math.max(0, quantity - item.included) / units) * units;
}

/** The row a plan item grants, from `now`. `prepaid` is the prepaid grant bought beyond the item's included units. */
export function rowFor(item: CatalogItem, ids: { id: string; plan_id: string | null; source_id: string | null; entity_id: string | null; add_on?: boolean }, now: number, prepaid = 0): BalanceRow {
  const next = item.reset ? addInterval(now, item.reset.interval, item.reset.interval_count) : undefined;
  return {
    ...ids,
    add_on: ids.add_on ?? false,
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
/** What is left of a row's grant: never below zero, whatever overflow took. */
const unspent = (row: BalanceRow) => (row.unlimited ? 0 : Math.max(0, granted(row) - row.usage));
/** How much more a row may take past its grant: without limit when unlimited or priced on usage without a cap. */
function overageRoom(row: BalanceRow): number {
  if (row.unlimited || (overage(row) && row.price!.max_purchase === null)) return Number.POSITIVE_INFINITY;
  return overage(row) ? Math.max(0, granted(row) + row.price!.max_purchase! - Math.max(row.usage, granted(row))) : 0;
}

/**
 * How much overage a row may take in a deduction under its feature's controls: none when overage is
 * switched off; without limit when it is switched on for a feature with no usage price; else as its price
 * allows (`overageRoom`); and all of a feature's rows together no more than its spend limit allows.
 */
function controlledOverageRoom(draws: readonly Draw[], controlsOf: ControlsOf): (row: BalanceRow) => number {
  return (row) => {
    const controls = controlsOf(row.feature_id);
    if (controls.overageAllowed === false) return 0;
    const rows = draws.map((draw) => draw.row).filter((candidate) => candidate.feature_id === row.feature_id);
    const room = controls.overageAllowed === true && !rows.some(overage) ? Number.POSITIVE_INFINITY : overageRoom(row);
    if (controls.spendLimit === undefined) return room;
    // Read before each row gives, so the overage rows before it took counts.
    return Math.min(room, Math.max(0, controls.spendLimit - overUsage(rows)));
  };
}

/** Whether a request for `entityId` (undefined: the customer) reaches a row: the entity's own and its customer's; the customer's alone for the customer. */
const reaches = (row: BalanceRow, entityId: string | undefined) => row.entity_id === null || row.entity_id === (entityId ?? null);

/**
 * The feature's rows a request for `entityId` (or the customer, when undefined) draws on, in deduction
 * order: an entity's own rows, then its customer's; the customer's alone for the customer (a plan attached
 * to an entity stays with that entity).
 */
export function rowsInScope(rows: readonly BalanceRow[], featureId: string, entityId: string | undefined): BalanceRow[] {
  return deductionOrder(
    rows.filter((row) => row.feature_id === featureId && reaches(row, entityId)),
    entityId,
    featureId,
  );
}

// Reset intervals by length, in minutes, for ordering grants: the shorter interval is spent first.
const INTERVAL_MINUTES: Record<string, number> = { minute: 1, hour: 60, day: 1_440, week: 10_080, month: 43_200, quarter: 129_600, semi_annual: 259_200, year: 525_600 };
/** Ascending with null (never) last. */
const soonest = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);
const intervalLength = (row: BalanceRow) => (row.reset === null ? null : (INTERVAL_MINUTES[row.reset.interval] ?? 0) * (row.reset.interval_count ?? 1));

/**
 * Autumn's order of grants within a scope and feature: unlimited rows, then rows that reset (the shorter
 * interval first), then by expiry (the soonest first, never last), a plan's before an add-on's, prepaid
 * before priced on usage, and otherwise the oldest first (the sort is stable).
 */
const byGrant = (a: BalanceRow, b: BalanceRow) =>
  Number(b.unlimited) - Number(a.unlimited) ||
  soonest(intervalLength(a), intervalLength(b)) ||
  soonest(a.expires_at, b.expires_at) ||
  Number(a.add_on) - Number(b.add_on) ||
  Number(overage(a)) - Number(overage(b));

/** Rows in Autumn's order of grants (`byGrant`). */
export function spendingOrder(rows: readonly BalanceRow[]): BalanceRow[] {
  return [...rows].sort(byGrant);
}

/** Autumn's deduction order: the scope's own rows first (an entity's before its customer's), `featureId`'s own before a credit system's, then `byGrant`. */
function deductionOrder(rows: readonly BalanceRow[], entityId: string | undefined, featureId: string): BalanceRow[] {
  const own = entityId ?? null;
  return [...rows].sort((a, b) => Number(b.entity_id === own) - Number(a.entity_id === own) || Number(a.feature_id !== featureId) - Number(b.feature_id !== featureId) || byGrant(a, b));
}

/** A row a request draws on, and how many of its units one unit of the requested feature costs. */
export interface Draw {
  row: BalanceRow;
  cost: number;
}

/** Rows drawn on at face value. */
export const atCost1 = (rows: readonly BalanceRow[]): Draw[] => rows.map((row) => ({ row, cost: 1 }));

/** The credit systems that price a feature, at their cost per unit, in catalog order. */
export function creditSystemsFor(catalog: Catalog, featureId: string): { feature: CatalogFeature; cost: number }[] {
  return [...catalog.features.values()].flatMap((candidate) => {
    const entry = candidate.credit_schema?.find((cost) => cost.metered_feature_id === featureId);
    return entry ? [{ feature: candidate, cost: entry.credit_cost }] : [];
  });
}

/**
 * Every row a use of `feature` draws on, in deduction order: the scope's own rows before those it also
 * reaches, and within each the feature's own rows before those of credit systems that price it (direct
 * balances are always spent before a credit system's), each at its cost.
 */
export function drawsFor(catalog: Catalog, rows: readonly BalanceRow[], feature: CatalogFeature, entityId: string | undefined): Draw[] {
  const cost = new Map<string, number>([[feature.id, 1], ...creditSystemsFor(catalog, feature.id).map(({ feature: system, cost: each }) => [system.id, each] as const)]);
  const reached = rows.filter((row) => cost.has(row.feature_id) && reaches(row, entityId));
  return deductionOrder(reached, entityId, feature.id).map((row) => ({ row, cost: cost.get(row.feature_id)! }));
}

/** The billing controls a check or a deduction of one feature obeys (read by `controlsFor`, controls.ts). */
export interface FeatureControls {
  /** true lets every grant go past itself, false stops every grant at itself; undefined leaves it to the prices. */
  overageAllowed?: boolean;
  /** The most overage units the feature may have. */
  spendLimit?: number;
  /** For a check: the room its usage limits leave, in the feature's units. */
  usageHeadroom?: number;
}

/** Bounds a deduction by the usage limits that apply to it (usage-windows.ts); what it takes is counted only once `commit` is called. */
export interface UsageGate {
  /** How many of its own units `row`, at `cost` of them a unit tracked, may give. */
  room(row: BalanceRow, cost: number): number;
  /** Counts `units` of its own units given by `row`. */
  take(row: BalanceRow, cost: number, units: number): void;
  /** Moves the limits' counters by what was taken. */
  commit(): void;
}

/** The controls of each feature, by id; none by default. */
export type ControlsOf = (featureId: string) => FeatureControls;
const NO_CONTROLS: ControlsOf = () => ({});

/**
 * The feature whose balance answers a check of `required` units of `feature`: the feature's own when it
 * allows them (or no credit system prices it), else the first credit system held that allows them at its
 * cost, else the first one held, else the feature's own; with its cost per unit.
 */
export function checkedFeature(catalog: Catalog, rows: readonly BalanceRow[], feature: CatalogFeature, entityId: string | undefined, required: number, controlsOf: ControlsOf = NO_CONTROLS): { feature: CatalogFeature; cost: number } {
  const systems = creditSystemsFor(catalog, feature.id);
  const own = rowsInScope(rows, feature.id, entityId);
  if (systems.length === 0 || (own.length > 0 && allows(own, required, controlsOf(feature.id)))) return { feature, cost: 1 };
  const held = systems.filter((system) => rowsInScope(rows, system.feature.id, entityId).length > 0);
  const allowing = held.find((system) => allows(rowsInScope(rows, system.feature.id, entityId), required * system.cost, controlsOf(system.feature.id)));
  return allowing ?? held[0] ?? (own.length > 0 ? { feature, cost: 1 } : systems[0]!);
}

/** Usage past the grants of some rows. */
const overUsage = (rows: readonly BalanceRow[]) => rows.reduce((sum, row) => sum + Math.max(0, row.usage - granted(row)), 0);

/**
 * How much more than what is left of their grants these rows may take, and the limit that sets it, as a
 * check reads it: nothing when overage is switched off, or no row is priced on usage and it is not
 * switched on; up to a spend limit; else up to the `max_purchase` of the rows priced on usage (without
 * limit when one has none, or when overage is switched on for rows without a usage price).
 */
function overageLeft(rows: readonly BalanceRow[], controls: FeatureControls): { units: number; limit: "included" | "max_purchase" | "spend_limit" } {
  const priced = rows.filter(overage);
  if (controls.overageAllowed === false || (priced.length === 0 && controls.overageAllowed !== true)) return { units: 0, limit: "included" };
  if (controls.spendLimit !== undefined) return { units: Math.max(0, controls.spendLimit - overUsage(rows)), limit: "spend_limit" };
  if (priced.length === 0 || priced.some((row) => row.price!.max_purchase === null)) return { units: Number.POSITIVE_INFINITY, limit: "max_purchase" };
  return { units: Math.max(0, priced.reduce((sum, row) => sum + row.price!.max_purchase!, 0) - overUsage(priced)), limit: "max_purchase" };
}

/**
 * Whether a balance over these rows allows `required` units, as a check decides from the balance and the
 * feature's controls: any unlimited row allows; otherwise what is left of the grants, plus the overage
 * still allowed (`overageLeft`).
 */
export function allows(rows: readonly BalanceRow[], required: number, controls: FeatureControls = {}): boolean {
  if (rows.length === 0) return false;
  if (rows.some((row) => row.unlimited)) return true;
  if (controls.usageHeadroom !== undefined && required > controls.usageHeadroom) return false;
  return rows.reduce((sum, row) => sum + unspent(row), 0) + overageLeft(rows, controls).units >= required;
}

/** The limit that refuses a check of `required` units over these rows: a usage limit first, then the grant, the overage cap, or a spend limit. */
export function refusedBy(rows: readonly BalanceRow[], controls: FeatureControls, required: number): "included" | "max_purchase" | "spend_limit" | "usage_limit" {
  return controls.usageHeadroom !== undefined && required > controls.usageHeadroom ? "usage_limit" : overageLeft(rows, controls).limit;
}

// Autumn rounds what is left of a deduction to ten decimals, so credit costs leave no float dust.
const round = (value: number) => Math.round(value * 1e10) / 1e10;

/**
 * Takes `amount` units of the requested feature from the draws in their order, each row giving its units
 * at its cost, and returns what each row gave (in its own units). Two passes, as Autumn's deduction runs:
 * first what is left of each grant, then overage where a row's price allows it, up to its `max_purchase`.
 * With `overflow`, what no grant covers goes on the first row, past every limit.
 * A negative amount credits rows back in the same order: first the usage past their grants, then down
 * to nothing used, or with `overflow` on the first row beyond that. Usage no row can take is not recorded.
 */
export function spend(draws: readonly Draw[], amount: number, overflow = false, controlsOf: ControlsOf = NO_CONTROLS, gate?: UsageGate): Deduction[] {
  const taken = new Map<BalanceRow, number>();
  let left = amount;
  /** One pass over the draws; `room` is how many of its own units a row may give (or take back) now; `gated`, within the usage limits. */
  const pass = (room: (row: BalanceRow) => number, gated?: UsageGate) => {
    const sign = Math.sign(left);
    for (const { row, cost } of draws) {
      if (left === 0) return;
      const units = Math.min(Math.abs(left) * cost, room(row), gated ? gated.room(row, cost) : Number.POSITIVE_INFINITY);
      if (units <= 0) continue;
      row.usage += sign * units;
      gated?.take(row, cost, units);
      taken.set(row, (taken.get(row) ?? 0) + sign * units);
      left = round(left - (sign * units) / cost);
    }
  };
  const everything = () => Number.POSITIVE_INFINITY;
  if (left > 0) {
    // Usage limits bound what is taken, but not what overflow puts past every limit.
    pass((row) => (row.unlimited ? Number.POSITIVE_INFINITY : unspent(row)), gate);
    if (overflow) pass(everything);
    else pass(controlledOverageRoom(draws, controlsOf), gate);
  } else if (left < 0) {
    pass((row) => Math.max(0, row.usage - granted(row)));
    pass(overflow ? everything : (row) => (row.unlimited ? Number.POSITIVE_INFINITY : Math.max(0, row.usage)));
  }
  return [...taken].map(([row, value]) => ({ balance_id: row.id, feature_id: row.feature_id, plan_id: row.plan_id, reset: wireReset(row), value }));
}

/**
 * Takes all of `amount` or nothing, as a track that may not go past what is allowed does (Autumn's
 * `overage_behavior: "reject"`, which a check that uses its units runs): the deductions, or undefined with
 * every row as it was.
 */
export function spendAll(draws: readonly Draw[], amount: number, controlsOf: ControlsOf = NO_CONTROLS, gate?: UsageGate): Deduction[] | undefined {
  const before = draws.map(({ row }) => row.usage);
  const deductions = spend(draws, amount, false, controlsOf, gate);
  const covered = draws.reduce((sum, { row, cost }, index) => sum + (row.usage - before[index]!) / cost, 0);
  if (round(covered) >= amount) return deductions;
  draws.forEach(({ row }, index) => (row.usage = before[index]!));
  return undefined;
}

function wireReset(row: BalanceRow): Deduction["reset"] {
  return row.reset && { ...row.reset, resets_at: row.next_reset_at };
}

/** The wire form of a feature's balance over some rows (its figures), listing `listed` of them in its breakdown (all by default), or null when there are none. */
export function renderBalance(featureId: string, rows: readonly BalanceRow[], listed: readonly BalanceRow[] = rows): Record<string, unknown> | null {
  if (rows.length === 0) return null;
  const total = rows.reduce((sum, row) => sum + granted(row), 0);
  const usage = rows.reduce((sum, row) => sum + row.usage, 0);
  const caps = listed.filter(overage).map((row) => row.price!.max_purchase);
  const resets = rows.map((row) => row.next_reset_at).filter((at): at is number => at !== null);
  return {
    feature_id: featureId,
    granted: total,
    // What each grant has left, added up: one grant's overflow does not eat another's.
    remaining: rows.reduce((sum, row) => sum + unspent(row), 0),
    usage,
    unlimited: rows.some((row) => row.unlimited),
    overage_allowed: rows.some(overage),
    max_purchase: caps.length === 0 || caps.includes(null) ? null : (caps as number[]).reduce((a, b) => a + b, 0),
    next_reset_at: resets.length === 0 ? null : Math.min(...resets),
    breakdown: listed.map((row) => ({
      id: row.id,
      plan_id: row.plan_id,
      included_grant: row.included,
      prepaid_grant: row.prepaid,
      remaining: unspent(row),
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

/** Every balance of a scope (with `entityId` undefined, the customer's and its entities' rows together; else an entity's and the customer's), by feature id. */
export function renderBalances(rows: readonly BalanceRow[], entityId?: string): Record<string, Record<string, unknown>> {
  const scoped = entityId === undefined ? rows : rows.filter((row) => row.entity_id === null || row.entity_id === entityId);
  const featureIds = [...new Set(scoped.map((row) => row.feature_id))];
  // The customer's answer adds its entities' grants into its figures but lists only its own, as Autumn's does.
  const listed = (featureRows: BalanceRow[]) => (entityId === undefined ? featureRows.filter((row) => row.entity_id === null) : featureRows);
  return Object.fromEntries(
    featureIds.map((id) => {
      const featureRows = scoped.filter((row) => row.feature_id === id);
      return [id, renderBalance(id, featureRows, listed(featureRows))!];
    }),
  );
}
