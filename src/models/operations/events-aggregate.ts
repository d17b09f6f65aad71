import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { dataRecord, inbound, openEnum, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { EntityIdSchema } from "../entity-params.js";
import { FeatureIdsSchema } from "../event-params.js";
import { rule } from "../rules.js";

const AggregateEventsObjectSchema = /* @__PURE__ */ outbound({
  /** The feature, or features, to aggregate. */
  featureId: FeatureIdsSchema,
  /** Only events of this customer. Required with `aggregateOn`. */
  customerId: v.optional(CustomerIdSchema),
  /** Only events of this entity. */
  entityId: v.optional(EntityIdSchema),
  /** An event property (`"properties.region"`) or `"$customer_id"`, `"$entity_id"`, `"$plan_id"` to group by. */
  groupBy: v.optional(v.string()),
  /** A preset window (`1bc`/`3bc`: billing cycles). Not with `customRange`; the server defaults to the current cycle. */
  range: v.optional(v.picklist(["24h", "7d", "30d", "90d", "last_cycle", "1bc", "3bc"])),
  // The spec gives bin sizes their own list (in another order); that PURCHASE_LIMIT_INTERVALS holds the same values is chance.
  /** Width of each bin. Defaults to hour for `24h`, otherwise day. */
  binSize: v.optional(v.picklist(["day", "hour", "week", "month"])),
  /** An explicit epoch-ms window. Not with `range`. */
  customRange: v.optional(outbound({ start: v.number(), end: v.number() })),
  /** Only events whose properties have these values; at most 5. */
  filterBy: v.optional(v.pipe(dataRecord(v.string()), v.maxEntries(5, "at most 5 filters"))),
  /** Distinct group values per bin, 1 to 250; the rest are summed as "Other". Defaults to 9. */
  maxGroups: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(250))),
  /** `"deducted"` adds a per-balance breakdown under `deductions`. */
  aggregateOn: v.optional(v.picklist(["deducted"])),
});

/** Params of `events.aggregate`. */
export const EventsAggregateParamsSchema = /* @__PURE__ */ v.pipe(
  AggregateEventsObjectSchema,
  rule("customRange", "give either range or customRange, not both", (wire) => wire["range"] !== undefined && wire["custom_range"] !== undefined),
  rule("customRange", "start must be before end", (wire) => {
    const window = wire["custom_range"] as { start: number; end: number } | undefined;
    return window !== undefined && !(window.start < window.end);
  }),
  rule("customerId", "required when aggregateOn is set", (wire) => wire["aggregate_on"] !== undefined && wire["customer_id"] === undefined),
);
/** Params of `events.aggregate`. */
export type EventsAggregateParams = CatalogParams<v.InferInput<typeof EventsAggregateParamsSchema>>;

/** What was taken from one balance in one bin. */
const DeductedBalanceSchema = /* @__PURE__ */ inbound({
  balanceId: v.string(),
  /** The entity owning the balance; null for a balance shared at customer level. */
  entityId: v.nullable(v.string()),
  planId: v.nullable(v.string()),
  /** The balance's reset as it was when the usage was deducted. */
  reset: v.nullable(inbound({ interval: v.string(), resetsAt: v.nullable(v.number()) })),
  /** Credits per unit of the tracked feature; null when 1:1 or mixed. */
  creditCost: v.nullable(v.number()),
  deducted: v.number(),
  /** Events that drew on the balance. */
  events: v.number(),
});

/** Usage over time: one entry per bin, plus totals. Every record is keyed by data (feature ids, group values, balance ids). */
export const EventAggregationSchema = /* @__PURE__ */ inbound({
  /** One entry per time bin. */
  list: v.array(
    inbound({
      /** Epoch ms of the bin's start. */
      period: v.number(),
      /** Sum per feature id. */
      values: dataRecord(v.number()),
      /** With `groupBy`: sum per feature id, then per group value. */
      groupedValues: v.optional(dataRecord(dataRecord(v.number()))),
    }),
  ),
  /** Event count and sum per feature id over the whole window. */
  total: dataRecord(inbound({ count: v.number(), sum: v.number() })),
  /** With `aggregateOn: "deducted"`: what was taken from balances, per bin. */
  deductions: v.optional(
    v.array(
      inbound({
        /** Epoch ms of the bin's start. */
        period: v.number(),
        /** Keyed by the feature that owns the balance (not the tracked one). */
        values: dataRecord(
          inbound({
            /** `credit_system` when `deducted` counts credits. */
            featureType: openEnum(["metered", "credit_system"]),
            deducted: v.number(),
            events: v.number(),
            balances: v.array(DeductedBalanceSchema),
          }),
        ),
        /** With `groupBy`: keyed by balance id, then by group value. */
        groupedValues: v.optional(
          dataRecord(dataRecord(inbound({ deducted: v.number(), creditCost: v.optional(v.nullable(v.number())) }))),
        ),
      }),
    ),
  ),
});
/** The answer to `events.aggregate`. */
export type EventAggregation = CatalogAnswer<v.InferOutput<typeof EventAggregationSchema>>;
/** The answer to `events.aggregate`: usage per time bin, plus totals. */
export type EventsAggregateResponse = EventAggregation;

/** @deprecated Use EventsAggregateParams. */
export type AggregateEventsParams = EventsAggregateParams;
/** @deprecated Use EventsAggregateParamsSchema. */
export const AggregateEventsParamsSchema: typeof EventsAggregateParamsSchema = EventsAggregateParamsSchema;
