import { balancesCheck } from "./balances-check.js";

/** `check` is {@link balancesCheck} under the name Autumn's current SDK gives it: the same function, params and answer. */
export const check: typeof balancesCheck = balancesCheck;
