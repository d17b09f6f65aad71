import { referralProgramsDelete } from "./referral-programs-delete.js";

/** `referralsDeleteProgram` is {@link referralProgramsDelete} under the name Autumn's current SDK gives it: the same function, params and answer. */
export const referralsDeleteProgram: typeof referralProgramsDelete = referralProgramsDelete;
