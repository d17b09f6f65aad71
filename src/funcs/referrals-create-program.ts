import { referralProgramsCreate } from "./referral-programs-create.js";

/** `referralsCreateProgram` is {@link referralProgramsCreate} under the name Autumn's current SDK gives it: the same function, params and answer. */
export const referralsCreateProgram: typeof referralProgramsCreate = referralProgramsCreate;
