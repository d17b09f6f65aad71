import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { inbound } from "../lib/wire.js";
import { openEnumOf } from "./open-enum.js";
import type { REFERRAL_RECIPIENTS, REFERRAL_TRIGGERS } from "./shared.js";

/** A referral program: the reward a referral code earns, when and for whom. */
export const ReferralProgramSchema = /* @__PURE__ */ inbound({
  /** Your id for the program. */
  id: v.string(),
  /** The reward a redeemed code earns. */
  rewardId: v.string(),
  /** When the reward is granted: on redemption, or when the redeemer checks out. */
  redeemOn: openEnumOf<typeof REFERRAL_TRIGGERS>(),
  /** Who receives the reward: the referrer, or both parties. */
  receivedBy: openEnumOf<typeof REFERRAL_RECIPIENTS>(),
  /** How many times one code can be redeemed; null for no limit. */
  maxRedemptions: v.optional(v.nullable(v.number())),
  /** The plans whose checkout grants the reward, for `checkout` programs. */
  planIds: v.optional(v.nullable(v.array(v.string()))),
  /** Whether a checkout that starts a trial grants nothing. */
  excludeTrial: v.optional(v.nullable(v.boolean())),
  /** Epoch ms of creation. */
  createdAt: v.number(),
});
/** A referral program. */
export type ReferralProgram = CatalogAnswer<v.InferOutput<typeof ReferralProgramSchema>>;
