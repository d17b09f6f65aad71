import { AutumnError } from "./autumn-error.js";

/** Why a per-customer token client could not make a call. */
export type CustomerTokenErrorReason =
  /** The operation is not one a customer token reaches; nothing was sent. */
  | "route_not_allowed"
  /** The tokens expired (or Autumn refused the refresh token as expired or invalid) and there was no way to get new ones. */
  | "expired"
  /** Autumn revoked every token of the customer: `keys.revoke`, or a refresh token presented after it was replaced twice. */
  | "revoked"
  /** Two refreshes may have rotated the refresh token without a usable answer (lost, cut off, a 5xx, a malformed pair), so it is not presented again. */
  | "refresh_lost"
  /** The application's `fetchTokens` failed or returned something that is not a token pair for the customer. */
  | "fetch_failed"
  /** The `lock` option rejected or threw before the refresh ran; the refresh token was not presented. */
  | "lock_failed"
  /** `signOut()` was called: the client has no pair until `setTokens`; nothing was sent. */
  | "signed_out";

/**
 * A client built from a customer's tokens cannot act: the route is out of the
 * token's reach, or refreshing is no longer possible and the application gave
 * no way (or no working way) to get a new pair. Neither token is in it.
 */
export class CustomerTokenError extends AutumnError {
  override readonly name = "CustomerTokenError" as const;
  /** What stopped the call. */
  declare readonly reason: CustomerTokenErrorReason;

  constructor(init: { reason: CustomerTokenErrorReason; message: string; cause?: unknown }) {
    super(init.message, { reason: init.reason }, init.cause);
  }
}
