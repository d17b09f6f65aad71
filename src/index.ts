export { Autumn } from "./autumn.js";
export { AutumnCore } from "./core.js";
export type { AutumnOptions, Hooks, Logger, RequestOptions, RetryConfig } from "./lib/config.js";
export type { Result } from "./lib/result.js";
export * from "./models/errors/index.js";
export type * from "./models/index.js";
