import type { BalancesCheckParams } from "../models/operations/balances-check.js";
import type { Balance } from "../models/balance.js";
import type { CacheState } from "./cache.js";
import { type Snapshot, withBalances, withMark } from "./snapshot.js";
import type { EntitlementStoreError } from "./store-error.js";
import { replaceCustomer, subjectKey } from "./tiers.js";

/** The part of a track answer (or of a check that deducted) that tells what usage left. */
export interface UsageAnswer {
  readonly customerId: string;
  readonly entityId?: string | null | undefined;
  /** The balance of the feature used, or null when the usage touched several, was queued, or found none. */
  readonly balance: Balance | null;
  /** Every balance the usage touched (the feature and credit systems that price it); null for one the subject has none of. */
  readonly balances?: Readonly<Record<string, Balance | null>> | undefined;
  /** Set on an answer the SDK made up during an outage: Autumn recorded nothing then. */
  readonly failedOpen?: true;
}

/**
 * Applies what Autumn answered to recorded usage: the subject's snapshot
 * takes the balances in the answer, and the customer's other snapshots (its
 * entities', or the customer's own, whose balances share grants with it) are
 * dropped, here and in the shared store. An answer without balances (usage
 * queued) drops them all. An answer made up during an outage changes nothing.
 */
export async function applyAnswer(state: CacheState, answer: UsageAnswer): Promise<EntitlementStoreError | undefined> {
  if (answer.failedOpen) return undefined;
  const entityId = answer.entityId ?? undefined;
  const subject = subjectKey(entityId);
  const changed: Record<string, Balance | null> = { ...answer.balances };
  if (answer.balance) changed[answer.balance.featureId] = answer.balance;
  const current = Object.keys(changed).length > 0 ? state.local.get(answer.customerId, subject)?.snapshot : undefined;
  const complete = current && (answer.balances !== undefined || !answer.balance || !sharesCredits(current, answer.balance.featureId));
  return replaceCustomer(state, answer.customerId, complete ? { subject, snapshot: withBalances(current, changed) } : undefined);
}

/**
 * Whether the subject holds a balance that shares credits with `featureId` (a credit system that prices it,
 * or a feature it prices): usage of it may have drawn on both, and an answer with one balance alone (Autumn
 * sends them all, as `balances`, when there are several) does not say what became of the other.
 */
function sharesCredits(snapshot: Snapshot, featureId: string): boolean {
  const prices = snapshot.features[featureId]?.credits ?? {};
  return Object.keys(snapshot.balances).some((id) => id !== featureId && (id in prices || snapshot.features[id]?.credits?.[featureId] !== undefined));
}

/**
 * Remembers a feature Autumn said the subject has nothing of (not allowed, no balance, no flag, the amount
 * asked unchanged), so that the next check of it is answered from the snapshot. Forgotten with the snapshot.
 */
export function learnAbsent(state: CacheState, snapshot: Snapshot, params: BalancesCheckParams, answer: { allowed: boolean; balance: unknown; flag: unknown; requiredBalance?: number | undefined }): void {
  const { featureId } = params;
  const nothing = !answer.allowed && answer.balance === null && answer.flag === null && answer.requiredBalance === (params.requiredBalance ?? 1);
  if (!nothing || featureId in snapshot.balances || featureId in snapshot.flags) return;
  const subject = subjectKey(params.entityId);
  const entry = state.local.get(params.customerId, subject);
  // Only onto the snapshot the check read: a newer one may know better.
  if (entry?.snapshot === snapshot) state.local.set(params.customerId, subject, withMark(snapshot, "absent", featureId), entry.syncedAt, entry.generation);
}
