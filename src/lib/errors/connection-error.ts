import { AutumnError } from "./autumn-error.js";

/** The request could not be delivered or its response could not be read (DNS, refused, reset). */
export class ConnectionError extends AutumnError {
  override readonly name = "ConnectionError" as const;
  /** How many attempts the call made. */
  declare readonly attempts: number;
  /**
   * The `Idempotency-Key` the call's attempts carried (mutations only). The request may have been
   * applied: resend it with this key as `idempotencyKey` to apply it at most once.
   */
  declare readonly idempotencyKey: string | undefined;

  constructor(init: { url: string; attempts: number; cause: unknown; idempotencyKey?: string | undefined }) {
    const reason = describeCause(init.cause);
    super(
      `Could not reach ${new URL(init.url).origin}${reason ? `: ${reason}` : ""}`,
      { attempts: init.attempts, idempotencyKey: init.idempotencyKey },
      init.cause,
    );
  }
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return "";
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof inner?.code === "string" ? inner.code : undefined;
  return code ? `${cause.message} (${code})` : cause.message;
}
