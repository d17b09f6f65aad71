import { balancesBatchTrack } from "./balances-batch-track.js";

/** `batchTrack` is {@link balancesBatchTrack} under the name Autumn's current SDK gives it: the same function, params and answer. */
export const batchTrack: typeof balancesBatchTrack = balancesBatchTrack;
