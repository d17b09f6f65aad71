import { AutumnError } from "../../lib/errors/autumn-error.js";

/** `add` was called after `close()`: the event was not stored. */
export class QueueClosedError extends AutumnError {
  override readonly name = "QueueClosedError" as const;

  constructor() {
    super("The usage queue is closed; the event was not stored");
  }
}
