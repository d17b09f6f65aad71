import { AutumnError } from "./autumn-error.js";

/** The call did not finish within `timeoutMs`, retries included. */
export class RequestTimeoutError extends AutumnError {
  override readonly name = "RequestTimeoutError" as const;
  /** The time budget of the whole call, in milliseconds. */
  declare readonly timeoutMs: number;
  /** How many attempts were started. */
  declare readonly attempts: number;
  /**
   * The `Idempotency-Key` the call's attempts carried (mutations only). The request may have been
   * applied: resend it with this key as `idempotencyKey` to apply it at most once.
   */
  declare readonly idempotencyKey: string | undefined;

  constructor(init: { timeoutMs: number; attempts: number; idempotencyKey?: string | undefined }) {
    super(`The request did not finish within ${init.timeoutMs} ms (${init.attempts} attempts)`, init);
  }
}
