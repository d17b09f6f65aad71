import { AutumnError } from "./autumn-error.js";

/** The caller's `signal` aborted the call. No further attempt is made. */
export class RequestAbortedError extends AutumnError {
  override readonly name = "RequestAbortedError" as const;

  constructor(init: { reason: unknown }) {
    super("The request was aborted by the caller's signal", undefined, init.reason);
  }
}
