import { AutumnError } from "./autumn-error.js";
import type { ValidationIssue } from "./request-validation-error.js";

/**
 * Why a webhook was refused, in the order the checks run:
 *
 * - `invalid_secret`: the secret is missing or is not `whsec_` and base64. A setup problem: every delivery will fail.
 * - `payload_not_raw`: the payload is not a string, `Uint8Array` or `ArrayBuffer` (a parsed body, most likely).
 * - `missing_header`: no `svix-id`, `svix-timestamp` or `svix-signature` (nor their `webhook-*` names).
 * - `invalid_timestamp`: the timestamp header is not a Unix time in seconds.
 * - `timestamp_outside_tolerance`: the timestamp is further from now than the tolerance (a replay, or a wrong clock).
 * - `crypto_unavailable`: the runtime has no Web Crypto (`crypto.subtle`), or it failed.
 * - `no_matching_signature`: no `v1` signature matches: another secret, or a body that changed after it was received.
 * - `invalid_json`: the signature matches but the body is not JSON.
 * - `invalid_payload`: the signature matches but the event is not `{ type, data }`, or a known type's `data` lacks a field.
 * - `unexpected`: a bug in the SDK; `cause` says more.
 */
export type WebhookVerificationReason =
  | "invalid_secret"
  | "payload_not_raw"
  | "missing_header"
  | "invalid_timestamp"
  | "timestamp_outside_tolerance"
  | "crypto_unavailable"
  | "no_matching_signature"
  | "invalid_json"
  | "invalid_payload"
  | "unexpected";

/** What a refused webhook's error holds; only `reason` and `message` are always there. */
export interface WebhookVerificationErrorInit {
  reason: WebhookVerificationReason;
  message: string;
  /** The header at fault, for `missing_header`, `invalid_timestamp` and `timestamp_outside_tolerance`. */
  header?: string;
  /** The delivery id, when the request carried one. */
  deliveryId?: string;
  /** The event type, for `invalid_payload` of a known type. */
  type?: string;
  /** What did not match, by wire path (`data.limit_type`), for `invalid_payload`. */
  issues?: readonly ValidationIssue[];
  /** The body as received, for `invalid_json` and `invalid_payload`, or a note that it is withheld because it holds credentials. */
  rawBody?: string;
  cause?: unknown;
}

/**
 * A webhook that `webhooksVerify` refused, with the check that failed in
 * `reason`. Its message, fields and JSON never hold the secret. When
 * `signatureVerified` is true (`invalid_json`, `invalid_payload`) the delivery
 * is genuine, from Autumn, and only its body is not what the SDK expects.
 */
export class WebhookVerificationError extends AutumnError {
  override readonly name = "WebhookVerificationError" as const;
  /** The check that failed. */
  declare readonly reason: WebhookVerificationReason;
  /** Whether the signature matched: the delivery is Autumn's, its body is not what the SDK expects. */
  declare readonly signatureVerified: boolean;
  /** The header at fault (`svix-signature`), for header and timestamp checks. */
  declare readonly header?: string;
  /** The delivery id, when the request carried one (unverified unless `signatureVerified`). */
  declare readonly deliveryId?: string;
  /** The event type of a known event whose `data` did not match. */
  declare readonly type?: string;
  /** What did not match, by wire path, for `invalid_payload`. */
  declare readonly issues?: readonly ValidationIssue[];
  /**
   * The body as received, when the signature matched; `[withheld: the body holds credentials]` when it
   * names one (an `access_token`, a `secret`, a `password`, an API key) or holds a secret key.
   */
  declare readonly rawBody?: string;

  constructor(init: WebhookVerificationErrorInit) {
    const { message, cause, ...fields } = init;
    super(message, { ...fields, signatureVerified: init.reason === "invalid_json" || init.reason === "invalid_payload" }, cause);
  }
}
