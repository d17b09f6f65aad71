import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { CatalogIdSchema } from "../billing-params.js";
import { checkoutNeedsPlans, ReferralPlanIdsSchema, ReferralRecipientParamSchema, ReferralTriggerParamSchema } from "../referral-program-params.js";
import { PositiveCountParamSchema } from "../params.js";

/** Params of `referralPrograms.create`. */
export const ReferralProgramsCreateParamsSchema = /* @__PURE__ */ v.pipe(
  outbound({
    /** Your id for the program. */
    id: CatalogIdSchema,
    /** The reward a redeemed code earns; it must exist. */
    rewardId: CatalogIdSchema,
    /** When the reward is granted: on redemption, or when the redeemer checks out. */
    redeemOn: ReferralTriggerParamSchema,
    /** Who receives the reward: the referrer, or both parties. */
    receivedBy: ReferralRecipientParamSchema,
    /** How many times one code can be redeemed, a whole number above zero; null for no limit. */
    maxRedemptions: v.optional(v.nullable(PositiveCountParamSchema)),
    /** The plans whose checkout grants the reward, each once; needed for `checkout` programs. */
    planIds: v.optional(v.nullable(ReferralPlanIdsSchema)),
    /** Whether a checkout that starts a trial grants nothing. */
    excludeTrial: v.optional(v.nullable(v.boolean())),
  }),
  checkoutNeedsPlans,
);
/** Params of `referralPrograms.create`. */
export type ReferralProgramsCreateParams = CatalogParams<v.InferInput<typeof ReferralProgramsCreateParamsSchema>>;
