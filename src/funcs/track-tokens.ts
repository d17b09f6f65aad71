import { balancesTrackTokens } from "./balances-track-tokens.js";

/** `trackTokens` is {@link balancesTrackTokens} under the name Autumn's current SDK gives it: the same function, params and answer. */
export const trackTokens: typeof balancesTrackTokens = balancesTrackTokens;
