import ky, { type Hooks as KyHooks } from "ky";
import type { Client } from "./client.js";
import type { Call } from "./call.js";
import type { Logger, ResolvedHooks } from "./config.js";
import { ResponseTooLargeError } from "./errors/response-too-large-error.js";
import { headerRecord } from "./json.js";

/** What one attempt got: the response and its body. */
export interface Answer {
  readonly response: Response;
  readonly text: string;
}

// Statuses whose responses cannot carry a body, and the opaque redirect a
// browser reports as status 0: nothing is read from these.
const BODYLESS = new Set([0, 101, 204, 205, 304]);

/** Bodies read inside their attempt, by response. */
const bodies = new WeakMap<Response, string>();

/** The longest delay `setTimeout` (and so ky's `timeout`) takes; longer ones fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * One attempt: ky sends the request with the rest of the call's budget as its
 * timeout, neither retrying nor throwing on a status (the pipeline decides
 * both). The body is read inside the attempt, under that timeout: a body that
 * stalls times out, and one cut off mid-way fails this attempt (which the
 * retry policy sees) rather than the call after its retries are over.
 */
export async function sendAttempt(client: Client, call: Call, sensitive?: boolean): Promise<Answer> {
  const attempt = ++call.attempts;
  const logger = client.debugLogger;
  const started = Date.now();
  const fetchWith = client.fetch ?? globalThis.fetch;
  // ky clones each response for afterResponse hooks, which needs a body still unread.
  const rebuild = client.hooks.afterResponse.length > 0;
  let response = await ky(call.url, {
    ...call.fetchOptions,
    method: "POST",
    body: call.body,
    headers: call.headers,
    signal: call.signal,
    timeout: Math.max(1, Math.min(call.deadline - started, MAX_TIMER_MS)),
    retry: 0,
    throwHttpErrors: false,
    redirect: "manual",
    fetch: async (input, init) => {
      if (logger) logRequest(logger, input, attempt);
      const answer = await fetchWith(input, init);
      if (BODYLESS.has(answer.status)) return answer;
      const text = await readBody(answer, call);
      if (rebuild) return new Response(text, answer);
      bodies.set(answer, text);
      return answer;
    },
    hooks: kyHooks(client.hooks),
  });
  // A server or proxy that echoes the key back must not put it into values, errors or the log.
  // A body an afterResponse hook put in place is read here, under the same limit.
  const text = redact(bodies.get(response) ?? (BODYLESS.has(response.status) ? "" : await readBody(response, call)), call.credential);
  const headers = redactHeaders(response.headers, call.credential);
  if (headers !== response.headers) response = new Response(null, { status: response.status, statusText: response.statusText, headers });
  if (logger) {
    // An answer that holds tokens is never written to the log.
    logger.debug(`[autumn] <- ${response.status} attempt ${attempt} in ${Date.now() - started} ms: ${sensitive ? "[body withheld: it holds tokens]" : text.slice(0, 2_000)}`);
  }
  return { response, text };
}

/**
 * The body as text, read as a stream so that no more than `maxResponseBytes` (decoded) is ever held:
 * past it, reading stops, the rest is cancelled, and the attempt throws a ResponseTooLargeError.
 */
async function readBody(response: Response, call: Call): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > call.maxResponseBytes) {
      reader.cancel().catch(() => {});
      throw new ResponseTooLargeError({
        status: response.status,
        maxResponseBytes: call.maxResponseBytes,
        headers: headerRecord(redactHeaders(response.headers, call.credential)),
        idempotencyKey: call.idempotencyKey,
      });
    }
    text += decoder.decode(value, { stream: true });
  }
}

function redact(text: string, secret: string): string {
  return text.includes(secret) ? text.split(secret).join("[redacted]") : text;
}

/** The headers with the key replaced, or the same headers when none holds it. */
function redactHeaders(headers: Headers, secret: string): Headers {
  let copy: Headers | undefined;
  headers.forEach((value, name) => {
    if (value.includes(secret)) (copy ??= new Headers(headers)).set(name, redact(value, secret));
  });
  return copy ?? headers;
}

function logRequest(logger: Logger, input: RequestInfo | URL, attempt: number): void {
  if (!(input instanceof Request)) return;
  const headers: string[] = [];
  input.headers.forEach((value, name) => {
    // The secret key is never written to the log, whatever the logger is.
    headers.push(`${name}: ${name === "authorization" ? "Bearer [redacted]" : value}`);
  });
  logger.debug(`[autumn] -> ${input.method} ${input.url} attempt ${attempt} {${headers.join(", ")}}`);
}

const kyHooksOf = new WeakMap<ResolvedHooks, KyHooks>();

/** A client's hooks in ky's shape, made once per client. */
function kyHooks(hooks: ResolvedHooks): KyHooks {
  let converted = kyHooksOf.get(hooks);
  if (!converted) {
    converted = {
      beforeRequest: hooks.beforeRequest.map((hook) => async (request) => (await hook(request)) ?? undefined),
      afterResponse: hooks.afterResponse.map((hook) => async (request, _options, response) => (await hook(response, request)) ?? undefined),
    };
    kyHooksOf.set(hooks, converted);
  }
  return converted;
}
