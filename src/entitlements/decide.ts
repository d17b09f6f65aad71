import type { Balance } from "../models/balance.js";
import { add, compare, type Decimal, decimal, mul, sub, toNumber, ZERO } from "./decimal.js";
import type { Snapshot } from "./snapshot.js";

/** `EVERY_FEATURE` of snapshot.ts, spelled out: importing a constant alone leaves bundlers a side-effect import. */
const EVERY_FEATURE = "*";

/** What `balances.check` would answer, decided from a snapshot. */
export interface Decision {
  readonly allowed: boolean;
  /** The feature whose balance decided: the one checked, or a credit system that pays for it. */
  readonly featureId: string;
  /** The amount required of that feature: for a credit system, in credits. */
  readonly requiredBalance: number;
}

/**
 * The decision Autumn's `balances.check` makes (without `sendEvent`, `lock`
 * or `withPreview`), made from a snapshot the way the server makes it from
 * the same subject: a flag allows; otherwise the feature's own balance if it
 * allows the amount, else a credit system that prices the feature; a
 * balance allows when it is unlimited, when what remains covers the amount,
 * or when overage is allowed up to its purchase cap. Undefined when the
 * snapshot cannot settle it exactly: billing controls or auto top-ups on the
 * features involved, a feature the snapshot has never seen, a balance that
 * disagrees with its own breakdown, a tie between credit systems that only
 * Autumn's catalog order breaks, or arithmetic beyond Autumn's precision.
 * The caller then asks Autumn.
 */
export function decide(snapshot: Snapshot, featureId: string, required: number): Decision | undefined {
  if (!(required >= 0) || !Number.isFinite(required)) return undefined;
  const decidable = (id: string) =>
    !snapshot.controlled.includes(id) && !snapshot.entityScoped.includes(id) && consistent(snapshot.balances[id]);
  if (snapshot.controlled.includes(EVERY_FEATURE) || snapshot.entityScoped.includes(EVERY_FEATURE) || !decidable(featureId)) return undefined;
  if (snapshot.flags[featureId]) return { allowed: true, featureId, requiredBalance: required };

  const main = snapshot.balances[featureId];
  const owned = creditSystemsFor(snapshot, featureId);
  if (owned === undefined || !owned.every(decidable)) return undefined;
  if (!main && owned.length === 0) return snapshot.absent.includes(featureId) ? { allowed: false, featureId, requiredBalance: required } : undefined;

  const allows = (id: string, amount: number) => allowedBy(snapshot, id, snapshot.balances[id]!, amount);
  // Autumn tries the feature's own balance, then each credit system, with the amount in the feature's units.
  let use = featureId;
  const mainAllows = main ? allows(featureId, required) : false;
  if (mainAllows === undefined) return undefined;
  if (owned.length > 0 && !mainAllows) {
    const verdicts = owned.map((id) => allows(id, required));
    if (verdicts.includes(undefined)) return undefined;
    const allowing = owned.filter((_id, index) => verdicts[index]);
    // Several candidates: Autumn takes the first in its catalog's order, which a snapshot does not know.
    if (allowing.length > 1 || (allowing.length === 0 && owned.length > 1)) return undefined;
    use = allowing[0] ?? owned[0]!;
  }
  let amount = required;
  if (use !== featureId) {
    const cost = decimal(snapshot.features[use]!.credits![featureId]!);
    const credits = cost && mul(cost, decimal(required)!);
    if (!credits) return undefined;
    amount = toNumber(credits);
  }
  const allowed = allows(use, amount);
  return allowed === undefined ? undefined : { allowed, featureId: use, requiredBalance: amount };
}

/** The credit systems (not AI credit systems) the subject holds a balance of that price `featureId`; undefined when a held feature is of an unknown kind. */
function creditSystemsFor(snapshot: Snapshot, featureId: string): string[] | undefined {
  const owned: string[] = [];
  for (const id of Object.keys(snapshot.balances)) {
    const facts = snapshot.features[id];
    if (!facts) return undefined;
    if (id !== featureId && facts.type === "credit_system" && facts.credits?.[featureId] !== undefined) owned.push(id);
  }
  return owned;
}

/**
 * Whether a balance allows `amount`, as Autumn's server decides it for a
 * subject without billing controls; undefined when the figures do not
 * settle it (a number Autumn would round).
 */
function allowedBy(snapshot: Snapshot, featureId: string, balance: Balance, amount: number): boolean | undefined {
  if (balance.unlimited || amount < 0) return true;
  if (amount > 0 && snapshot.exhausted.includes(featureId)) return false;
  if (!balance.overageAllowed) return balance.remaining >= amount;
  const items = balance.breakdown ?? [];
  // Overage is capped only when every usage-priced grant has a cap: the caps add up.
  const caps = items.filter((item) => item.price?.billingMethod === "usage_based").map((item) => item.price!.maxPurchase);
  if (caps.length === 0 || caps.includes(null)) return true;
  let cap: Decimal | undefined = ZERO;
  let used: Decimal | undefined = ZERO;
  for (const value of caps) cap = cap && add(cap, decimal(value!)!);
  for (const item of items) {
    const over = overageOf(item);
    used = used && over && add(used, over);
  }
  const headroom = cap && used && sub(cap, used);
  const available = headroom && add(compare(headroom, ZERO) > 0 ? headroom : ZERO, decimal(balance.remaining)!);
  return available && compare(available, decimal(amount)!) >= 0;
}

/** Usage past what a grant included and prepaid: what Autumn counts against the purchase cap. */
function overageOf(item: NonNullable<Balance["breakdown"]>[number]): Decimal | undefined {
  const beyondIncluded = sub(decimal(item.usage)!, decimal(item.includedGrant)!);
  const over = beyondIncluded && sub(beyondIncluded, decimal(item.prepaidGrant)!);
  return over && (compare(over, ZERO) > 0 ? over : ZERO);
}

/**
 * Whether a balance is made of its breakdown alone. Autumn adds to a
 * customer's balance what plans attached to its entities grant, without
 * listing them in the breakdown, and leaves them out of a customer-level
 * check: a balance that disagrees with its breakdown is not decided here.
 */
function consistent(balance: Balance | undefined): boolean {
  if (!balance) return true;
  // Snapshots never change a balance: each is weighed once.
  let verdict = weighed.get(balance);
  if (verdict === undefined) weighed.set(balance, (verdict = addsUp(balance)));
  return verdict;
}

const weighed = new WeakMap<Balance, boolean>();

function addsUp(balance: Balance): boolean {
  const items = balance.breakdown;
  if (!items) return false;
  if (balance.unlimited !== items.some((item) => item.unlimited)) return false;
  if (balance.unlimited) return true;
  if (balance.overageAllowed && !items.some((item) => item.price?.billingMethod === "usage_based")) return false;
  let remaining: Decimal | undefined = ZERO;
  for (const item of items) remaining = remaining && add(remaining, decimal(item.remaining)!);
  for (const rollover of balance.rollovers ?? []) remaining = remaining && add(remaining, decimal(rollover.balance)!);
  return remaining !== undefined && compare(remaining, decimal(balance.remaining)!) === 0;
}
