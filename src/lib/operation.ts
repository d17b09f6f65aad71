import type * as v from "valibot";
import type { SDKError } from "./errors/index.js";
import type { WireBody } from "./wire.js";

/**
 * How an operation may be repeated.
 * - `read`: repeating it changes nothing (gets, lists, previews, get-or-create).
 *   Retried on transient failures; no idempotency key is sent, because a key
 *   would turn a harmless repeat into a 409.
 * - `mutation`: repeating it could apply it twice. It carries an
 *   `Idempotency-Key` (generated once per call unless the caller gives one) and
 *   is retried only under that key, so the server refuses a second application.
 */
export type RetryPolicy = "read" | "mutation";

/** Everything that distinguishes one operation from another: data, not code. */
export interface Operation<TParams, TValue> {
  /** The path after `/v1/`, e.g. `customers.get`. */
  readonly path: string;
  /** Checks the caller's params and turns them into the wire body. */
  readonly params: v.GenericSchema<TParams, WireBody>;
  /** Checks the wire body and turns it into the returned value. */
  readonly response: v.GenericSchema<unknown, TValue>;
  /** Whether the operation may be repeated freely; may depend on the params. State the reason beside it. */
  readonly retry: RetryPolicy | ((params: TParams) => RetryPolicy);
  /** The value of a 2xx without a body (an async track's 202 or 204): the request was accepted, nothing more is known. */
  readonly accepted?: (params: TParams) => TValue;
  /** The "allowed" value to return during an outage when the caller opts in to failing open. */
  readonly failOpen?: (params: TParams, cause: SDKError) => TValue;
  /** The credential the operation authenticates with, taken from its params instead of the client (`keys.refresh`: the refresh token); undefined falls back to the client's. */
  readonly credential?: (params: TParams) => string | undefined;
  /**
   * At most this many repeats after attempts that may have been applied (a 5xx other than 503, a
   * timeout, a cut connection), where repeating more often would do harm; repeats after answers that
   * prove nothing was applied (`answeredUnapplied`) follow the client's retry settings alone.
   */
  readonly maxRepeatsAfterLoss?: number;
  /** The answer holds credentials: its body is never logged, nor kept in an error when it does not parse. */
  readonly sensitive?: boolean;
}
