import { AutumnError } from "./autumn-error.js";

/**
 * A retry of a mutation was refused with `duplicate_idempotency_key`: an
 * earlier attempt with the same key reached Autumn and was accepted, but its
 * response was lost. The change happened once. Do not resend it with a new key.
 */
export class RequestAlreadyAcceptedError extends AutumnError {
  override readonly name = "RequestAlreadyAcceptedError" as const;
  /** The idempotency key that all attempts of the call carried. */
  declare readonly idempotencyKey: string;
  /** How many attempts the call made, the refused one included. */
  declare readonly attempts: number;
  /** The refusal's body exactly as received. */
  declare readonly rawBody: string;

  constructor(init: { idempotencyKey: string; attempts: number; rawBody: string }) {
    super(
      `An earlier attempt of this request was accepted by Autumn but its response was lost ` +
        `(idempotency key ${init.idempotencyKey}, ${init.attempts} attempts)`,
      init,
    );
  }
}
