import { UnexpectedClientError } from "../lib/errors/unexpected-client-error.js";
import { err, ok, type Result } from "../lib/result.js";
import type { CacheState, EntitlementCache } from "./cache.js";
import type { EntitlementStoreError } from "./store-error.js";
import { replaceCustomer } from "./tiers.js";

/**
 * Forgets a customer's snapshots (its entities' included), here and in the
 * shared store, so the next check loads them again: for a change the cache
 * cannot see, such as a plan your own code attached. Fails only when the
 * shared store did.
 *
 * @example
 * ```ts
 * await billingAttach(autumn, { customerId: "user_123", planId: "pro" });
 * await invalidateCustomer(cache, "user_123");
 * ```
 */
export async function invalidateCustomer(cache: EntitlementCache, customerId: string): Promise<Result<{ dropped: true }, EntitlementStoreError | UnexpectedClientError>> {
  try {
    const failure = await replaceCustomer(cache as CacheState, customerId);
    return failure ? err(failure) : ok({ dropped: true });
  } catch (cause) {
    return err(new UnexpectedClientError({ message: "invalidateCustomer failed inside the SDK", cause }));
  }
}
