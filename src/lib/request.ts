import ky, { HTTPError, type Options as KyOptions } from "ky";
import * as v from "valibot";
import type { AutumnCore } from "../core.js";
import { AutumnAPIError } from "../models/errors/autumn-api-error.js";
import type { SDKError } from "../models/errors/index.js";
import { ConfigurationError } from "../models/errors/configuration-error.js";
import { ConnectionError } from "../models/errors/connection-error.js";
import { RequestAbortedError } from "../models/errors/request-aborted-error.js";
import { RequestAlreadyAcceptedError } from "../models/errors/request-already-accepted-error.js";
import { RequestTimeoutError } from "../models/errors/request-timeout-error.js";
import { RequestValidationError } from "../models/errors/request-validation-error.js";
import { ResponseValidationError } from "../models/errors/response-validation-error.js";
import { UnexpectedClientError } from "../models/errors/unexpected-client-error.js";
import type { RequestOptions } from "./config.js";
import { isOutage } from "./fail-open.js";
import { toIssues } from "./issues.js";
import { err, ok, type Result } from "./result.js";
import { type CallState, kyRetryOptions, type RetryPolicy, serverWaitMs } from "./retry.js";
import { bodyText, type Transport, transport } from "./transport.js";
import type { WireBody } from "./wire.js";

/** Everything that distinguishes one operation from another: data, not code. */
export interface Operation<TParams, TValue> {
  /** The path after `/v1/`, e.g. `customers.get`. */
  readonly path: string;
  /** Checks the caller's params and turns them into the wire body. */
  readonly params: v.GenericSchema<TParams, WireBody>;
  /** Checks the wire body and turns it into the returned value. */
  readonly response: v.GenericSchema<unknown, TValue>;
  /** Whether the operation may be repeated freely; may depend on the params. */
  readonly retry: RetryPolicy | ((params: TParams) => RetryPolicy);
  /** The value of a 2xx without a body (an async track's 202 or 204): the request was accepted, nothing more is known. */
  readonly accepted?: (params: TParams) => TValue;
  /** The "allowed" value to return during an outage when the caller opts in to failing open. */
  readonly failOpen?: (params: TParams, cause: SDKError) => TValue;
}

/**
 * The one request pipeline: validate, send with ky, classify, parse. It
 * resolves to a `Result` and never rejects, whatever the input, the network
 * or the server does.
 */
export async function send<TParams, TValue>(
  core: AutumnCore,
  operation: Operation<TParams, TValue>,
  params: TParams,
  options: RequestOptions | undefined,
): Promise<Result<TValue>> {
  let result: Result<TValue>;
  try {
    result = await run(core, operation, params, options ?? {});
  } catch (cause) {
    return err(new UnexpectedClientError({ message: `${operation.path} failed inside the SDK`, cause }));
  }
  if (result.ok || !operation.failOpen || !(options?.failOpen ?? core.failOpen) || !isOutage(result.error)) return result;
  return ok(operation.failOpen(params, result.error));
}

const TIMED_OUT = "autumn-sdk: call time budget spent";

async function run<TParams, TValue>(
  core: AutumnCore,
  operation: Operation<TParams, TValue>,
  params: TParams,
  options: RequestOptions,
): Promise<Result<TValue>> {
  const parsed = v.safeParse(operation.params, params);
  if (!parsed.success) return err(new RequestValidationError({ issues: toIssues(parsed.issues) }));

  const policy = typeof operation.retry === "function" ? operation.retry(params) : operation.retry;
  const prepared = await prepare(core, operation.path, policy, options);
  if (!prepared.ok) return prepared;
  const { url, headers, idempotencyKey } = prepared.value;

  if (options.signal?.aborted) return err(new RequestAbortedError({ reason: options.signal.reason }));
  const timeoutMs = options.timeoutMs ?? core.timeoutMs;
  const budget = new AbortController();
  // setTimeout fires after 1 ms for any delay over 2^31-1 ms (24.8 days), so a longer budget is capped there.
  const timer = setTimeout(() => budget.abort(TIMED_OUT), Math.min(timeoutMs, 2_147_483_647));
  const signal = options.signal ? AbortSignal.any([options.signal, budget.signal]) : budget.signal;
  const state: CallState = {
    mayResend: policy === "read" || idempotencyKey !== undefined,
    deadline: Date.now() + timeoutMs,
    signal,
    config: retryConfig(core, options),
    attempts: 0,
    nextDelayMs: 0,
  };
  const via: Transport = transport(core, state);
  try {
    const response = await ky(url, {
      ...options.fetchOptions,
      method: "POST",
      body: JSON.stringify(parsed.output),
      headers,
      signal,
      timeout: false,
      redirect: "manual",
      retry: kyRetryOptions(state),
      fetch: via.fetch,
      hooks: via.hooks,
    } satisfies KyOptions);
    return await parseBody(operation, params, response);
  } catch (error) {
    return err(await classify(error, { url, state, options, budget, timeoutMs, idempotencyKey }));
  } finally {
    clearTimeout(timer);
  }
}

