import { AutumnError } from "./autumn-error.js";

/** Something failed inside the SDK or in a caller-supplied hook or `fetch`. The cause is attached. */
export class UnexpectedClientError extends AutumnError {
  override readonly name = "UnexpectedClientError" as const;

  constructor(init: { message: string; cause: unknown }) {
    super(init.message, undefined, init.cause);
  }
}
