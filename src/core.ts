import type { CallBudget, Client, CustomerScope } from "./lib/client.js";
import type { AutumnOptions, Logger, ResolvedHooks, RetryConfig } from "./lib/config.js";
import { secretKeyCredential } from "./lib/credential.js";
import { type ClientSettings, clientSettings } from "./lib/options.js";
import type { Result } from "./lib/result.js";

export type { AutumnOptions, Hooks, Logger, RetryConfig, RequestOptions } from "./lib/config.js";

/** The settings every client holds, checked and read-only. `AutumnCore` and `CustomerCore` build on it. */
export abstract class CoreSettings implements Client {
  /** The API origin requests go to, without a trailing slash. */
  declare readonly serverURL: string;
  /** The `x-api-version` sent with every request. */
  declare readonly xApiVersion: string;
  /** Time budget of one call, retries included. */
  declare readonly timeoutMs: number;
  /** The most bytes of one answer's body that are read. */
  declare readonly maxResponseBytes: number;
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
  /** Present on a client that acts for one customer. */
  declare readonly customerScope?: CustomerScope | undefined;

  protected constructor(settings: Omit<ClientSettings, "secretKey">) {
    Object.assign(this, settings);
  }

  /** The credential for the next request, checked; the pipeline calls it. */
  abstract credential(budget: CallBudget): Result<string> | Promise<Result<string>>;
}

/**
 * The client configuration every standalone function takes first: checked,
 * read-only settings and the secret key. It does no I/O. Create one and share
 * it. A malformed option throws a `ConfigurationError` naming it, here rather
 * than at the first call.
 *
 * @example
 * ```ts
 * import { AutumnCore } from "@useautumn/sdk/core.js";
 * const autumn = new AutumnCore({ secretKey: process.env["AUTUMN_SECRET_KEY"] });
 * ```
 */
export class AutumnCore extends CoreSettings {
  // Private so that logging or serialising the client never shows the key.
  readonly #secretKey: AutumnOptions["secretKey"];

  constructor(options?: AutumnOptions) {
    const { secretKey, ...settings } = clientSettings(options);
    super(settings);
    this.#secretKey = secretKey;
  }

  /**
   * The secret key for the next request: the configured one, else the one a
   * configured function returns, else `AUTUMN_SECRET_KEY`; checked for an
   * Autumn credential prefix.
   */
  credential(): Result<string> | Promise<Result<string>> {
    return secretKeyCredential(this.#secretKey);
  }
}
