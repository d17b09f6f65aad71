import { referralProgramsUpdate } from "./referral-programs-update.js";

/** `referralsUpdateProgram` is {@link referralProgramsUpdate} under the name Autumn's current SDK gives it: the same function, params and answer. */
export const referralsUpdateProgram: typeof referralProgramsUpdate = referralProgramsUpdate;
