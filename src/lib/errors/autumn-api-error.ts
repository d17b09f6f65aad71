import { NOT_JSON, parseJson } from "../json.js";
import { AutumnError } from "./autumn-error.js";

/** The fields of an error response, as the SDK read them. */
export interface APIErrorInit {
  /** The HTTP status. */
  status: number;
  /** The error code from a JSON error body (`customer_not_found`, …); undefined for non-JSON bodies. */
  code: string | undefined;
  /** The message from a JSON error body, or a description of the non-JSON response. */
  message: string;
  /** The environment named by the error body (`sandbox` or `live`), when it names one. */
  env: string | undefined;
  /** @deprecated Not kept: `body` is parsed from `rawBody` when it is read, so the error holds the body once. */
  body?: unknown;
  /** The response body exactly as received. */
  rawBody: string;
  /** The response headers. */
  headers: Record<string, string>;
  /** How long the server asked the caller to wait before retrying, from `Retry-After`. */
  retryAfterMs: number | undefined;
  /** The `Idempotency-Key` the call's attempts carried (mutations only). */
  idempotencyKey?: string | undefined;
}

/**
 * Autumn answered with a non-2xx status. Plain-text rate-limit answers and
 * HTML gateway pages are reported here too, classified by `status`, with the
 * body kept in `rawBody`.
 */
export class AutumnAPIError extends AutumnError {
  override readonly name = "AutumnAPIError" as const;
  /** The HTTP status. */
  declare readonly status: number;
  /** The error code from a JSON error body; undefined for non-JSON bodies. New codes appear over time. */
  declare readonly code: string | undefined;
  /** The environment named by the error body, when it names one. */
  declare readonly env: string | undefined;
  /** The response body exactly as received: the one copy of the body the error holds. */
  declare readonly rawBody: string;
  /** The response headers. */
  declare readonly headers: Record<string, string>;
  /** How long the server asked the caller to wait before retrying, from `Retry-After`. */
  declare readonly retryAfterMs: number | undefined;
  /**
   * The `Idempotency-Key` the call's attempts carried (mutations only). After a 5xx or 429 that
   * followed a lost answer, an earlier attempt may have been applied: resend with this key to settle it.
   */
  declare readonly idempotencyKey: string | undefined;

  constructor(init: APIErrorInit) {
    const { message, body: _body, ...fields } = init;
    super(init.code ? `${message} (${init.status} ${init.code})` : `${message} (${init.status})`, fields);
  }

  /**
   * The parsed JSON body, or undefined when the body is not JSON. Parsed from `rawBody` on each read
   * rather than kept beside it, so that a large body is held (and logged, and serialised) once.
   */
  get body(): unknown {
    const parsed = parseJson(this.rawBody);
    return parsed === NOT_JSON ? undefined : parsed;
  }
}

/** The name Autumn's documentation gives the API error. */
export { AutumnAPIError as AutumnDefaultError };
