import { AutumnError } from "./autumn-error.js";

/** The client is not configured well enough to send the request (no secret key, a bad server URL). Nothing was sent. */
export class ConfigurationError extends AutumnError {
  override readonly name = "ConfigurationError" as const;
  /** The option at fault. */
  declare readonly setting: "secretKey" | "serverURL";

  constructor(init: { setting: "secretKey" | "serverURL"; message: string; cause?: unknown }) {
    super(init.message, { setting: init.setting }, init.cause);
  }
}
