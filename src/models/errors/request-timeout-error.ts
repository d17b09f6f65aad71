import { AutumnError } from "./autumn-error.js";

/** The call did not finish within `timeoutMs`, retries included. */
export class RequestTimeoutError extends AutumnError {
  override readonly name = "RequestTimeoutError" as const;
  /** The time budget of the whole call, in milliseconds. */
  readonly timeoutMs: number;
  /** How many attempts were started. */
  readonly attempts: number;

  constructor(init: { timeoutMs: number; attempts: number }) {
    super(`The request did not finish within ${init.timeoutMs} ms (${init.attempts} attempts)`);
    this.timeoutMs = init.timeoutMs;
    this.attempts = init.attempts;
  }
}
