import type { PreparedRequest } from "./call.js";
import type { CallBudget, Client } from "./client.js";
import type { RequestOptions } from "./config.js";
import { checkedCredential } from "./credential.js";
import type { SDKError } from "./errors/index.js";
import { RequestAbortedError } from "./errors/request-aborted-error.js";
import { RequestTimeoutError } from "./errors/request-timeout-error.js";
import type { RetryPolicy } from "./operation.js";
import type { CallSettings } from "./options.js";
import { err, ok, type Result } from "./result.js";

// Set by the SDK; per-call headers must not replace them.
const RESERVED_HEADERS = new Set(["authorization", "x-api-version", "content-type", "idempotency-key"]);

/**
 * Builds what every attempt of a call sends: the URL, the headers with the
 * credential, and the idempotency key. `ownCredential` is an operation's own
 * (the refresh token of `keys.refresh`); otherwise the client supplies one. A
 * missing or malformed credential is an error, and nothing is sent.
 */
export function prepare(
  client: Client,
  settings: CallSettings,
  options: RequestOptions | undefined,
  path: string,
  policy: RetryPolicy,
  ownCredential: string | undefined,
  budget: CallBudget,
): Result<PreparedRequest> | Promise<Result<PreparedRequest>> {
  const credential = ownCredential === undefined ? client.credential(budget) : checkedCredential(ownCredential, "refreshToken");
  // A key function or a token refresh takes time: it counts against the call's budget, and the caller's signal ends the wait.
  if (credential instanceof Promise) {
    return settleWithin(credential, budget).then((settled) => request(client, settings, options, path, policy, settled));
  }
  return request(client, settings, options, path, policy, credential);
}

function request(
  client: Client,
  settings: CallSettings,
  options: RequestOptions | undefined,
  path: string,
  policy: RetryPolicy,
  credential: Result<string>,
): Result<PreparedRequest> {
  if (!credential.ok) return credential;

  const headers: Record<string, string> = { accept: "application/json", "user-agent": client.userAgent };
  if (options?.headers) {
    for (const name of Object.keys(options.headers)) {
      const lower = name.toLowerCase();
      if (!RESERVED_HEADERS.has(lower)) headers[lower] = options.headers[name]!;
    }
  }
  headers["authorization"] = `Bearer ${credential.value}`;
  headers["x-api-version"] = client.xApiVersion;
  headers["content-type"] = "application/json";

  // Reads get no key unless the caller gives one: a key would turn a harmless repeat into a 409.
  const idempotencyKey = options?.idempotencyKey ?? (client.autoIdempotencyKey && policy === "mutation" ? newIdempotencyKey() : undefined);
  if (idempotencyKey !== undefined) headers["idempotency-key"] = idempotencyKey;
  return ok({
    url: `${settings.serverURL}/v1/${path}`,
    headers,
    idempotencyKey,
    mayResend: policy === "read" || idempotencyKey !== undefined,
    credential: credential.value,
  });
}

/** What `pending` (which never rejects) settles with, or the end of the budget or the abort of its signal, whichever comes first. */
export function settleWithin<T, E>(pending: Promise<Result<T, E>>, { deadline, timeoutMs, signal }: CallBudget): Promise<Result<T, E | SDKError>> {
  return new Promise((resolve) => {
    const settle = (result: Result<T, E | SDKError>) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", abort);
      resolve(result);
    };
    const abort = () => settle(err(new RequestAbortedError({ reason: signal!.reason })));
    const timer = setTimeout(() => settle(err(new RequestTimeoutError({ timeoutMs, attempts: 0 }))), Math.min(Math.max(0, deadline - Date.now()), 2_147_483_647));
    signal?.addEventListener("abort", abort);
    void pending.then(settle);
  });
}

/** A random UUID v4, from `getRandomValues`, which every supported runtime has (`randomUUID` needs a secure context). */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let hex = "";
  for (const byte of bytes) hex += (byte + 256).toString(16).slice(1);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
