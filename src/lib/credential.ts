import type { AutumnOptions } from "./config.js";
import { readEnv } from "./env.js";
import { ConfigurationError } from "./errors/configuration-error.js";
import { isCredential } from "./options.js";
import { err, ok, type Result } from "./result.js";

/** A credential checked for one of the four prefixes Autumn accepts. The message never quotes it. */
export function checkedCredential(credential: string, setting = "secretKey"): Result<string> {
  if (isCredential(credential)) return ok(credential);
  return err(
    new ConfigurationError({
      setting,
      message: `The ${setting} is not an Autumn credential: it must start with am_sk_, am_jwt_, am_pk_ or am_oauth_ and hold no spaces or control characters`,
    }),
  );
}

/**
 * The secret key for the next request: the configured one, else the one a
 * configured function returns, else `AUTUMN_SECRET_KEY`, read now so that a
 * key set after the client was made still counts.
 */
export function secretKeyCredential(source: AutumnOptions["secretKey"]): Result<string> | Promise<Result<string>> {
  if (typeof source !== "function") return presentKey(source);
  const failed = (cause: unknown) => err(new ConfigurationError({ setting: "secretKey", message: "The secretKey function failed", cause }));
  try {
    return Promise.resolve(source()).then(presentKey, failed);
  } catch (cause) {
    return failed(cause);
  }
}

function presentKey(configured: string | undefined): Result<string> {
  const key = configured || readEnv("AUTUMN_SECRET_KEY");
  if (!key) {
    return err(
      new ConfigurationError({
        setting: "secretKey",
        message: "No secret key: pass `secretKey` to the client or set AUTUMN_SECRET_KEY (Deno reads it only with --allow-env)",
      }),
    );
  }
  return checkedCredential(key);
}
