import { AutumnError } from "../../lib/errors/autumn-error.js";

/**
 * The queue holds `capacity` events (pending, in flight and dead letters), so the event was refused,
 * not stored. Nothing is ever dropped silently: deliver or handle what the queue holds, then add again.
 */
export class QueueFullError extends AutumnError {
  override readonly name = "QueueFullError" as const;
  /** The queue's `capacity`. */
  declare readonly capacity: number;

  constructor(init: { capacity: number }) {
    super(`The usage queue is full (capacity ${init.capacity}); the event was not stored`, init);
  }
}
