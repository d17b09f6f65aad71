import type { RequestOptions, RetryConfig } from "./config.js";
import type { CallSettings } from "./options.js";

/** The request a call sends on every attempt, as `prepare` built it. */
export interface PreparedRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The `Idempotency-Key` every attempt carries (mutations, or a caller's key). */
  readonly idempotencyKey: string | undefined;
  /** Whether the request may be sent again after it may have reached the server. */
  readonly mayResend: boolean;
  /** The credential sent, so that a server echoing it back can be redacted. Never leaves the SDK. */
  readonly credential: string;
}

/** Everything one call knows, in one object: its settings, its request, its budget and how far it got. */
export interface Call extends Omit<PreparedRequest, "headers" | "credential"> {
  headers: Readonly<Record<string, string>>;
  credential: string;
  readonly body: string;
  /** The caller's extra `fetch` options. */
  readonly fetchOptions: RequestOptions["fetchOptions"];
  /** The time budget of the whole call, in milliseconds. */
  readonly timeoutMs: number;
  /** The most bytes of an answer's body that are read. */
  readonly maxResponseBytes: number;
  readonly retryConfig: Required<RetryConfig>;
  /** Epoch ms by which the call must end. */
  readonly deadline: number;
  /** The caller's signal, if any: it ends the attempt in flight and any wait. */
  readonly callerSignal: AbortSignal | undefined;
  /**
   * The signal handed to ky. ky links it with the controller its timeout aborts, through
   * `AbortSignal.any`. Where that is missing (the edge runtime of Next.js and Vercel, older
   * browsers) ky makes no controller, so the call brings its own, following the caller's signal,
   * and aborts it when an attempt times out.
   */
  readonly signal: AbortSignal | undefined;
  /** Aborts the call's own controller, where it has one. */
  readonly cancel: () => void;
  /** Attempts started so far. */
  attempts: number;
  /** Repeats still allowed after an attempt that may have been applied (the operation's `maxRepeatsAfterLoss`). */
  repeatsAfterLoss: number;
  /** Lets go of the caller's signal. */
  readonly end: () => void;
  /** Sends the next attempts with a renewed credential. */
  readonly renew: (credential: string) => void;
}

/** Starts a call, with the deadline its budget set when it began, and links the caller's signal where ky cannot. */
export function startCall(settings: CallSettings, request: PreparedRequest, body: string, options: RequestOptions | undefined, deadline: number): Call {
  const callerSignal = options?.signal;
  const controller = typeof AbortSignal.any === "function" ? undefined : new AbortController();
  const follow = controller && callerSignal && (() => controller.abort(callerSignal.reason));
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
    maxResponseBytes: settings.maxResponseBytes,
    retryConfig: settings.retryConfig,
    deadline,
    callerSignal,
    signal: controller ? controller.signal : callerSignal,
    cancel: () => controller?.abort(),
    attempts: 0,
    repeatsAfterLoss: Number.POSITIVE_INFINITY,
    end: () => follow && callerSignal.removeEventListener("abort", follow),
    renew(credential) {
      this.credential = credential;
      this.headers = { ...this.headers, authorization: `Bearer ${credential}` };
    },
  };
}
