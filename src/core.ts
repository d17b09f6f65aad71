import type { AutumnOptions, Logger, ResolvedHooks, RetryConfig } from "./lib/config.js";
import { readEnv } from "./lib/env.js";
import { clientSettings } from "./lib/options.js";

export type { AutumnOptions, Hooks, Logger, RetryConfig, RequestOptions } from "./lib/config.js";

/**
 * The client configuration every standalone function takes first. It holds
 * checked, read-only settings and does no I/O. Create one and share it.
 * A malformed option throws a `ConfigurationError` naming it, here rather
 * than at the first call.
 *
 * @example
 * ```ts
 * import { AutumnCore } from "@useautumn/sdk/core.js";
 * const autumn = new AutumnCore({ secretKey: process.env["AUTUMN_SECRET_KEY"] });
 * ```
 */
export class AutumnCore {
  /** The API origin requests go to, without a trailing slash. */
  declare readonly serverURL: string;
  /** The `x-api-version` sent with every request. */
  declare readonly xApiVersion: string;
  /** Time budget of one call, retries included. */
  declare readonly timeoutMs: number;
  /** Retry settings. */
  declare readonly retryConfig: Required<RetryConfig>;
  /** The `fetch` in use; undefined means the global one at call time. */
  declare readonly fetch: typeof fetch | undefined;
  /** Hooks around every attempt, each kind as an array. */
  declare readonly hooks: ResolvedHooks;
  /** Debug output, if any. */
  declare readonly debugLogger: Logger | undefined;
  /** The `user-agent` header value. */
  declare readonly userAgent: string;
  /** Whether mutations get a generated `Idempotency-Key`. */
  declare readonly autoIdempotencyKey: boolean;
  /** Whether `check` and `track` return a synthesised "allowed" value during an outage. */
  declare readonly failOpen: boolean;
  // Private so that logging or serialising the client never shows the key.
  readonly #secretKey: AutumnOptions["secretKey"];

  constructor(options?: AutumnOptions) {
    const { secretKey, ...settings } = clientSettings(options);
    this.#secretKey = secretKey;
    Object.assign(this, settings);
  }

  /**
   * The secret key for the next request: the configured one, else the one a
   * configured function returns, else `AUTUMN_SECRET_KEY`. Empty means none.
   */
  async secretKey(): Promise<string | undefined> {
    const configured = typeof this.#secretKey === "function" ? await this.#secretKey() : this.#secretKey;
    return configured || readEnv("AUTUMN_SECRET_KEY");
  }
}
