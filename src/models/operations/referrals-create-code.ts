import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CatalogIdSchema } from "../billing-params.js";
import { CustomerIdSchema } from "../customer-params.js";

/** Params of `referrals.createCode`. */
export const ReferralsCreateCodeParamsSchema = /* @__PURE__ */ outbound({
  /** The referrer: the customer the code belongs to. */
  customerId: CustomerIdSchema,
  /** The referral program the code is for. */
  programId: CatalogIdSchema,
});
/** Params of `referrals.createCode`. */
export type ReferralsCreateCodeParams = CatalogParams<v.InferInput<typeof ReferralsCreateCodeParamsSchema>>;

/** The answer to `referrals.createCode`: the referrer's code for the program, the same on every call. */
export const ReferralsCreateCodeResponseSchema = /* @__PURE__ */ inbound({
  /** The code to share. */
  code: v.string(),
  /** The referrer the code belongs to. */
  customerId: v.string(),
  /** Epoch ms of the code's creation. */
  createdAt: v.number(),
});
/** The answer to `referrals.createCode`. */
export type ReferralsCreateCodeResponse = CatalogAnswer<v.InferOutput<typeof ReferralsCreateCodeResponseSchema>>;
