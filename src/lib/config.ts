/** Retry settings. Which operations may be retried at all is decided per operation; this decides how. */
export interface RetryConfig {
  /** Retries after the first attempt. `0` turns retries off. */
  readonly limit?: number;
  /** Delay before the first retry, doubled for each further one. */
  readonly initialDelayMs?: number;
  /** Upper bound of one backoff delay. */
  readonly maxDelayMs?: number;
  /** Longest `Retry-After` the SDK will wait for; a longer one ends the call with the error. */
  readonly maxRetryAfterMs?: number;
  /** HTTP statuses that are retried. */
  readonly statusCodes?: readonly number[];
  /** Whether connection failures (refused, reset, DNS) are retried. */
  readonly retryConnectionErrors?: boolean;
}

/** Inspects or replaces each outgoing attempt. */
export type BeforeRequestHook = (request: Request) => Request | void | Promise<Request | void>;
/** Sees each response before the SDK reads it; may return a replacement. */
export type AfterResponseHook = (response: Response, request: Request) => Response | void | Promise<Response | void>;

/** Hooks run around every attempt, retries included. Each takes one function or an array of them. */
export interface Hooks {
  readonly beforeRequest?: BeforeRequestHook | readonly BeforeRequestHook[];
  readonly afterResponse?: AfterResponseHook | readonly AfterResponseHook[];
}

/** The hooks of a client, each kind as an array (possibly empty). */
export interface ResolvedHooks {
  readonly beforeRequest: readonly BeforeRequestHook[];
  readonly afterResponse: readonly AfterResponseHook[];
}

/** Where debug output goes; `console` fits. */
export interface Logger {
  debug(...args: unknown[]): void;
}

/** Options of `AutumnCore` and `Autumn`. Every one is optional. */
export interface AutumnOptions {
  /**
   * The secret key (`am_sk_test_…` or `am_sk_live_…`; any Autumn credential: `am_sk_`, `am_jwt_`, `am_pk_`,
   * `am_oauth_`), or a function returning it, called per request so keys can rotate. Defaults to `AUTUMN_SECRET_KEY`.
   */
  readonly secretKey?: string | (() => string | Promise<string>);
  /** The API origin. Defaults to `AUTUMN_SERVER_URL`, then `https://api.useautumn.com`. */
  readonly serverURL?: string;
  /** The API version sent as `x-api-version` on every request. The SDK's models describe `2.3.0`. */
  readonly xApiVersion?: string;
  /** Time budget of one call, retries and backoff included, in milliseconds. */
  readonly timeoutMs?: number;
  /** The most bytes of one answer's body the SDK reads (decoded, after any gzip); a larger one is a `ResponseTooLargeError`. Default 16 MiB. */
  readonly maxResponseBytes?: number;
  /** How retries are made. */
  readonly retryConfig?: RetryConfig;
  /** The `fetch` to use (a proxy-aware one, a test double). Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Hooks around every attempt. */
  readonly hooks?: Hooks;
  /** Receives one line per attempt and response. The secret key is never written to it. */
  readonly debugLogger?: Logger;
  /** The `user-agent` header, where the runtime lets it be set. */
  readonly userAgent?: string;
  /** Generate an `Idempotency-Key` for every mutation, which is what makes mutations safe to retry. */
  readonly autoIdempotencyKey?: boolean;
  /**
   * During an Autumn outage (unreachable, timed out, or a 5xx), let `check` and
   * `track` return an "allowed" value marked `failedOpen: true` instead of an
   * error, so a billing outage does not lock users out. Off by default.
   */
  readonly failOpen?: boolean;
}

/** Per-call options of every standalone function and facade method. */
export interface RequestOptions {
  /** Aborts the call, including any wait between retries. */
  readonly signal?: AbortSignal;
  /** Overrides the client's time budget for this call. */
  readonly timeoutMs?: number;
  /** Overrides the client's `maxResponseBytes` for this call. */
  readonly maxResponseBytes?: number;
  /** Overrides the retry settings for this call; a number sets `limit`. */
  readonly retries?: number | RetryConfig;
  /** Extra headers for this call. `authorization`, `x-api-version`, `content-type` and `idempotency-key` cannot be overridden here. */
  readonly headers?: Record<string, string>;
  /**
   * `fetch`'s own options for this call that the SDK does not set itself. Any other (`method`, `body`,
   * `headers`, `signal`, `redirect`, ky's options) is a `ConfigurationError` naming it, and nothing is sent.
   */
  readonly fetchOptions?: FetchOptions;
  /** The `Idempotency-Key` to send. Reused by every retry of the call. Wins over the generated one. */
  readonly idempotencyKey?: string;
  /** Overrides the API origin for this call. */
  readonly serverURL?: string;
  /** Overrides the client's `failOpen` for this call (`check` and `track` only). */
  readonly failOpen?: boolean;
}

/** The defaults, in one place. */
export const DEFAULTS = {
  serverURL: "https://api.useautumn.com",
  xApiVersion: "2.3.0",
  timeoutMs: 30_000,
  // A list page of 1,000 customers with their plans and balances is a few MiB; an answer 16 MiB long is not Autumn's.
  maxResponseBytes: 16 * 1024 * 1024,
  userAgent: "autumn-sdk-typescript/0.1.0",
  retry: {
    limit: 2,
    initialDelayMs: 500,
    maxDelayMs: 8_000,
    maxRetryAfterMs: 30_000,
    // 408 and 429: the server did not process the request. 500/502/503/504:
    // transient server or gateway failures. 501 and other 5xx are permanent.
    statusCodes: [408, 429, 500, 502, 503, 504],
    retryConnectionErrors: true,
  },
} as const;

/**
 * `fetch`'s own options a call may pass, typed as the runtime's `RequestInit` types them (a key its
 * `RequestInit` lacks, as Node's types lack `cache`, takes nothing).
 */
export type FetchOptions = {
  readonly [K in "cache" | "credentials" | "integrity" | "keepalive" | "mode" | "priority" | "referrer" | "referrerPolicy"]?: K extends keyof RequestInit ? RequestInit[K] : never;
};
