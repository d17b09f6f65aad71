import type { Call } from "./call.js";
import { AutumnAPIError } from "./errors/autumn-api-error.js";
import { ConnectionError } from "./errors/connection-error.js";
import type { SDKError } from "./errors/index.js";
import { RequestAbortedError } from "./errors/request-aborted-error.js";
import { RequestAlreadyAcceptedError } from "./errors/request-already-accepted-error.js";
import { RequestTimeoutError } from "./errors/request-timeout-error.js";
import { ResponseTooLargeError } from "./errors/response-too-large-error.js";
import { UnexpectedClientError } from "./errors/unexpected-client-error.js";
import { headerRecord, NOT_JSON, parseJson } from "./json.js";
import { requestedWaitMs } from "./retry.js";

/** What ended a call that got no usable response: the caller, the budget, the network, or a bug. */
export function thrownError(call: Call, thrown: unknown): SDKError {
  const { callerSignal, attempts, idempotencyKey } = call;
  if (callerSignal?.aborted) return new RequestAbortedError({ reason: callerSignal.reason });
  // Made by the transport once an answer passed the limit: the error is complete as it is.
  if (thrown instanceof ResponseTooLargeError) return thrown;
  if (isTimeout(thrown) || Date.now() >= call.deadline) return new RequestTimeoutError({ timeoutMs: call.timeoutMs, attempts, idempotencyKey });
  // fetch reports every network failure, and a body cut off mid-read, as a TypeError.
  if (thrown instanceof TypeError) return new ConnectionError({ url: call.url, attempts, cause: thrown, idempotencyKey });
  return new UnexpectedClientError({ message: "The request failed inside the SDK or a hook", cause: thrown });
}

/** Whether an attempt ended because ky's timeout, the rest of the call's budget, fired. */
export function isTimeout(thrown: unknown): boolean {
  return (thrown as Error | undefined)?.name === "TimeoutError";
}

/** The error for a non-2xx answer: by status first, by the body's code second. */
export function statusError(call: Call, response: Response, rawBody: string): SDKError {
  const parsed = parseJson(rawBody);
  const body = parsed === NOT_JSON ? undefined : parsed;
  const fields = (body && typeof body === "object" ? body : {}) as { code?: unknown; message?: unknown; env?: unknown };
  const code = typeof fields.code === "string" ? fields.code : undefined;
  const { status, headers } = response;
  // Autumn releases a key after any failure but a 409, so a 409 on a retry means an earlier attempt was applied.
  if (status === 409 && code === "duplicate_idempotency_key" && call.attempts > 1 && call.idempotencyKey) {
    return new RequestAlreadyAcceptedError({ idempotencyKey: call.idempotencyKey, attempts: call.attempts, rawBody });
  }
  return new AutumnAPIError({
    status,
    code,
    message: typeof fields.message === "string" ? bounded(fields.message) : describeStatus(response, rawBody),
    env: typeof fields.env === "string" ? fields.env : undefined,
    rawBody,
    headers: headerRecord(headers),
    retryAfterMs: requestedWaitMs(status, headers),
    idempotencyKey: call.idempotencyKey,
  });
}

/** The server's message, cut at 1,000 characters: `rawBody` already holds all of it, and a message is logged whole. */
function bounded(message: string): string {
  return message.length > 1_000 ? `${message.slice(0, 1_000)}…` : message;
}

function describeStatus(response: Response, rawBody: string): string {
  const type = response.headers.get("content-type") ?? "";
  // A short plain-text answer (the rate limiter's) is the best message there is.
  if (type.startsWith("text/plain") && rawBody.length > 0 && rawBody.length <= 200) return rawBody.trim();
  if (response.status >= 300 && response.status < 400) return `Unexpected redirect (HTTP ${response.status}); redirects are not followed`;
  const kind = type.includes("html") ? "an HTML" : rawBody === "" ? "an empty" : "a non-JSON";
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""} with ${kind} body`;
}
