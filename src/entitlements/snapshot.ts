import type { Balance } from "../models/balance.js";
import type { BillingControls } from "../models/billing-controls.js";
import type * as v from "valibot";
import type { Customer, FlagSchema, PurchaseSchema, Subscription } from "../models/customer.js";
import type { Entity } from "../models/entity.js";
import type { Feature } from "../models/feature.js";

/**
 * What the cache knows of one subject (a customer, or one of its entities):
 * Autumn's answer to `customers.get` or `entities.get`, cut down to what a
 * check reads, plus what it learned since. Immutable: every change makes a
 * new snapshot, so a shared store's copy and a check in progress never see
 * half of one.
 */
export interface Snapshot {
  readonly customerId: string;
  /** The entity, for an entity's snapshot. */
  readonly entityId: string | undefined;
  /** When Autumn's answer was read, on the cache's clock (epoch ms). */
  readonly loadedAt: number;
  /** The first moment the data changes by itself (a reset, an expiry, a period's end); null when nothing is due. */
  readonly validUntil: number | null;
  /** Balances by feature id, as Autumn renders them (without the expanded `feature`). */
  readonly balances: Readonly<Record<string, Balance>>;
  /** Flags by feature id (without the expanded `feature`). */
  readonly flags: Readonly<Record<string, Flag>>;
  /** What kind of feature each one seen is, and for a credit system what it charges per unit of each feature. */
  readonly features: Readonly<Record<string, FeatureFacts>>;
  /** Features whose decision billing controls or auto top-ups can change; `"*"` stands for every feature. */
  readonly controlled: readonly string[];
  /**
   * Customer snapshots only: features that plans attached to entities grant. Autumn adds those to the
   * customer's balances and flags but leaves them out of a customer-level check. `"*"` for every feature.
   */
  readonly entityScoped: readonly string[];
  /**
   * Customer snapshots only: features that billing controls of plans attached to entities touch. An entity's
   * check obeys them, and an entity's own answer does not show them.
   */
  readonly entityControlled: readonly string[];
  /** Features Autumn said this subject has nothing of (no balance, no flag, no credit system). */
  readonly absent: readonly string[];
  /** Features `balances.limit_reached` said are used up, until the next load. */
  readonly exhausted: readonly string[];
}

/** A feature as the decision needs it. */
export interface FeatureFacts {
  readonly type: string;
  /** For a credit system: credits per unit, by metered feature id. */
  readonly credits?: Readonly<Record<string, number>>;
}

/** A flag, as customers and entities carry them. */
export type Flag = v.InferOutput<typeof FlagSchema>;
type Purchase = v.InferOutput<typeof PurchaseSchema>;

/** Stands for every feature in `controlled` and `entityScoped`. */
export const EVERY_FEATURE = "*";

/** A customer's snapshot from `customers.get` with `CUSTOMER_EXPAND`. */
export function customerSnapshot(customer: Customer, customerId: string, loadedAt: number): Snapshot {
  const features: Record<string, FeatureFacts> = {};
  const balances = stripFeatures(customer.balances, features);
  const flags = stripFeatures(customer.flags, features);
  const plans = [...customer.subscriptions, ...customer.purchases];
  const entityPlans = plans.filter((held) => held.scope === "entity");
  return {
    customerId,
    entityId: undefined,
    loadedAt,
    validUntil: earliest(loadedAt, balances, flags, plans),
    balances,
    flags,
    features,
    controlled: controlledBy(customer.billingControls),
    entityScoped: entityPlans.some((held) => !held.plan) ? [EVERY_FEATURE] : unique(entityPlans.flatMap((held) => held.plan!.items.map((item) => item.featureId))),
    entityControlled: unique(entityPlans.flatMap((held) => controlledBy(held.plan?.billingControls))),
    absent: [],
    exhausted: [],
  };
}

/**
 * An entity's snapshot from `entities.get`, with what only its customer's snapshot knows: feature kinds
 * and credit costs, the customer's billing controls and those of plans attached to entities.
 */
