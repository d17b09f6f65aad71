import type { Call } from "./call.js";

/**
 * How long a 429 or 503 asks the client to wait (`Retry-After`, else for a
 * rate limit `RateLimit-Reset`), in milliseconds from now. Other statuses ask
 * for nothing: Autumn sends `RateLimit-Reset` on most answers, where it is the
 * window's reset and not a request to wait.
 */
export function requestedWaitMs(status: number, headers: Headers): number | undefined {
  if (status !== 429 && status !== 503) return undefined;
  // Autumn sends its rate-limit window on most answers, a 503 included: its reset is a wait only for a 429.
  const value = headers.get("retry-after") ?? (status === 429 ? headers.get("ratelimit-reset") : null);
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  // A delay is never negative: such a header asks for nothing, and backoff applies.
  if (seconds < 0) return undefined;
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

/** Whether a transport failure proves the request never reached the server (refused, no such host). */
export function neverReachedServer(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (NEVER_SENT.test(`${String(code)} ${String(message)}`)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Whether an error status proves the request was not applied: the rate limiter answers 429 before any
 * route runs, and Autumn's routes never answer 503 or 408 themselves (a gateway does, when it had nowhere
 * to send the request or did not receive all of it).
 */
export function answeredUnapplied(status: number): boolean {
  return status === 429 || status === 503 || status === 408;
}

/** Exponential backoff with equal jitter: half fixed, half random. */
export function backoffMs(config: { readonly initialDelayMs: number; readonly maxDelayMs: number }, retry: number): number {
  const ceiling = Math.min(config.maxDelayMs, config.initialDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * Whether to make another attempt after an error status's `response`, or
 * after an attempt threw `thrown`, and after how many milliseconds. Undefined
 * means the call ends with the failure. Written as policy: each branch says why.
 */
export function retryDelayMs(call: Call, response: Response | undefined, thrown?: unknown): number | undefined {
  const config = call.retryConfig;
  // The caller aborted or the budget ran out: stop at once.
  if (call.callerSignal?.aborted || Date.now() >= call.deadline) return undefined;
  // Every allowed retry has been made.
  if (call.attempts > config.limit) return undefined;
  let wait: number | undefined;
  if (response) {
    // Only statuses that mean "not processed" or "transient" are retried.
    if (!config.statusCodes.includes(response.status)) return undefined;
    // The server may have applied a keyless mutation before failing.
    if (!call.mayResend) return undefined;
    wait = requestedWaitMs(response.status, response.headers);
    // Waiting longer than allowed would only delay the same error.
    if (wait !== undefined && wait > config.maxRetryAfterMs) return undefined;
  } else {
    // Anything but a transport failure (a hook's error, a bug) is not retried.
    if (!(thrown instanceof TypeError) || !config.retryConnectionErrors) return undefined;
    // A reset or a timeout may come after the server applied the request.
    if (!call.mayResend && !neverReachedServer(thrown)) return undefined;
  }
  // An attempt that may have been applied spends one of the operation's repeats after a loss.
  if (response ? !answeredUnapplied(response.status) : !neverReachedServer(thrown)) {
    if (call.repeatsAfterLoss <= 0) return undefined;
    call.repeatsAfterLoss -= 1;
  }
  wait ??= backoffMs(config, call.attempts);
  // A wait that ends past the budget would only turn this failure into a timeout.
  return Date.now() + wait < call.deadline ? wait : undefined;
}

/** Waits `ms`; resolves false at once if `signal` aborts first. Never rejects. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve(!signal?.aborted);
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done);
  });
}
