import type { AutumnCore } from "../core.js";
import type { Client, CustomerClient, ForCustomer } from "../lib/client.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type EventAggregation,
  EventAggregationSchema,
  type EventsAggregateParams,
  EventsAggregateParamsSchema,
} from "../models/operations/events-aggregate.js";

const operation: Operation<EventsAggregateParams, EventAggregation> = {
  path: "events.aggregate",
  params: EventsAggregateParamsSchema,
  response: EventAggregationSchema,
  // A query: aggregating has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Sums usage events over time bins, per feature and optionally per group (`groupBy`).
 *
 * With a `CustomerCore` (a customer's token), leave `customerId` out: it is the token's customer.
 *
 * @example
 * ```ts
 * const res = await eventsAggregate(autumn, { customerId: "user_123", featureId: "messages", range: "30d", groupBy: "properties.model" });
 * if (res.ok) for (const bin of res.value.list) console.log(bin.period, bin.values["messages"]);
 * ```
 */
export function eventsAggregate(core: CustomerClient, params: ForCustomer<EventsAggregateParams>, options?: RequestOptions): Promise<Result<EventAggregation>>;
export function eventsAggregate(core: AutumnCore, params: EventsAggregateParams, options?: RequestOptions): Promise<Result<EventAggregation>>;
export function eventsAggregate(core: Client, params: EventsAggregateParams | ForCustomer<EventsAggregateParams>, options?: RequestOptions): Promise<Result<EventAggregation>> {
  return send(core, operation, params as EventsAggregateParams, options);
}
