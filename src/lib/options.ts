import type { Client } from "./client.js";
import type { AfterResponseHook, AutumnOptions, BeforeRequestHook, Logger, RequestOptions, RetryConfig } from "./config.js";
import { DEFAULTS } from "./config.js";
import { readEnv } from "./env.js";
import { ConfigurationError } from "./errors/configuration-error.js";

// Line breaks would split a header; other control characters and anything above U+00FF make fetch
// throw a TypeError, which would read as a network failure although nothing was sent.
const FORBIDDEN_HEADER_VALUE = /[\0-\x08\n-\x1f\x7f\u0100-\uffff]/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// The four credential prefixes Autumn accepts; it refuses anything else with a 401.
const CREDENTIAL = /^am_(?:sk|jwt|pk|oauth)_[!-~]+$/;
const CREDENTIAL_EXPECTED = "an Autumn credential: am_sk_… (a secret key), am_jwt_…, am_pk_… or am_oauth_…, without spaces";

/**
 * Per option: `[check, what is expected]`, a nested spec for an object option, or a string naming
 * the option to use instead. A check returns something truthy when the value is fine, and may
 * return a string to point at the part of the value at fault.
 */
export type Spec = { readonly [name: string]: readonly [(value: any) => unknown, string] | Spec | string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isText = (value: unknown) => typeof value === "string" && value !== "" && !FORBIDDEN_HEADER_VALUE.test(value);
const isBoolean = [(value: unknown) => typeof value === "boolean", "true or false"] as const;
const isBudget = [(value: unknown) => typeof value === "number" && value > 0, "a number of milliseconds above 0"] as const;
const isDelay = [(value: unknown) => typeof value === "number" && value >= 0, "a number of milliseconds"] as const;
const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
const isByteLimit = [(value: unknown) => isCount(value) && value !== 0, "a whole number of bytes above 0"] as const;
const isFunctions = [
  (value: unknown) => typeof value === "function" || (Array.isArray(value) && value.every((item) => typeof item === "function")),
  "a function or an array of functions",
] as const;
const isServerURL = [(value: unknown) => baseURL(value) !== undefined, "an absolute http(s) URL"] as const;
// fetch's own options, less those the pipeline sets (method, body, headers, signal, and redirect, which is never
// followed so that the key cannot go elsewhere). Anything else (ky's `json`, `prefixUrl`, …) would reach ky and
// could replace the checked body or send the key to another origin.
const FETCH_OPTIONS = ["cache", "credentials", "integrity", "keepalive", "mode", "priority", "referrer", "referrerPolicy"];
/** Whether fetch takes `name: value`; its own Request constructor judges, as it would when sending. */
const fetchTakes = (name: string, value: unknown): boolean => {
  try {
    return FETCH_OPTIONS.includes(name) && !!new Request("http://localhost", { [name]: value });
  } catch {
    return false;
  }
};

const RETRY: Spec = {
  limit: [isCount, "a whole number of retries, 0 or more"],
  initialDelayMs: isDelay,
  maxDelayMs: isDelay,
  maxRetryAfterMs: isDelay,
  statusCodes: [(value) => Array.isArray(value) && value.every((status) => Number.isInteger(status) && status >= 100 && status < 600), "an array of HTTP statuses"],
  retryConnectionErrors: isBoolean,
};

const CLIENT: Spec = {
  secretKey: [(value) => typeof value === "function" || value === "" || (typeof value === "string" && CREDENTIAL.test(value)), CREDENTIAL_EXPECTED],
  serverURL: isServerURL,
  xApiVersion: [isText, "a version such as 2.3.0"],
  timeoutMs: isBudget,
  maxResponseBytes: isByteLimit,
  retryConfig: RETRY,
  fetch: [(value) => typeof value === "function", "a fetch function"],
  hooks: { beforeRequest: isFunctions, afterResponse: isFunctions },
  debugLogger: [(value: Logger) => typeof value?.debug === "function", "an object with a debug method, such as console"],
  userAgent: [isText, "a header value"],
  autoIdempotencyKey: isBoolean,
  failOpen: isBoolean,
  // What other SDKs call these settings.
  apiKey: "secretKey",
  baseURL: "serverURL",
  baseUrl: "serverURL",
  timeout: "timeoutMs",
  maxRetries: "retryConfig: { limit }",
  apiVersion: "xApiVersion",
  logger: "debugLogger",
};

const CALL: Spec = {
  signal: [(value: AbortSignal) => typeof value?.aborted === "boolean" && typeof value.addEventListener === "function", "an AbortSignal"],
  timeoutMs: isBudget,
  maxResponseBytes: isByteLimit,
  retries: [(value) => isCount(value) || !problem(RETRY, value, "retries"), "a number of retries or a retry config"],
  // Names the header that fetch could not send.
  headers: [
    (value) => isObject(value) && (Object.keys(value).find((name) => !HEADER_NAME.test(name) || typeof value[name] !== "string" || FORBIDDEN_HEADER_VALUE.test(value[name] as string)) ?? true),
    "a header name and a Latin-1 string value without control characters",
  ],
  // Names the option fetch would not take.
  fetchOptions: [
    (value) => isObject(value) && (Object.keys(value).find((name) => !fetchTakes(name, value[name])) ?? true),
    `fetch's own options, with values it takes: ${FETCH_OPTIONS.join(", ")}`,
  ],
  idempotencyKey: [isText, "a non-empty Latin-1 string without control characters"],
  serverURL: isServerURL,
  failOpen: isBoolean,
  timeout: "timeoutMs",
  maxRetries: "retries",
};

/** The first option in `value` that `spec` refuses, as a ConfigurationError naming it; undefined when all are fine. */
export function problem(spec: Spec, value: unknown, path: string): ConfigurationError | undefined {
  if (!isObject(value)) {
    return new ConfigurationError({
      setting: path,
      message: typeof value === "string" && path === "options" ? "Pass the client's options as an object, e.g. { secretKey }" : `${path} must be an object`,
    });
  }
  for (const name of Object.keys(value)) {
    const rule = spec[name];
    const setting = path === "options" ? name : `${path}.${name}`;
    if (rule === undefined || typeof rule === "string") {
      return new ConfigurationError({ setting, message: `Unknown option ${setting}${rule ? `: use ${rule}` : ""}` });
    }
    if (value[name] === undefined) continue;
    if (!Array.isArray(rule)) {
      const inner = problem(rule as Spec, value[name], setting);
      if (inner) return inner;
    } else {
      const verdict = rule[0](value[name]);
      if (!verdict || typeof verdict === "string") {
        const at = typeof verdict === "string" ? `${setting}.${verdict}` : setting;
        return new ConfigurationError({ setting: at, message: `Invalid option ${at}: expected ${rule[1]}` });
      }
    }
  }
  return undefined;
}

/** `serverURL` without a trailing slash, or undefined when it is not an absolute http(s) URL. */
function baseURL(serverURL: unknown): string | undefined {
  try {
    const url = new URL(serverURL as string);
    if (url.protocol === "https:" || url.protocol === "http:") return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {}
  return undefined;
}

/** Whether a credential has one of the four prefixes Autumn accepts, without spaces or control characters. */
export function isCredential(key: string): boolean {
  return CREDENTIAL.test(key);
}

/** What a client is made of: its options checked, with their defaults. */
export interface ClientSettings extends Omit<Client, "credential" | "customerScope"> {
  readonly secretKey: AutumnOptions["secretKey"];
}

/** Checks a client's options and fills in the defaults. Throws a ConfigurationError naming the first bad option. */
export function clientSettings(options: AutumnOptions = {}): ClientSettings {
  const refused = problem(CLIENT, options, "options");
  if (refused) throw refused;
  const fromEnv = options.serverURL === undefined ? readEnv("AUTUMN_SERVER_URL") : undefined;
  const serverURL = baseURL(options.serverURL ?? fromEnv ?? DEFAULTS.serverURL);
  if (serverURL === undefined) throw new ConfigurationError({ setting: "AUTUMN_SERVER_URL", message: `AUTUMN_SERVER_URL must be ${isServerURL[1]}` });
  return {
    secretKey: options.secretKey,
    serverURL,
    xApiVersion: options.xApiVersion ?? DEFAULTS.xApiVersion,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
    retryConfig: Object.freeze({ ...DEFAULTS.retry, ...options.retryConfig }),
    fetch: options.fetch,
    hooks: Object.freeze({
      beforeRequest: list<BeforeRequestHook>(options.hooks?.beforeRequest),
      afterResponse: list<AfterResponseHook>(options.hooks?.afterResponse),
    }),
    debugLogger: options.debugLogger,
    userAgent: options.userAgent ?? DEFAULTS.userAgent,
    autoIdempotencyKey: options.autoIdempotencyKey ?? true,
    failOpen: options.failOpen ?? false,
  };
}

function list<T>(hooks: T | readonly T[] | undefined): readonly T[] {
  return Object.freeze(hooks === undefined ? [] : Array.isArray(hooks) ? [...hooks] : [hooks as T]);
}

/** The settings one call runs with: the call's options over the client's. */
export interface CallSettings {
  readonly serverURL: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly retryConfig: Required<RetryConfig>;
  readonly failOpen: boolean;
}

/**
 * Where a call's options meet the client's: every per-call override is resolved here and nowhere
 * else. Returns a ConfigurationError naming a bad per-call option.
 */
export function callSettings(core: Client, options: RequestOptions | undefined): CallSettings | ConfigurationError {
  if (options === undefined) return core;
  const refused = problem(CALL, options, "options");
  if (refused) return refused;
  const { retries } = options;
  return {
    serverURL: options.serverURL === undefined ? core.serverURL : baseURL(options.serverURL)!,
    timeoutMs: options.timeoutMs ?? core.timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? core.maxResponseBytes,
    retryConfig: retries === undefined ? core.retryConfig : { ...core.retryConfig, ...(typeof retries === "number" ? { limit: retries } : retries) },
    failOpen: options.failOpen ?? core.failOpen,
  };
}
