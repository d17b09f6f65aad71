import type { AutumnCore } from "../core.js";
import type { Client, CustomerClient, ForCustomer } from "../lib/client.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type EventPage,
  EventPageSchema,
  type EventsListParams,
  EventsListParamsSchema,
} from "../models/operations/events-list.js";

const operation: Operation<EventsListParams, EventPage> = {
  path: "events.list",
  params: EventsListParamsSchema,
  response: EventPageSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Lists one page of usage events, filtered by customer, entity, feature or time.
 * Pass `nextCursor` as `startCursor` for the next page, or use `eventsListPages` to walk them all.
 *
 * With a `CustomerCore` (a customer's token), leave `customerId` out: it is the token's customer.
 *
 * @example
 * ```ts
 * const res = await eventsList(autumn, { customerId: "user_123", featureId: ["messages", "tokens"] });
 * if (res.ok) for (const event of res.value.list) console.log(event.featureId, event.value, event.properties);
 * ```
 */
export function eventsList(core: CustomerClient, params?: ForCustomer<EventsListParams>, options?: RequestOptions): Promise<Result<EventPage>>;
export function eventsList(core: AutumnCore, params?: EventsListParams, options?: RequestOptions): Promise<Result<EventPage>>;
export function eventsList(core: Client, params: EventsListParams | ForCustomer<EventsListParams> = {} as EventsListParams, options?: RequestOptions): Promise<Result<EventPage>> {
  return send(core, operation, params as EventsListParams, options);
}
