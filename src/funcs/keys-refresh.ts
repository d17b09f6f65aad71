import type { AutumnCore } from "../core.js";
import type { CustomerClient } from "../lib/client.js";
import type { RequestOptions } from "../lib/config.js";
import { RequestValidationError } from "../lib/errors/request-validation-error.js";
import { type Operation, send } from "../lib/pipeline.js";
import { err, type Result } from "../lib/result.js";
import { type CustomerTokens, CustomerTokensSchema } from "../models/customer-tokens.js";
import { type KeysRefreshParams, KeysRefreshParamsSchema } from "../models/operations/keys-refresh.js";

const operation: Operation<KeysRefreshParams, CustomerTokens> = {
  path: "keys.refresh",
  params: KeysRefreshParamsSchema,
  response: CustomerTokensSchema,
  // An idempotency key would turn the one repeat Autumn forgives into a 409, so none is sent;
  // Autumn answers the refresh token just replaced once more (its grace), so one repeat after a loss.
  retry: "read",
  maxRepeatsAfterLoss: 1,
  // Without the param, the client's own key is the refresh token (as Autumn's API reference calls it).
  credential: (params) => params.refreshToken,
  sensitive: true,
};

/**
 * Trades a refresh token for a new pair (both tokens rotate). The refresh token
 * is the request's credential, so the client's own key or token is not used,
 * and it is sent to this route only. Leave `refreshToken` out on a client made
 * with the refresh token as its key (`new AutumnCore({ secretKey: refreshToken })`):
 * that key is the credential then. An answer that may have rotated the token
 * (a 5xx other than 503, a timeout, a cut connection) is repeated once, never
 * more: Autumn answers the token it just replaced one more time, and treats a
 * token two generations old as stolen, revoking every token of the customer.
 * A 429 or 503, which prove nothing was applied, is retried as the client's
 * retry settings allow.
 * `CustomerCore` calls this for you; call it yourself only to manage pairs by hand.
 *
 * @example
 * ```ts
 * const res = await keysRefresh(autumn, { refreshToken: stored.refreshToken });
 * if (res.ok) save(res.value);
 * ```
 */
export function keysRefresh(core: CustomerClient, params: Required<KeysRefreshParams>, options?: RequestOptions): Promise<Result<CustomerTokens>>;
export function keysRefresh(core: AutumnCore, params?: KeysRefreshParams, options?: RequestOptions): Promise<Result<CustomerTokens>>;
export function keysRefresh(core: AutumnCore | CustomerClient, params: KeysRefreshParams = {}, options?: RequestOptions): Promise<Result<CustomerTokens>> {
  // A customer client's own credential is its access token, which this route refuses: the refresh token must be given.
  if (core.customerScope && typeof params === "object" && params !== null && params.refreshToken === undefined) {
    return Promise.resolve(err(new RequestValidationError({ issues: [{ path: "refreshToken", message: "required with a CustomerCore, whose own credential is its access token" }] })));
  }
  return send(core, operation, params, options);
}
