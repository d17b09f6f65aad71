import { AutumnError } from "./autumn-error.js";
import type { ValidationIssue } from "./request-validation-error.js";

/**
 * Autumn answered with a success status, so the request was accepted, but the
 * body is empty, is not JSON or lacks a field the SDK needs. The body is kept in `rawBody`. Unknown fields and
 * unknown enum values never cause this.
 */
export class ResponseValidationError extends AutumnError {
  override readonly name = "ResponseValidationError" as const;
  /** The HTTP status. */
  declare readonly status: number;
  /** What did not match, by wire path (`balances.messages.granted`). Empty when the body is not JSON. */
  declare readonly issues: readonly ValidationIssue[];
  /** The response body exactly as received. */
  declare readonly rawBody: string;
  /** The response headers. */
  declare readonly headers: Record<string, string>;
  /**
   * The `Idempotency-Key` the call's attempts carried (mutations only). The answer may not be Autumn's (a
   * proxy's page): resend with this key as `idempotencyKey` to settle it, applied at most once.
   */
  declare readonly idempotencyKey: string | undefined;

  constructor(init: { status: number; issues: readonly ValidationIssue[]; rawBody: string; headers: Record<string, string>; idempotencyKey?: string | undefined }) {
    const first = init.issues[0];
    super(
      first
        ? `Unexpected response shape: ${first.path ? `${first.path}: ` : ""}${first.message}`
        : init.rawBody === ""
          ? `The response (HTTP ${init.status}) has no body; the request was accepted, so do not resend it under a new key`
          : "The response body is not valid JSON",
      init,
    );
  }
}
