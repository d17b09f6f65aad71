import { balancesTrack } from "./balances-track.js";

/** `track` is {@link balancesTrack} under the name Autumn's current SDK gives it: the same function, params and answer. */
export const track: typeof balancesTrack = balancesTrack;
