import { type AutumnOptions, DEFAULTS, type Hooks, type Logger, type RetryConfig } from "./lib/config.js";
import { readEnv } from "./lib/env.js";

export type { AutumnOptions, Hooks, Logger, RetryConfig, RequestOptions } from "./lib/config.js";

/**
 * The client configuration every standalone function takes first. It holds
 * resolved, read-only settings and does no I/O. Create one and share it.
 *
 * @example
 * ```ts
 * import { AutumnCore } from "@useautumn/sdk/core.js";
 * const autumn = new AutumnCore({ secretKey: process.env["AUTUMN_SECRET_KEY"] });
 * ```
 */
export class AutumnCore {
  /** The API origin requests go to. */
  readonly serverURL: string;
  /** The `x-api-version` sent with every request. */
  readonly xApiVersion: string;
  /** Time budget of one call, retries included. */
  readonly timeoutMs: number;
  /** Retry settings. */
  readonly retryConfig: Required<RetryConfig>;
  /** The `fetch` in use; undefined means the global one at call time. */
  readonly fetch: typeof fetch | undefined;
  /** Hooks around every attempt. */
  readonly hooks: Hooks;
  /** Debug output, if any. */
  readonly debugLogger: Logger | undefined;
  /** The `user-agent` header value. */
  readonly userAgent: string;
  /** Whether mutations get a generated `Idempotency-Key`. */
  readonly autoIdempotencyKey: boolean;
  /** Whether `check` and `track` return a synthesised "allowed" value during an outage. */
  readonly failOpen: boolean;
  // Private so that logging or serialising the client never shows the key.
  readonly #secretKey: AutumnOptions["secretKey"];

  constructor(options: AutumnOptions = {}) {
    this.#secretKey = options.secretKey;
    this.serverURL = options.serverURL ?? readEnv("AUTUMN_SERVER_URL") ?? DEFAULTS.serverURL;
    this.xApiVersion = options.xApiVersion ?? DEFAULTS.xApiVersion;
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.retryConfig = Object.freeze({ ...DEFAULTS.retry, ...options.retryConfig });
    this.fetch = options.fetch;
    this.hooks = Object.freeze({ ...options.hooks });
    this.debugLogger = options.debugLogger;
    this.userAgent = options.userAgent ?? DEFAULTS.userAgent;
    this.autoIdempotencyKey = options.autoIdempotencyKey ?? true;
    this.failOpen = options.failOpen ?? false;
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
