import type { ServerResponse } from "node:http";
import { autumnErrorBody } from "./loopback-http.js";

/**
 * Failures the sandbox can be told to answer with, so that an app can test its
 * own retries, timeouts and fail-open handling against the real SDK. Queued by
 * `sandbox.fail()` in test code; this module decides what a fault does, and
 * server.ts carries it out with the same writer as every other answer.
 */

/** What the next matching request gets instead of its answer. */
export type SandboxFault =
  /** An error answer: that status, Autumn's JSON error body and, when given, `Retry-After`. */
  | { kind: "status"; status: number; retryAfterSeconds?: number; code?: string }
  /** No answer at all: the request is held until the client gives up, or the sandbox is reset or closed. */
  | { kind: "timeout" }
  /** The connection is cut without an answer; with `afterApplying` the request is applied first and only its answer is lost. */
  | { kind: "reset"; afterApplying?: boolean };

/** Which requests a fault is for and how many of them. */
export interface SandboxFaultOptions {
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** The route it is for, as after `/v1/` (`"balances.check"`); default any route. */
  route?: string;
}

/** What the server does with a request a fault hit. */
export type FaultAction =
  | { do: "answer"; status: number; payload: { message: string; code: string }; headers: Record<string, string> }
  | { do: "hold" }
  | { do: "drop"; afterApplying: boolean };

// Autumn names 429, 500 and 503; the rest are the sandbox's choice, in the same snake_case style.
const DEFAULT_CODES: Readonly<Record<number, string>> = {
  400: "invalid_request",
  408: "request_timeout",
  429: "rate_limit_exceeded",
  500: "internal_error",
  502: "bad_gateway",
  503: "service_unavailable",
  504: "gateway_timeout",
};

const FIELDS: Readonly<Record<SandboxFault["kind"], readonly string[]>> = {
  status: ["kind", "status", "retryAfterSeconds", "code"],
  timeout: ["kind"],
  reset: ["kind", "afterApplying"],
};

interface Queued {
  readonly fault: SandboxFault;
  readonly route: string | undefined;
  left: number;
}

/** One sandbox's queue of faults and the requests its timeouts hold. */
export interface FaultQueue {
  /** Queues `fault` for the next `times` requests to `route` (any route without one). Throws a TypeError naming a bad field. */
  add(fault: SandboxFault, options?: SandboxFaultOptions): void;
  /** The first queued fault for a request to `path`, used up by one; undefined when none matches. */
  take(path: string): SandboxFault | undefined;
  /** Leaves `response` unanswered until the client closes it or `release()`. */
  hold(response: ServerResponse): void;
  /** Forgets every queued fault. */
  clear(): void;
  /** Cuts off every held request, so that nothing waits on a sandbox being reset or closed. */
  release(): void;
}

/** A queue for one sandbox; `serves` tells the paths it serves, to refuse a `route` that could never match. */
export function createFaultQueue(serves: (route: string) => boolean): FaultQueue {
  const queue: Queued[] = [];
  const held = new Set<ServerResponse>();
  return {
    add(fault, options = {}) {
      const { times, route } = checkOptions(options, serves);
      queue.push({ fault: checkFault(fault), route, left: times });
    },
    take(path) {
      const index = queue.findIndex((queued) => queued.route === undefined || queued.route === path);
      const queued = queue[index];
      if (!queued) return undefined;
      if (--queued.left === 0) queue.splice(index, 1);
      return queued.fault;
    },
    hold(response) {
      held.add(response);
      response.on("close", () => held.delete(response));
    },
    clear() {
      queue.length = 0;
    },
    release() {
      for (const response of held) response.destroy();
      held.clear();
    },
  };
}

/** A short name of the fault for `sandbox.requests`: `"status 503"`, `"timeout"`, `"reset"`, `"reset afterApplying"`. */
export function faultLabel(fault: SandboxFault): string {
  if (fault.kind === "status") return `status ${fault.status}`;
  if (fault.kind === "reset" && fault.afterApplying) return "reset afterApplying";
  return fault.kind;
}

/** What to do with a request `fault` hit. */
export function faultAction(fault: SandboxFault): FaultAction {
  switch (fault.kind) {
    case "timeout":
      return { do: "hold" };
    case "reset":
      return { do: "drop", afterApplying: fault.afterApplying === true };
    case "status": {
      const code = fault.code ?? DEFAULT_CODES[fault.status] ?? (fault.status < 500 ? "invalid_request" : "internal_error");
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
      // Only a rate limit speaks of the window; an outage answer comes from in front of the API, without it.
      if (fault.status === 429) {
        Object.assign(headers, { "ratelimit-limit": "1000", "ratelimit-remaining": "0", "ratelimit-reset": String(fault.retryAfterSeconds ?? 60) });
      }
      return { do: "answer", status: fault.status, payload: autumnErrorBody(code, `Injected by sandbox.fail(): status ${fault.status}`), headers };
    }
  }
}

function checkFault(fault: unknown): SandboxFault {
  if (typeof fault !== "object" || fault === null) throw new TypeError("sandbox.fail: fault must be an object such as { kind: \"status\", status: 503 }");
  const record = fault as Record<string, unknown>;
  const kind = record["kind"];
  if (kind !== "status" && kind !== "timeout" && kind !== "reset") {
    throw new TypeError(`sandbox.fail: fault.kind must be "status", "timeout" or "reset", got ${JSON.stringify(kind)}`);
  }
  const unknown = Object.keys(record).find((key) => !FIELDS[kind].includes(key));
  if (unknown !== undefined) throw new TypeError(`sandbox.fail: fault.${unknown} is not a field of a "${kind}" fault`);
  if (kind === "status") {
    const { status, retryAfterSeconds, code } = record;
    if (!isInteger(status) || status < 400 || status > 599) throw new TypeError(`sandbox.fail: fault.status must be an integer from 400 to 599, got ${String(status)}`);
    if (retryAfterSeconds !== undefined && (!isInteger(retryAfterSeconds) || retryAfterSeconds < 0)) {
      throw new TypeError(`sandbox.fail: fault.retryAfterSeconds must be a whole number of seconds, got ${String(retryAfterSeconds)}`);
    }
    if (code !== undefined && (typeof code !== "string" || code === "")) throw new TypeError("sandbox.fail: fault.code must be a non-empty string");
    return { kind, status, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }), ...(code !== undefined && { code }) };
  }
  if (kind === "reset") {
    const { afterApplying } = record;
    if (afterApplying !== undefined && typeof afterApplying !== "boolean") throw new TypeError("sandbox.fail: fault.afterApplying must be a boolean");
    return { kind, afterApplying: afterApplying === true };
  }
  return { kind };
}

function checkOptions(options: unknown, serves: (route: string) => boolean): { times: number; route: string | undefined } {
  if (typeof options !== "object" || options === null) throw new TypeError("sandbox.fail: options must be an object");
  const { times = 1, route, ...rest } = options as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new TypeError(`sandbox.fail: options.${unknown} is not an option (times, route)`);
  if (!isInteger(times) || times < 1) throw new TypeError(`sandbox.fail: options.times must be an integer of at least 1, got ${String(times)}`);
  if (route !== undefined && (typeof route !== "string" || !serves(route))) {
    // A typo would otherwise queue a fault that never fires and a test that passes for the wrong reason.
    throw new TypeError(`sandbox.fail: options.route must be a route the sandbox serves, as after /v1/ ("balances.check"), got ${JSON.stringify(route)}`);
  }
  return { times, route };
}

function isInteger(value: unknown): value is number {
  return Number.isInteger(value);
}
