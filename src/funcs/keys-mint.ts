import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type CustomerTokens, CustomerTokensSchema } from "../models/customer-tokens.js";
import { type KeysMintParams, KeysMintParamsSchema } from "../models/operations/keys-mint.js";

const operation: Operation<KeysMintParams, CustomerTokens> = {
  path: "keys.mint",
  params: KeysMintParamsSchema,
  response: CustomerTokensSchema,
  // Minting replaces the customer's previous pair (it ages their refresh token by one): retried only under its Idempotency-Key.
  retry: "mutation",
  sensitive: true,
};

/**
 * Mints a token pair for one customer, with your secret key, on your server.
 * Hand the pair to the browser, app or install that acts for that customer; it
 * builds a `CustomerCore` from it and calls Autumn directly, with no secret key.
 * Minting again for the same customer makes the previous pair's refresh token
 * one generation older; mint once per sign-in, not per request.
 *
 * @example
 * ```ts
 * const res = await keysMint(autumn, { customerId: session.userId });
 * if (res.ok) return Response.json(res.value); // { accessToken, refreshToken, expiresAt, refreshExpiresAt }
 * ```
 */
export function keysMint(core: AutumnCore, params: KeysMintParams, options?: RequestOptions): Promise<Result<CustomerTokens>> {
  return send(core, operation, params, options);
}
