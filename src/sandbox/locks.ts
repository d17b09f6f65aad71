import { require400, SandboxError } from "./errors.js";
import { type ControlsOf, type Deduction, type Draw, spendAll, type UsageGate } from "./ledger.js";
import type { SandboxState, StoredCustomer, StoredLock } from "./state.js";

/**
 * Balance locks: a `balances.check` with `lock` takes the units it checked
 * for at once and holds them under the caller's `lock_id`, so later checks
 * see less; `balances.finalize` confirms the hold (as a tracked event) or
 * releases it, and a hold past its `expires_at` on the sandbox's clock is
 * released when the customer is next read. A lock without `expires_at` is
 * held until it is finalized.
 */

const DAY_MS = 86_400_000;

/** The `lock` of a check, checked: its id (free to take) and expiry, or undefined when the check takes none. */
export function lockParams(state: SandboxState, lock: unknown): { id: string; expiresAt: number | null } | undefined {
  if (lock === undefined) return undefined;
  require400(typeof lock === "object" && lock !== null, "lock must be an object");
  const { lock_id: id, enabled, expires_at: expiresAt } = lock as Record<string, unknown>;
  require400(typeof id === "string" && id !== "" && id.length <= 256, "lock.lock_id must be a string of 1 to 256 characters");
  require400(enabled === undefined || enabled === true, "lock.enabled must be true");
  const now = state.clock();
  require400(expiresAt === undefined || (typeof expiresAt === "number" && expiresAt > now && expiresAt <= now + DAY_MS), "lock.expires_at must be in the next 24 hours");
  if (state.locks.has(id)) throw new SandboxError("lockAlreadyExists", `Lock ${id} is already held; finalize it first`);
  return { id, expiresAt: (expiresAt as number | undefined) ?? null };
}

/** Takes all of `amount` from the draws (as a check's track would), or nothing, and holds it under the lock; the deductions, or undefined when they did not cover it. */
export function hold(state: SandboxState, customer: StoredCustomer, draws: readonly Draw[], amount: number, lock: Omit<StoredLock, "customer_key" | "deductions">, controlsOf?: ControlsOf, gate?: UsageGate): Deduction[] | undefined {
  const deductions = spendAll(draws, amount, controlsOf, gate);
  if (deductions) state.locks.set(lock.id, { ...lock, customer_key: customer.key, deductions });
  return deductions;
}

/** Gives a lock's units back to the rows it took them from, unless a row has reset (or gone) since. */
export function release(state: SandboxState, customer: StoredCustomer, lock: StoredLock): void {
  state.locks.delete(lock.id);
  for (const deduction of lock.deductions) {
    const row = customer.rows.find((candidate) => candidate.id === deduction.balance_id);
    if (row && row.next_reset_at === (deduction.reset?.resets_at ?? null)) row.usage = Math.max(0, row.usage - deduction.value);
  }
}

/** Releases the customer's locks whose time ran out. */
export function releaseExpiredLocks(state: SandboxState, customer: StoredCustomer, now: number): void {
  for (const lock of [...state.locks.values()]) {
    if (lock.customer_key === customer.key && lock.expires_at !== null && lock.expires_at <= now) release(state, customer, lock);
  }
}
