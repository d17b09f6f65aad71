import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "./config.js";
import { ConfigurationError } from "./errors/configuration-error.js";
import type { PreparedRequest } from "./call.js";
import type { RetryPolicy } from "./operation.js";
import { isCredential } from "./options.js";
import type { CallSettings } from "./options.js";
import { err, ok, type Result } from "./result.js";

// Set by the SDK; per-call headers must not replace them.
const RESERVED_HEADERS = new Set(["authorization", "x-api-version", "content-type", "idempotency-key"]);

/**
 * Builds what every attempt of a call sends: the URL, the headers with the
 * credential, and the idempotency key. A missing or malformed credential is a
 * ConfigurationError, and nothing is sent.
 */
export async function prepare(
  core: AutumnCore,
  settings: CallSettings,
  options: RequestOptions | undefined,
  path: string,
  policy: RetryPolicy,
): Promise<Result<PreparedRequest>> {
  let credential: string | undefined;
  try {
    credential = await core.secretKey();
  } catch (cause) {
    return err(new ConfigurationError({ setting: "secretKey", message: "The secretKey function failed", cause }));
  }
  if (!credential) {
    return err(
      new ConfigurationError({
        setting: "secretKey",
        message: "No secret key: pass `secretKey` to the client or set AUTUMN_SECRET_KEY (Deno reads it only with --allow-env)",
      }),
    );
  }
  if (!isCredential(credential)) {
    // The key itself is never echoed back.
    return err(
      new ConfigurationError({
        setting: "secretKey",
        message: "The secret key is not an Autumn credential: it must start with am_sk_, am_jwt_, am_pk_ or am_oauth_ and hold no spaces or control characters",
      }),
    );
  }

  const headers: Record<string, string> = { accept: "application/json", "user-agent": core.userAgent };
  if (options?.headers) {
    for (const name of Object.keys(options.headers)) {
      const lower = name.toLowerCase();
      if (!RESERVED_HEADERS.has(lower)) headers[lower] = options.headers[name]!;
    }
  }
  headers["authorization"] = `Bearer ${credential}`;
  headers["x-api-version"] = core.xApiVersion;
  headers["content-type"] = "application/json";

  // Reads get no key unless the caller gives one: a key would turn a harmless repeat into a 409.
  const idempotencyKey = options?.idempotencyKey ?? (core.autoIdempotencyKey && policy === "mutation" ? newIdempotencyKey() : undefined);
  if (idempotencyKey !== undefined) headers["idempotency-key"] = idempotencyKey;
  return ok({
    url: `${settings.serverURL}/v1/${path}`,
    headers,
    idempotencyKey,
    mayResend: policy === "read" || idempotencyKey !== undefined,
    credential,
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
