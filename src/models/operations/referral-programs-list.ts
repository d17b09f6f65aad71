import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { ReferralProgramSchema } from "../referral-program.js";

/** `referralPrograms.list` takes no params; unknown keys are refused. */
export const ReferralProgramsListParamsSchema = /* @__PURE__ */ outbound({});
/** Params of `referralPrograms.list`: none. */
export type ReferralProgramsListParams = CatalogParams<v.InferInput<typeof ReferralProgramsListParamsSchema>>;

/** Every referral program of the organisation; the list is not paginated. */
export const ReferralProgramListSchema = /* @__PURE__ */ inbound({
  /** The programs. */
  list: v.array(ReferralProgramSchema),
});
/** Every referral program. */
export type ReferralProgramList = CatalogAnswer<v.InferOutput<typeof ReferralProgramListSchema>>;
/** The answer to `referralPrograms.list`: every referral program. */
export type ReferralProgramsListResponse = ReferralProgramList;
