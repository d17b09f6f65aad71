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
    const body = await response.text();
    if (logger) {
      logger.debug(`[autumn] <- ${response.status} attempt ${attempt} in ${Date.now() - started} ms: ${body.slice(0, 2_000)}`);
    }
    // ky clones the response for afterResponse hooks, which needs an unread
    // body; without hooks, the text is kept aside instead of building a second
    // Response, which costs more than a tenth of a local round trip.
    if (rewrap) return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    bodies.set(response, body);
    return response;
  };
  return { fetch: wrapped as typeof fetch, hooks: userHooks(core) };
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
