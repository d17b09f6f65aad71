import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";

export const KeysRevokeParamsSchema = /* @__PURE__ */ outbound({
  /** The customer whose every outstanding token stops working. */
  customerId: CustomerIdSchema,
});
/** Params of `keys.revoke`. */
export type KeysRevokeParams = CatalogParams<v.InferInput<typeof KeysRevokeParamsSchema>>;

export const KeysRevokeResponseSchema = /* @__PURE__ */ inbound({
  /** Always true: the tokens are revoked. */
  revoked: v.boolean(),
});
/** The answer to `keys.revoke`. */
export type KeysRevokeResponse = CatalogAnswer<v.InferOutput<typeof KeysRevokeResponseSchema>>;
