import { localStore } from "./local-store.js";
import type { UsageStore } from "./store.js";

/**
 * The default store: a `Map` in this process. Fast (adding is a few microseconds) and bounded by
 * the queue's `capacity`, but what it holds ends with the process: `close()` reports what was
 * still undelivered, so that it can at least be logged. For usage that must survive a crash or a
 * deploy, use `fileStore` (a Node server) or `redisStore` (several instances, serverless).
 */
export function memoryStore(): UsageStore {
  return localStore();
}
