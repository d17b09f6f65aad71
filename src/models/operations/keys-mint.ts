import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";

export const KeysMintParamsSchema = /* @__PURE__ */ outbound({
  /** The customer the tokens act for. */
  customerId: CustomerIdSchema,
  /** Mint an access token that never expires and no refresh token; only `keys.revoke` ends it. */
  indefinite: v.optional(v.boolean()),
});
/** Params of `keys.mint`. */
export type KeysMintParams = CatalogParams<v.InferInput<typeof KeysMintParamsSchema>>;
