import { referralProgramsList } from "./referral-programs-list.js";

/** `referralsListPrograms` is {@link referralProgramsList} under the name Autumn's current SDK gives it: the same function, params and answer. */
export const referralsListPrograms: typeof referralProgramsList = referralProgramsList;