export function entitySnapshot(entity: Entity, customer: Snapshot, entityId: string, loadedAt: number): Snapshot {
  const balances = stripFeatures(entity.balances, {});
  const flags = stripFeatures(entity.flags, {});
  const own = earliest(loadedAt, balances, flags, [...entity.subscriptions, ...entity.purchases]);
  return {
    customerId: customer.customerId,
    entityId,
    loadedAt: Math.min(loadedAt, customer.loadedAt),
    validUntil: own === null ? customer.validUntil : customer.validUntil === null ? own : Math.min(own, customer.validUntil),
    balances,
    flags,
    features: customer.features,
    controlled: unique([...customer.controlled, ...customer.entityControlled, ...controlledBy(entity.billingControls)]),
    entityScoped: [],
    entityControlled: [],
    absent: [],
    exhausted: [],
  };
}

/** The snapshot with usage Autumn reported: each balance replaced, and a null one removed. */
export function withBalances(snapshot: Snapshot, changed: Readonly<Record<string, Balance | null>>): Snapshot {
  const balances = { ...snapshot.balances };
  for (const [featureId, balance] of Object.entries(changed)) {
    // A copy: the answer it comes from is the caller's, and the snapshot's objects are frozen.
    if (balance) balances[featureId] = structuredClone(withoutFeature(balance));
    else delete balances[featureId];
  }
  const changedTimes = earliest(snapshot.loadedAt, stripFeatures(changed, {}), {}, []);
  const validUntil = changedTimes === null ? snapshot.validUntil : snapshot.validUntil === null ? changedTimes : Math.min(changedTimes, snapshot.validUntil);
  return { ...snapshot, balances, validUntil, absent: snapshot.absent.filter((featureId) => !(featureId in changed)) };
}

/** The snapshot with one more feature marked used up, or with one more learned absent. */
export function withMark(snapshot: Snapshot, list: "exhausted" | "absent", featureId: string): Snapshot {
  return snapshot[list].includes(featureId) ? snapshot : { ...snapshot, [list]: [...snapshot[list], featureId] };
}

function stripFeatures<T extends { feature?: Feature | undefined }>(record: Readonly<Record<string, T | null>>, features: Record<string, FeatureFacts>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [featureId, value] of Object.entries(record)) {
    if (!value) continue;
    if (value.feature) features[featureId] = factsOf(value.feature);
    out[featureId] = withoutFeature(value);
  }
  return out;
}

function withoutFeature<T extends { feature?: Feature | undefined }>(value: T): T {
  if (value.feature === undefined) return value;
  const { feature: _feature, ...rest } = value;
  return rest as T;
}

function factsOf(feature: Feature): FeatureFacts {
  if (!feature.creditSchema) return { type: feature.type };
  return { type: feature.type, credits: Object.fromEntries(feature.creditSchema.map((entry) => [entry.meteredFeatureId, entry.creditCost])) };
}

/** The features billing controls touch. A spend limit without a feature applies to all of them. */
function controlledBy(controls: BillingControls | undefined): string[] {
  if (!controls) return [];
  const lists = [controls.spendLimits, controls.usageLimits, controls.overageAllowed, controls.autoTopups];
  return unique(lists.flatMap((list) => (list ?? []).map((entry) => entry.featureId ?? EVERY_FEATURE)));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * The first moment after `loadedAt` at which Autumn's answer changes without anyone calling it: a balance
 * resets, a grant, rollover or flag expires, a plan starts, renews, ends or leaves its trial. A time already
 * past counts too: then the snapshot is of no use, and the cache asks Autumn again.
 */
function earliest(
  loadedAt: number,
  balances: Readonly<Record<string, Balance>>,
  flags: Readonly<Record<string, Flag>>,
  plans: readonly (Subscription | Purchase)[],
): number | null {
  const times: (number | null | undefined)[] = [];
  for (const balance of Object.values(balances)) {
    times.push(balance.nextResetAt);
    for (const item of balance.breakdown ?? []) times.push(item.reset?.resetsAt, item.expiresAt);
    for (const rollover of balance.rollovers ?? []) times.push(rollover.expiresAt);
  }
  for (const flag of Object.values(flags)) times.push(flag.expiresAt);
  for (const held of plans) {
    times.push(held.expiresAt);
    if (held.startedAt > loadedAt) times.push(held.startedAt);
    if ("currentPeriodEnd" in held) times.push(held.trialEndsAt, held.currentPeriodEnd);
  }
  let first: number | null = null;
  for (const time of times) if (typeof time === "number" && (first === null || time < first)) first = time;
  return first;
}
