import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { inbound } from "../lib/wire.js";

/** A customer's token pair, as `keys.mint` and `keys.refresh` answer it and `CustomerCore` takes it. */
export const CustomerTokensSchema = /* @__PURE__ */ inbound({
  /** The access token (`am_jwt_…`): one hour, or no expiry when minted `indefinite`. */
  accessToken: v.string(),
  /** The rotating refresh token (`am_jwt_…`, 24 hours); absent for an indefinite token. */
  refreshToken: v.optional(v.string()),
  /** When the access token expires, epoch ms; null for an indefinite token. */
  expiresAt: v.nullable(v.number()),
  /** When the refresh token expires, epoch ms; absent for an indefinite token. */
  refreshExpiresAt: v.optional(v.number()),
});
/** A customer's token pair. Store it where the code that uses it runs; never log it. */
export type CustomerTokens = CatalogAnswer<v.InferOutput<typeof CustomerTokensSchema>>;
