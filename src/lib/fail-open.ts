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
