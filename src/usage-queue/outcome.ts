import type { SDKError } from "../lib/errors/index.js";
import { neverReachedServer } from "../lib/retry.js";

/**
 * What one attempt (one `balances.track` under the event's key, no retries of its own) tells the
 * queue about its event:
 * - `delivered`: Autumn recorded it, now or in this attempt.
 * - `duplicate`: an attempt under this key was accepted before (409 `duplicate_idempotency_key`).
 *   Settled as delivered, unless an attempt whose outcome is unknown was sent so recently that it
 *   may still be running at Autumn, holding the key: then it is asked again later (see the queue).
 * - `refused`: Autumn refuses this event as it stands; a dead letter, with the error.
 * - `transient`: nothing was recorded and Autumn released the key; back off and resend.
 * - `unknown`: the answer was lost after sending; it may have been recorded. Resent under the same
 *   key, which Autumn applies at most once, while its claim on the key lasts.
 */
export type Outcome = "delivered" | "duplicate" | "refused" | "transient" | "unknown";

const named =
  (...names: SDKError["name"][]) =>
  (error: SDKError) =>
    names.includes(error.name);
const answered =
  (test: (status: number, code: string | undefined) => boolean) =>
  (error: SDKError) =>
    error.name === "AutumnAPIError" && test(error.status, error.code);

/** The first row that matches an attempt's error decides; each says why. A success is `delivered`. */
const ROWS: readonly (readonly [match: (error: SDKError) => boolean, outcome: Outcome])[] = [
  // A 2xx whose body did not parse, or a retry refused because an earlier one was accepted: Autumn has it.
  [named("ResponseValidationError", "RequestAlreadyAcceptedError"), "delivered"],
  // Autumn keeps a key it accepted and refuses it again with this 409: an attempt under it was accepted.
  [answered((status, code) => status === 409 && code === "duplicate_idempotency_key"), "duplicate"],
  // Rate limited (429, honouring Retry-After), the body never arrived (408), or Autumn failed (500, 503):
  // it releases the key on each, so nothing was recorded.
  [answered((status) => status === 408 || status === 429 || status === 500 || status === 503), "transient"],
  // A gateway gave up waiting (502, 504): Autumn behind it may still record the event.
  [answered((status) => status === 502 || status === 504), "unknown"],
  // The secret key is refused or lacks a scope: the key is at fault, not the event, which goes once the key is fixed.
  [answered((status) => status === 401 || status === 403), "transient"],
  // Any other 4xx refuses the event as it stands (customer or feature not found, invalid params): resending cannot help.
  [answered((status) => status < 500), "refused"],
  // Any other 5xx: Autumn failed and released the key.
  [named("AutumnAPIError"), "transient"],
  // The params no longer pass the SDK's checks (stored by an older version of it): they never will.
  [named("RequestValidationError"), "refused"],
  // Nothing was sent: the client's settings or credential are at fault (no secret key), not the event.
  [named("ConfigurationError", "CustomerTokenError"), "transient"],
  // The connection was refused or the host not found: the request never reached Autumn.
  [(error) => error.name === "ConnectionError" && neverReachedServer(error), "transient"],
  // The answer was lost: a reset, a timeout, the queue's deadline aborting it, a hook or fetch that threw.
  [() => true, "unknown"],
];

/** What an attempt's error means for its event. */
export function outcomeOf(error: SDKError): Outcome {
  return ROWS.find(([match]) => match(error))![1];
}
