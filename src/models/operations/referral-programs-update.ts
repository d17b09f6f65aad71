import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { CatalogIdSchema } from "../billing-params.js";
import { ReferralPlanIdsSchema, ReferralRecipientParamSchema, ReferralTriggerParamSchema } from "../referral-program-params.js";
import { PositiveCountParamSchema } from "../params.js";

// Unlike create, redeemOn "checkout" without planIds is not refused here: the program may have its plans already.
/** Params of `referralPrograms.update`; fields left out keep their value. */
export const ReferralProgramsUpdateParamsSchema = /* @__PURE__ */ outbound({
  /** The program to change. */
  referralProgramId: CatalogIdSchema,
  /** The reward a redeemed code earns; it must exist. */
  rewardId: v.optional(CatalogIdSchema),
  /** When the reward is granted: on redemption, or when the redeemer checks out. */
  redeemOn: v.optional(ReferralTriggerParamSchema),
  /** Who receives the reward: the referrer, or both parties. */
  receivedBy: v.optional(ReferralRecipientParamSchema),
  /** How many times one code can be redeemed, a whole number above zero. */
  maxRedemptions: v.optional(PositiveCountParamSchema),
  /** The plans whose checkout grants the reward, each once. */
  planIds: v.optional(ReferralPlanIdsSchema),
  /** Whether a checkout that starts a trial grants nothing. */
  excludeTrial: v.optional(v.boolean()),
});
/** Params of `referralPrograms.update`. */
export type ReferralProgramsUpdateParams = CatalogParams<v.InferInput<typeof ReferralProgramsUpdateParamsSchema>>;
