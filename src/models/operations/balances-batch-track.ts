import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, type WireBody } from "../../lib/wire.js";
import { usageEvent, usageEventEntries } from "../balance-params.js";

/** One event of `balances.batchTrack`: give `featureId` or `eventName`. */
export const BatchTrackEventSchema = /* @__PURE__ */ usageEvent(usageEventEntries);
/** One event of `balances.batchTrack`. */
export type BatchTrackEvent = CatalogParams<v.InferInput<typeof BatchTrackEventSchema>>;
/** Params of `balances.batchTrack`: 1 to 1000 events, sent as a JSON array. */
export type BalancesBatchTrackParams = readonly BatchTrackEvent[];

// The wire body is an array of events; the cast only widens valibot's mutable array type to a readonly one.
/** Params of `balances.batchTrack`: 1 to 1000 events, sent as a JSON array. */
export const BalancesBatchTrackParamsSchema = /* @__PURE__ */ v.pipe(
  v.array(BatchTrackEventSchema),
  v.minLength(1, "must hold at least one event"),
  v.maxLength(1000, "must hold at most 1000 events"),
) as unknown as v.GenericSchema<BalancesBatchTrackParams, WireBody>;

/** The answer to `balances.batchTrack`: the events were queued. */
export const BalancesBatchTrackResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `balances.batchTrack`: the events were queued. */
export type BalancesBatchTrackResponse = CatalogAnswer<v.InferOutput<typeof BalancesBatchTrackResponseSchema>>;

/** @deprecated Use BalancesBatchTrackParams. */
export type BatchTrackParams = BalancesBatchTrackParams;
/** @deprecated Use BalancesBatchTrackParamsSchema. */
export const BatchTrackParamsSchema: typeof BalancesBatchTrackParamsSchema = BalancesBatchTrackParamsSchema;
/** @deprecated Use BalancesBatchTrackResponse. */
export type BatchTrackResponse = BalancesBatchTrackResponse;
/** @deprecated Use BalancesBatchTrackResponseSchema. */
export const BatchTrackResponseSchema: typeof BalancesBatchTrackResponseSchema = BalancesBatchTrackResponseSchema;
