import type { AutumnCore } from "../core.js";
import { keysMint } from "../funcs/keys-mint.js";
import { keysRefresh } from "../funcs/keys-refresh.js";
import { keysRevoke } from "../funcs/keys-revoke.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync } from "../lib/result.js";
import type { CustomerTokens } from "../models/customer-tokens.js";
import type { KeysMintParams } from "../models/operations/keys-mint.js";
import type { KeysRefreshParams } from "../models/operations/keys-refresh.js";
import type { KeysRevokeParams, KeysRevokeResponse } from "../models/operations/keys-revoke.js";

/** Per-customer tokens: mint a pair for a browser or app, refresh it by hand, revoke every token of a customer. Methods throw on error. */
export class Keys {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Mints a token pair that acts for one customer. */
  mint(params: KeysMintParams, options?: RequestOptions): Promise<CustomerTokens> {
    return unwrapAsync(keysMint(this.#core, params, options));
  }

  /** Trades a refresh token for a new pair; without `refreshToken`, the client's own key is the refresh token. `CustomerCore` does this by itself. */
  refresh(params: KeysRefreshParams = {}, options?: RequestOptions): Promise<CustomerTokens> {
    return unwrapAsync(keysRefresh(this.#core, params, options));
  }

  /** Revokes every outstanding token of a customer. */
  revoke(params: KeysRevokeParams, options?: RequestOptions): Promise<KeysRevokeResponse> {
    return unwrapAsync(keysRevoke(this.#core, params, options));
  }
}
