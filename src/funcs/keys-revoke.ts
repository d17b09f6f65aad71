import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type KeysRevokeParams, KeysRevokeParamsSchema, type KeysRevokeResponse, KeysRevokeResponseSchema } from "../models/operations/keys-revoke.js";

const operation: Operation<KeysRevokeParams, KeysRevokeResponse> = {
  path: "keys.revoke",
  params: KeysRevokeParamsSchema,
  response: KeysRevokeResponseSchema,
  // A change to the customer's tokens: retried only under its Idempotency-Key.
  retry: "mutation",
};

/**
 * Revokes every outstanding token of a customer at once, indefinite ones
 * included: on sign-out, when a device is lost, or when a token may have
 * leaked. A later `keys.mint` works again.
 *
 * @example
 * ```ts
 * await keysRevoke(autumn, { customerId: "user_123" });
 * ```
 */
export function keysRevoke(core: AutumnCore, params: KeysRevokeParams, options?: RequestOptions): Promise<Result<KeysRevokeResponse>> {
  return send(core, operation, params, options);
}
