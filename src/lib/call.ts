import type { RequestOptions, RetryConfig } from "./config.js";
import type { CallSettings } from "./options.js";

/** The request a call sends on every attempt, as `prepare` built it. */
export interface PreparedRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The `Idempotency-Key` every attempt carries (mutations, or a caller's key). */
  readonly idempotencyKey: string | undefined;
  /** Whether the request may be sent again after it may have reached the server. */
  readonly mayResend: boolean;
  /** The credential sent, so that a server echoing it back can be redacted. Never leaves the SDK. */
  readonly credential: string;
}

/** Everything one call knows, in one object: its settings, its request, its budget and how far it got. */
export interface Call extends PreparedRequest {
  readonly body: string;
  /** The caller's extra `fetch` options. */
  readonly fetchOptions: RequestOptions["fetchOptions"];
  /** The time budget of the whole call, in milliseconds. */
  readonly timeoutMs: number;
  readonly retryConfig: Required<RetryConfig>;
  /** The caller's signal, if any. */
  readonly callerSignal: AbortSignal | undefined;
  /** Aborted when the caller aborts or the time budget runs out: it ends work in flight and waits. */
  readonly signal: AbortSignal;
  /** Epoch ms by which the call must end. */
  readonly deadline: number;
  /** Attempts started so far. */
  attempts: number;
  /** Stops the budget timer and lets go of the caller's signal. */
  readonly end: () => void;
}

/** The abort reason of a spent time budget. */
export const BUDGET_SPENT = "autumn-sdk: the call's time budget is spent";

/**
 * Starts a call: its budget timer, and one signal that the caller's signal and
 * the budget both abort. Linking by listener rather than `AbortSignal.any` keeps
 * it cheap and works where `AbortSignal.any` is missing (the edge runtime of
 * Next.js and Vercel, older browsers).
 */
export function startCall(settings: CallSettings, request: PreparedRequest, body: string, options: RequestOptions | undefined): Call {
  const callerSignal = options?.signal;
  const controller = new AbortController();
  // setTimeout fires after 1 ms for any delay over 2^31-1 ms (24.8 days), so a longer budget is capped there.
  const timer = setTimeout(abortBudget, Math.min(settings.timeoutMs, 2_147_483_647), controller);
  const follow = callerSignal && (() => controller.abort(callerSignal.reason));
  if (follow) callerSignal.addEventListener("abort", follow);
  return {
    url: request.url,
    headers: request.headers,
    idempotencyKey: request.idempotencyKey,
    mayResend: request.mayResend,
    credential: request.credential,
    body,
    fetchOptions: options?.fetchOptions,
    timeoutMs: settings.timeoutMs,
    retryConfig: settings.retryConfig,
    callerSignal,
    signal: controller.signal,
    deadline: Date.now() + settings.timeoutMs,
    attempts: 0,
    end() {
      clearTimeout(timer);
      if (follow) callerSignal.removeEventListener("abort", follow);
    },
  };
}

function abortBudget(controller: AbortController): void {
  controller.abort(BUDGET_SPENT);
}
