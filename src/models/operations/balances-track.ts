import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { withEntries } from "../../lib/wire.js";
import { usageEvent, usageEventEntries } from "../balance-params.js";

/** Params of `balances.track`: give `featureId` or `eventName`. */
export const BalancesTrackParamsSchema = /* @__PURE__ */ usageEvent(
  withEntries(usageEventEntries, {
    /** Queue the event and answer at once; the answer then carries no balance (`balance: null`). */
    async: v.optional(v.boolean()),
  }),
);
/** Params of `balances.track`: give `featureId` or `eventName`. */
export type BalancesTrackParams = CatalogParams<v.InferInput<typeof BalancesTrackParamsSchema>>;

/** @deprecated Use BalancesTrackParams. */
export type TrackParams = BalancesTrackParams;
/** @deprecated Use BalancesTrackParamsSchema. */
export const TrackParamsSchema: typeof BalancesTrackParamsSchema = BalancesTrackParamsSchema;
