import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { EntityIdSchema } from "../entity-params.js";
import { EventSchema } from "../event.js";
import { FeatureIdsSchema } from "../event-params.js";

/** Params of `events.list`. */
export const EventsListParamsSchema = /* @__PURE__ */ outbound({
  /** The cursor from the previous page's `nextCursor`; omit for the first page. */
  startCursor: v.optional(v.string()),
  /** Events per page, 1 to 1000 (the server's ceiling). Defaults to 50. */
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
  /** Only events of this customer. */
  customerId: v.optional(CustomerIdSchema),
  /** Only events of this entity. */
  entityId: v.optional(EntityIdSchema),
  /** Only events of this feature, or of these features. */
  featureId: v.optional(FeatureIdsSchema),
  /** Only events within these epoch-ms bounds. */
  customRange: v.optional(outbound({ start: v.optional(v.number()), end: v.optional(v.number()) })),
});
/** Params of `events.list`. */
export type EventsListParams = CatalogParams<v.InferInput<typeof EventsListParamsSchema>>;

/** One page of events. */
export const EventPageSchema = /* @__PURE__ */ inbound({
  /** The events on this page. */
  list: v.array(EventSchema),
  /** The cursor of the next page; null on the last page. */
  nextCursor: v.nullable(v.string()),
});
/** One page of events. */
export type EventPage = CatalogAnswer<v.InferOutput<typeof EventPageSchema>>;
/** The answer to `events.list`: one page of events. */
export type EventsListResponse = EventPage;

/** @deprecated Use EventsListParams. */
export type ListEventsParams = EventsListParams;
/** @deprecated Use EventsListParamsSchema. */
export const ListEventsParamsSchema: typeof EventsListParamsSchema = EventsListParamsSchema;
