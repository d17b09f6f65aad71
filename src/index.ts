export { Autumn } from "./autumn.js";
export { AutumnCore } from "./core.js";
export type { AutumnOptions, Hooks, Logger, RequestOptions, RetryConfig } from "./lib/config.js";
export type { Result } from "./lib/result.js";
export type { FailOpenMarker } from "./lib/fail-open.js";
export type { CheckResult } from "./funcs/balances-check.js";
export type { TrackResult } from "./funcs/balances-track.js";
export * from "./lib/errors/index.js";
export type * from "./models/index.js";
