import * as v from "valibot";

/**
 * Params of `keys.refresh`: the refresh token, which is sent as the request's
 * credential and nowhere else; the body is empty. Without it, the client's
 * own credential is the refresh token (a client made with it as its key).
 */
export const KeysRefreshParamsSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    /** The refresh token of the current pair (`am_jwt_…`); leave it out when it is the client's own key. */
    refreshToken: v.optional(v.string()),
  }),
  v.transform(() => ({})),
);
/** Params of `keys.refresh`. */
export type KeysRefreshParams = v.InferInput<typeof KeysRefreshParamsSchema>;
