import { rewardsRedeem } from "./rewards-redeem.js";

/** `rewardsRedeemCode` is {@link rewardsRedeem} under the name Autumn's current SDK gives it: the same function, params and answer. */
export const rewardsRedeemCode: typeof rewardsRedeem = rewardsRedeem;
