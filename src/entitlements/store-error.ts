import { AutumnError } from "../lib/errors/autumn-error.js";

/** What the cache asked of its shared store. */
export type StoreOperation = "read" | "write" | "replace";

/**
 * The shared store failed (threw, timed out, or answered something that is
 * not a snapshot). The cache carries on without it: a read that fails is a
 * miss, and the check asks Autumn. Reported to `onStoreError` and counted in
 * `cacheStats`; returned by `applyWebhookEvent` and `invalidateCustomer`,
 * whose whole job is the store's.
 */
export class EntitlementStoreError extends AutumnError {
  override readonly name = "EntitlementStoreError" as const;
  /** What the cache asked of the store. */
  declare readonly operation: StoreOperation;
  /** `failed` when the store threw or refused; `garbage` when it answered something that is not a snapshot of the customer asked for. */
  declare readonly reason: "failed" | "garbage";
  /** The customer concerned. */
  declare readonly customerId: string;

  constructor(init: { operation: StoreOperation; reason: "failed" | "garbage"; customerId: string; cause?: unknown }) {
    const what = init.reason === "failed" ? "failed" : "answered something that is not a snapshot";
    super(`The entitlement cache's shared store ${what} (${init.operation}, customer ${init.customerId})`, { operation: init.operation, reason: init.reason, customerId: init.customerId }, init.cause);
  }
}
