import * as v from "valibot";
import type { WireObject } from "../lib/wire.js";
import { CatalogIdSchema } from "./billing-params.js";
import { distinct, rule } from "./rules.js";
import { REFERRAL_RECIPIENTS, REFERRAL_TRIGGERS } from "./shared.js";

/** When a program grants its reward, as sent in a request. */
export const ReferralTriggerParamSchema = /* @__PURE__ */ v.picklist(REFERRAL_TRIGGERS);

/** Who receives a program's reward, as sent in a request. */
export const ReferralRecipientParamSchema = /* @__PURE__ */ v.picklist(REFERRAL_RECIPIENTS);

/** The plans whose checkout grants a program's reward, each once. */
export const ReferralPlanIdsSchema = /* @__PURE__ */ v.pipe(v.array(CatalogIdSchema), distinct<string>("give each plan once"));

/** A `checkout` program needs the plans whose checkout grants the reward. */
export const checkoutNeedsPlans = /* @__PURE__ */ rule(
  "planIds",
  "needed when redeemOn is checkout: the plans whose checkout grants the reward",
  (wire: WireObject) => wire["redeem_on"] === "checkout" && !(wire["plan_ids"] as unknown[] | null | undefined)?.length,
);
