import { AutumnError } from "../../lib/errors/autumn-error.js";

/**
 * The queue's store failed: the disk is full or unwritable, Redis is unreachable, the params hold a
 * value JSON cannot carry (a `BigInt`). What the operation says it did was not done; `cause` says why.
 */
export class QueueStoreError extends AutumnError {
  override readonly name = "QueueStoreError" as const;

  constructor(init: { message: string; cause: unknown }) {
    super(init.message, undefined, init.cause);
  }
}
