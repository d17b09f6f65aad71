import type { SDKError } from "./errors/index.js";

/**
 * Present only on a value the SDK synthesised because Autumn could not answer
 * and the caller asked to fail open. A real answer never has these fields.
 */
export interface FailOpenMarker {
  /** `true` when the SDK made this value up instead of Autumn answering it. */
  readonly failedOpen?: true;
  /** Why Autumn could not answer: a connection failure, a timeout or a 5xx. */
  readonly failOpenCause?: SDKError;
}

/** Whether an error means Autumn is unreachable or failing, rather than refusing the request. */
export function isOutage(error: SDKError): boolean {
  switch (error.name) {
    case "ConnectionError":
    case "RequestTimeoutError":
      return true;
    case "AutumnAPIError":
      return error.status >= 500;
    default:
      return false;
  }
}

/**
 * The "allowed" answer of a check that failed open, for the customer (and entity) it was about: no balance
 * is known, so none is made up. `balancesCheck` answers it, and so does the entitlement cache.
 */
export function checkFailedOpen(params: { readonly customerId: string; readonly entityId?: string | undefined }, cause: SDKError) {
  return {
    allowed: true,
    customerId: params.customerId,
    ...(params.entityId === undefined ? {} : { entityId: params.entityId }),
    balance: null,
    flag: null,
    failedOpen: true as const,
    failOpenCause: cause,
  };
}
