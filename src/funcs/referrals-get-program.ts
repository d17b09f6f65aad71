import { referralProgramsGet } from "./referral-programs-get.js";

/** `referralsGetProgram` is {@link referralProgramsGet} under the name Autumn's current SDK gives it: the same function, params and answer. */
export const referralsGetProgram: typeof referralProgramsGet = referralProgramsGet;
