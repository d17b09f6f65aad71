import type { Hooks as KyHooks } from "ky";
import type { AutumnCore } from "../core.js";
import type { CallState } from "./retry.js";

/** The `fetch` and hooks ky uses for one call. */
export interface Transport {
  readonly fetch: typeof fetch;
  readonly hooks: KyHooks;
}

// Statuses whose responses cannot carry a body, and the opaque redirect a
// browser reports as status 0: these are passed through unbuffered.
const BODYLESS = new Set([0, 101, 204, 205, 304]);

/** Bodies read inside their attempt, by response. */
const bodies = new WeakMap<Response, string>();

/** The body of a response the transport returned: kept aside, or still to read. */
export async function bodyText(response: Response): Promise<string> {
  return bodies.get(response) ?? (await response.text());
}

/**
 * Wraps the configured `fetch` so that each attempt is counted and logged and
 * its body is read inside the attempt. Reading the body there means a
 * connection that drops mid-body is a failure of that attempt, which the
 * retry policy sees, rather than a failure after retries are over.
 */
export function transport(core: AutumnCore, state: CallState): Transport {
  const baseFetch = core.fetch ?? globalThis.fetch;
  const logger = core.debugLogger;
  const rewrap = Boolean(core.hooks.afterResponse?.length);
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    state.attempts++;
    const attempt = state.attempts;
    const started = Date.now();
    if (logger) logRequest(logger, input, attempt);
    const response = await baseFetch(input, init);
    if (BODYLESS.has(response.status)) return response;
    // A server or proxy that echoes the key back must not put it into errors or the log.
    const secret = secretOf(input);
    const body = redact(await response.text(), secret);
    if (logger) {
      logger.debug(`[autumn] <- ${response.status} attempt ${attempt} in ${Date.now() - started} ms: ${body.slice(0, 2_000)}`);
    }
    // ky clones the response for afterResponse hooks, which needs an unread
    // body, and a redacted header needs new headers; otherwise the text is kept
    // aside instead of building a second Response, which costs more than a
    // tenth of a local round trip.
    const headers = redactHeaders(response.headers, secret);
    if (rewrap || headers !== response.headers) {
      return new Response(body, { status: response.status, statusText: response.statusText, headers });
    }
    bodies.set(response, body);
    return response;
  };
  return { fetch: wrapped as typeof fetch, hooks: userHooks(core) };
}

function secretOf(input: RequestInfo | URL): string | undefined {
  const authorization = input instanceof Request ? input.headers.get("authorization") : null;
  const secret = authorization?.startsWith("Bearer ") ? authorization.slice(7) : undefined;
  // Too short to be a key; replacing it would only garble the body.
  return secret !== undefined && secret.length >= 8 ? secret : undefined;
}

function redact(text: string, secret: string | undefined): string {
  return secret !== undefined && text.includes(secret) ? text.split(secret).join("[redacted]") : text;
}

/** The headers with the key replaced, or the same headers when none holds it. */
function redactHeaders(headers: Headers, secret: string | undefined): Headers {
  if (secret === undefined) return headers;
  let copy: Headers | undefined;
  headers.forEach((value, name) => {
    if (value.includes(secret)) (copy ??= new Headers(headers)).set(name, redact(value, secret));
  });
  return copy ?? headers;
}

function logRequest(logger: NonNullable<AutumnCore["debugLogger"]>, input: RequestInfo | URL, attempt: number): void {
  if (!(input instanceof Request)) return;
  const headers: string[] = [];
  input.headers.forEach((value, name) => {
    // The secret key is never written to the log, whatever the logger is.
    headers.push(`${name}: ${name === "authorization" ? "Bearer [redacted]" : value}`);
  });
  logger.debug(`[autumn] -> ${input.method} ${input.url} attempt ${attempt} {${headers.join(", ")}}`);
}

function userHooks(core: AutumnCore): KyHooks {
  const { beforeRequest, afterResponse } = core.hooks;
  const hooks: KyHooks = {};
  if (beforeRequest?.length) {
    hooks.beforeRequest = beforeRequest.map((hook) => async (request) => (await hook(request)) ?? undefined);
  }
  if (afterResponse?.length) {
    hooks.afterResponse = afterResponse.map((hook) => async (request, _options, response) => (await hook(response, request)) ?? undefined);
  }
  return hooks;
}