interface Prepared {
  url: string;
  headers: Record<string, string>;
  idempotencyKey: string | undefined;
}

// Line breaks would split the header; other control characters and anything above U+00FF make
// fetch throw a TypeError, which would read as a network failure although nothing was sent.
const FORBIDDEN_HEADER_VALUE = /[\0-\x08\n-\x1f\x7f\u0100-\uffff]/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Set by the pipeline; per-call headers must not replace them.
const RESERVED_HEADERS = new Set(["authorization", "x-api-version", "content-type", "idempotency-key"]);

async function prepare(
  core: AutumnCore,
  path: string,
  policy: RetryPolicy,
  options: RequestOptions,
): Promise<Result<Prepared>> {
  let secretKey: string | undefined;
  try {
    secretKey = await core.secretKey();
  } catch (cause) {
    return err(new ConfigurationError({ setting: "secretKey", message: "The secretKey function failed", cause }));
  }
  if (!secretKey) {
    return err(
      new ConfigurationError({
        setting: "secretKey",
        message: "No secret key: pass `secretKey` to the client or set AUTUMN_SECRET_KEY (Deno reads it only with --allow-env)",
      }),
    );
  }
  if (FORBIDDEN_HEADER_VALUE.test(secretKey) || secretKey !== secretKey.trim()) {
    // The key itself is never echoed back.
    return err(new ConfigurationError({ setting: "secretKey", message: "The secret key contains whitespace, control or non-Latin-1 characters" }));
  }

  const url = endpoint(options.serverURL ?? core.serverURL, path);
  if (url === undefined) {
    return err(new ConfigurationError({ setting: "serverURL", message: "serverURL must be an absolute http(s) URL" }));
  }

  const headers: Record<string, string> = {
    accept: "application/json",
    "user-agent": core.userAgent,
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (!HEADER_NAME.test(name) || typeof value !== "string" || FORBIDDEN_HEADER_VALUE.test(value)) {
      return err(new RequestValidationError({ issues: [{ path: `options.headers.${name}`, message: "not a valid header" }] }));
    }
    if (!RESERVED_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  headers["authorization"] = `Bearer ${secretKey}`;
  headers["x-api-version"] = core.xApiVersion;
  headers["content-type"] = "application/json";

  // Reads get no key unless the caller gives one: a key would turn a harmless repeat into a 409.
  const idempotencyKey =
    options.idempotencyKey ?? (core.autoIdempotencyKey && policy === "mutation" ? newIdempotencyKey() : undefined);
  if (idempotencyKey !== undefined) {
    if (typeof idempotencyKey !== "string" || idempotencyKey === "" || FORBIDDEN_HEADER_VALUE.test(idempotencyKey)) {
      return err(new RequestValidationError({ issues: [{ path: "options.idempotencyKey", message: "must be a non-empty Latin-1 string without control characters" }] }));
    }
    headers["idempotency-key"] = idempotencyKey;
  }
  return ok({ url, headers, idempotencyKey });
}

// The last server URL seen and its parsed base: a client nearly always uses one,
// so URL parsing stays off the per-request path.
let cachedServer: { url: string; base: string | undefined } | undefined;

function endpoint(serverURL: string, path: string): string | undefined {
  if (cachedServer?.url !== serverURL) cachedServer = { url: serverURL, base: parseBase(serverURL) };
  return cachedServer.base === undefined ? undefined : `${cachedServer.base}/v1/${path}`;
}

function parseBase(serverURL: string): string | undefined {
  try {
    const base = new URL(serverURL);
    if (base.protocol !== "https:" && base.protocol !== "http:") return undefined;
    return `${base.origin}${base.pathname.replace(/\/+$/, "")}`;
  } catch {
    return undefined;
  }
}

/** A random UUID v4, from `getRandomValues`, which every supported runtime has (`randomUUID` needs a secure context). */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function retryConfig(core: AutumnCore, options: RequestOptions): CallState["config"] {
  const override = options.retries;
  if (override === undefined) return core.retryConfig;
  return { ...core.retryConfig, ...(typeof override === "number" ? { limit: override } : override) };
}

async function parseBody<TParams, TValue>(operation: Operation<TParams, TValue>, params: TParams, response: Response): Promise<Result<TValue>> {
  const rawBody = await bodyText(response);
  // An error here would invite a resend under a new key, applying the request twice.
  if (rawBody === "" && operation.accepted) return ok(operation.accepted(params));
  const json = parseJson(rawBody);
  if (json === NOT_JSON) {
    return err(new ResponseValidationError({ status: response.status, issues: [], rawBody, headers: headerRecord(response.headers) }));
  }
  const parsed = v.safeParse(operation.response, json);
  if (parsed.success) return ok(parsed.output);
  return err(
    new ResponseValidationError({
      status: response.status,
      issues: toIssues(parsed.issues),
      rawBody,
      headers: headerRecord(response.headers),
    }),
  );
}

interface FailureContext {
  url: string;
  state: CallState;
  options: RequestOptions;
  budget: AbortController;
  timeoutMs: number;
  idempotencyKey: string | undefined;
}

/** Maps whatever ky or fetch threw to the SDK's error union. */
async function classify(error: unknown, context: FailureContext): Promise<SDKError> {
  const { state, options } = context;
  if (options.signal?.aborted) return new RequestAbortedError({ reason: options.signal.reason });
  const { idempotencyKey } = context;
  if (context.budget.signal.aborted) return new RequestTimeoutError({ timeoutMs: context.timeoutMs, attempts: state.attempts, idempotencyKey });
  if (error instanceof HTTPError) return apiError(error.response, context);
  if (error instanceof TypeError) return new ConnectionError({ url: context.url, attempts: state.attempts, cause: error, idempotencyKey });
  return new UnexpectedClientError({ message: "The request failed inside the SDK or a hook", cause: error });
}

async function apiError(response: Response, context: FailureContext): Promise<SDKError> {
  const rawBody = await bodyText(response);
  const parsed = parseJson(rawBody);
  const body = parsed === NOT_JSON ? undefined : parsed;
  const fields = (body && typeof body === "object" ? body : {}) as { code?: unknown; message?: unknown; env?: unknown };
  const code = typeof fields.code === "string" ? fields.code : undefined;
  if (response.status === 409 && code === "duplicate_idempotency_key" && context.state.attempts > 1 && context.idempotencyKey) {
    return new RequestAlreadyAcceptedError({ idempotencyKey: context.idempotencyKey, attempts: context.state.attempts, rawBody });
  }
  return new AutumnAPIError({
    status: response.status,
    code,
    message: typeof fields.message === "string" ? fields.message : describeStatus(response, rawBody),
    env: typeof fields.env === "string" ? fields.env : undefined,
    body,
    rawBody,
    headers: headerRecord(response.headers),
    retryAfterMs: serverWaitMs(response.headers),
    idempotencyKey: context.idempotencyKey,
  });
}

function describeStatus(response: Response, rawBody: string): string {
  const type = response.headers.get("content-type") ?? "";
  // A short plain-text answer (the rate limiter's) is the best message there is.
  if (type.startsWith("text/plain") && rawBody.length > 0 && rawBody.length <= 200) return rawBody.trim();
  if (response.status >= 300 && response.status < 400) return `Unexpected redirect (HTTP ${response.status}); redirects are not followed`;
  const kind = type.includes("html") ? "an HTML" : rawBody === "" ? "an empty" : "a non-JSON";
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""} with ${kind} body`;
}

const NOT_JSON: unique symbol = Symbol("not JSON");

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
