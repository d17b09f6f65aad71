// `@useautumn/sdk/usage-queue`: usage recorded in the background, exactly once. Nothing else in the SDK
// imports it, so an app that does not import it ships none of it. The file and Redis stores have their
// own entries (`/usage-queue/file`, `/usage-queue/redis`), so that this one holds no Node module.
export { createUsageQueue } from "./queue.js";
export type { AddError, AddOptions, CloseReport, FlushReport, QueueStats, UsageQueue } from "./types.js";
export { QUEUE_DEFAULTS, type UsageQueueOptions } from "./options.js";
export { memoryStore } from "./memory-store.js";
export { trackOrQueue, type TrackOrQueueResult } from "./track-or-queue.js";
export { QueueClosedError } from "./errors/queue-closed-error.js";
export { QueueFullError } from "./errors/queue-full-error.js";
export { QueueStoreError } from "./errors/queue-store-error.js";
export type { DeadLetter, DeadLetterError, DeadReason, MaybePromise, QueuedUsage, Settlement, StoreCounts, StoredEvent, UsageStore } from "./store.js";
export type { Outcome } from "./outcome.js";
export type { Result } from "../lib/result.js";
