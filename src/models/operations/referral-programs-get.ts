import type * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { CatalogIdSchema } from "../billing-params.js";

/** Params of `referralPrograms.get`. */
export const ReferralProgramsGetParamsSchema = /* @__PURE__ */ outbound({
  /** The program to get. */
  referralProgramId: CatalogIdSchema,
});
/** Params of `referralPrograms.get`. */
export type ReferralProgramsGetParams = CatalogParams<v.InferInput<typeof ReferralProgramsGetParamsSchema>>;
