import { HTTPError, type RetryOptions } from "ky";
import type { RetryConfig } from "./config.js";

/**
 * How an operation may be repeated.
 * - `read`: repeating it changes nothing (gets, lists, previews, get-or-create).
 *   Retried on transient failures; no idempotency key is sent, because a key
 *   would turn a harmless repeat into a 409.
 * - `mutation`: repeating it could apply it twice. It carries an
 *   `Idempotency-Key` (generated once per call unless the caller gives one) and
 *   is retried only under that key, so the server refuses a second application.
 */
export type RetryPolicy = "read" | "mutation";

/** What one call's retry decisions depend on; filled in as attempts are made. */
export interface CallState {
  /** Whether the request may be sent again after it may have reached the server. */
  readonly mayResend: boolean;
  /** Epoch ms by which the call must end. */
  readonly deadline: number;
  readonly signal: AbortSignal;
  readonly config: Required<RetryConfig>;
  /** Attempts started so far. */
  attempts: number;
  /** The delay ky will wait before the next backoff retry; chosen in `shouldRetry`. */
  nextDelayMs: number;
}

/** Retry-After or, for rate limits, RateLimit-Reset, in milliseconds from now. */
export function serverWaitMs(headers: Headers): number | undefined {
  const value = headers.get("retry-after") ?? headers.get("ratelimit-reset");
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    // A huge number is an epoch timestamp rather than a delay.
    const ms = seconds * 1000 >= Date.parse("2024-01-01") ? seconds * 1000 - Date.now() : seconds * 1000;
    return Math.max(0, ms);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

// Connection failures that prove the request never reached the server, so
// even a mutation without an idempotency key can be sent again.
const NEVER_SENT = /ECONNREFUSED|ConnectionRefused|Connection refused|ENOTFOUND|EAI_AGAIN/;

function neverReachedServer(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (NEVER_SENT.test(`${String(code)} ${String(message)}`)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Exponential backoff with equal jitter: half fixed, half random. */
function backoffMs(config: Required<RetryConfig>, retryCount: number): number {
  const ceiling = Math.min(config.maxDelayMs, config.initialDelayMs * 2 ** (retryCount - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Whether to retry after `error`, given the call's state. Written as policy: each branch says why. */
export function shouldRetry(state: CallState, error: unknown, retryCount: number): boolean | undefined {
  // The caller aborted or the budget ran out: stop at once.
  if (state.signal.aborted) return false;
  if (error instanceof HTTPError) {
    const { status, headers } = error.response;
    // Only statuses that mean "not processed" or "transient" are retried.
    if (!state.config.statusCodes.includes(status)) return false;
    // The server may have applied a keyless mutation before failing.
    if (!state.mayResend) return false;
    const wait = status === 429 || status === 503 ? serverWaitMs(headers) : undefined;
    if (wait !== undefined) {
      // Waiting longer than allowed, or past the budget, would only delay the same error.
      if (wait > state.config.maxRetryAfterMs || Date.now() + wait >= state.deadline) return false;
      return undefined; // ky waits for the server's Retry-After
    }
  } else {
    // Anything but a transport failure (a hook's error, a bug) is not retried.
    if (!(error instanceof TypeError)) return false;
    if (!state.config.retryConnectionErrors) return false;
    // A reset or a timeout may come after the server applied the request.
    if (!state.mayResend && !neverReachedServer(error)) return false;
  }
  state.nextDelayMs = backoffMs(state.config, retryCount);
  // A backoff that ends past the budget would only turn this error into a timeout.
  if (Date.now() + state.nextDelayMs >= state.deadline) return false;
  return true;
}

/** ky's retry options for one call: every decision is delegated to `shouldRetry`. */
export function kyRetryOptions(state: CallState): RetryOptions {
  const { config } = state;
  return {
    limit: config.limit,
    methods: ["post"],
    statusCodes: [...config.statusCodes],
    afterStatusCodes: [429, 503],
    maxRetryAfter: config.maxRetryAfterMs,
    delay: () => state.nextDelayMs,
    shouldRetry: ({ error, retryCount }) => shouldRetry(state, error, retryCount),
  };
}
