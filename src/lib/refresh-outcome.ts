import type { SDKError } from "./errors/index.js";
import { answeredUnapplied, neverReachedServer } from "./retry.js";

/**
 * What a failed `keys.refresh` says about the refresh token it presented:
 * - `lost`: Autumn may have rotated it without the answer arriving. Autumn answers the token it has
 *   just replaced once more (its grace), so it may be presented once more, never a third time.
 * - `unspent`: nothing was applied, and the same request may well be answered in a moment.
 * - `refused`: nothing was applied, and the same request would be refused again.
 * - `expired`, `revoked`: it will never be answered again.
 */
export type RefreshOutcome = "lost" | "unspent" | "refused" | "expired" | "revoked";

/**
 * Read from Autumn's route and the middleware before it: authentication, the API version and the rate
 * limiter run first and change nothing; the route then writes the new generation and signs the pair.
 * Written as policy: each branch says why.
 */
export function refreshOutcome(error: SDKError): RefreshOutcome {
  if (error.name === "AutumnAPIError") {
    const { status } = error;
    // The rate limiter answers before the route runs; a gateway answers 503 and 408 (`answeredUnapplied`).
    if (answeredUnapplied(status)) return "unspent";
    // Authentication refused the token (expired, malformed, revoked), or the route found it two
    // generations old and revoked every token of the customer.
    if (status === 401) return /revoked|reuse/i.test(error.message) ? "revoked" : "expired";
    // Any other refusal (400, 403, 404) comes from a check made before the route changes anything;
    // a 500 can follow the write of the new generation, and a 502 or 504 a request a gateway forwarded.
    return status < 500 ? "refused" : "lost";
  }
  // Refused or unresolved, the request never left; cut off, it may have been applied.
  if (error.name === "ConnectionError") return neverReachedServer(error) ? "unspent" : "lost";
  // A timeout, an answer that does not parse, a hook that failed: any may come after the rotation.
  return "lost";
}
