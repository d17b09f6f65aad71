import { AutumnError } from "./autumn-error.js";

/**
 * The answer's body was larger than `maxResponseBytes` (counted as decoded, after any gzip). Reading
 * stopped there and nothing of the body was kept; the call was not retried, since the same answer
 * would come again. Raise the limit for lists that are that large.
 */
export class ResponseTooLargeError extends AutumnError {
  override readonly name = "ResponseTooLargeError" as const;
  /** The HTTP status of the answer. */
  declare readonly status: number;
  /** The limit the body passed, in bytes. */
  declare readonly maxResponseBytes: number;
  /** The response headers. */
  declare readonly headers: Record<string, string>;
  /**
   * The `Idempotency-Key` the call's attempts carried (mutations only). A 2xx means the request was
   * applied; after any other status, resend with this key as `idempotencyKey` to apply it at most once.
   */
  declare readonly idempotencyKey: string | undefined;

  constructor(init: { status: number; maxResponseBytes: number; headers: Record<string, string>; idempotencyKey: string | undefined }) {
    super(`The response (HTTP ${init.status}) is larger than maxResponseBytes (${init.maxResponseBytes} bytes); it was not read further`, init);
  }
}
