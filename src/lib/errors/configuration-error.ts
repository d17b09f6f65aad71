import { AutumnError } from "./autumn-error.js";

/**
 * An option is missing or malformed (no secret key, a key that is not an Autumn credential, a bad
 * server URL, an option Autumn's SDK does not have). Nothing was sent. Thrown by the client's
 * constructor for its own options; returned by a call for its per-call options and for a key read at call time.
 */
export class ConfigurationError extends AutumnError {
  override readonly name = "ConfigurationError" as const;
  /** The option at fault: `secretKey`, `serverURL`, `retryConfig.limit`, `AUTUMN_SERVER_URL`, `headers.x-trace`, … */
  declare readonly setting: string;

  constructor(init: { setting: string; message: string; cause?: unknown }) {
    super(init.message, { setting: init.setting }, init.cause);
  }
}
