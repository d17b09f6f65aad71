import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";

/**
 * Params of `keys.refresh`: the refresh token, which is sent as the request's
 * credential and nowhere else; the body is empty.
 */
export const KeysRefreshParamsSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    /** The refresh token of the current pair (`am_jwt_…`). */
    refreshToken: v.string(),
  }),
  v.transform(() => ({})),
);
/** Params of `keys.refresh`. */
export type KeysRefreshParams = CatalogParams<v.InferInput<typeof KeysRefreshParamsSchema>>;
