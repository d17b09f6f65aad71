import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CatalogIdSchema } from "../billing-params.js";

/** Params of `referralPrograms.delete`. */
export const ReferralProgramsDeleteParamsSchema = /* @__PURE__ */ outbound({
  /** The program to delete. */
  referralProgramId: CatalogIdSchema,
});
/** Params of `referralPrograms.delete`. */
export type ReferralProgramsDeleteParams = CatalogParams<v.InferInput<typeof ReferralProgramsDeleteParamsSchema>>;

/** The answer to `referralPrograms.delete`. */
export const ReferralProgramsDeleteResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `referralPrograms.delete`. */
export type ReferralProgramsDeleteResponse = CatalogAnswer<v.InferOutput<typeof ReferralProgramsDeleteResponseSchema>>;
