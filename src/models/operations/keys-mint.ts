import * as v from "valibot";
import { outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";

export const KeysMintParamsSchema = /* @__PURE__ */ outbound({
  /** The customer the tokens act for. */
  customerId: CustomerIdSchema,
  /** Mint an access token that never expires and no refresh token; only `keys.revoke` ends it. */
  indefinite: v.optional(v.boolean()),
});
/** Params of `keys.mint`. */
export type KeysMintParams = v.InferInput<typeof KeysMintParamsSchema>;
