import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { walkCursorPages } from "../lib/paginate.js";
import type { Result } from "../lib/result.js";
import type { EventPage, EventsListParams } from "../models/operations/events-list.js";
import { eventsList } from "./events-list.js";

/**
 * Walks every page of events, yielding each page's `Result`. It ends after
 * the last page (`nextCursor: null`) or after the first failed page, which it
 * yields; it never throws.
 *
 * @example
 * ```ts
 * for await (const page of eventsListPages(autumn, { customerId: "user_123", limit: 500 })) {
 *   if (!page.ok) { console.error(page.error); break; }
 *   for (const event of page.value.list) console.log(event.timestamp, event.value);
 * }
 * ```
 */
export function eventsListPages(
  core: AutumnCore,
  params: EventsListParams = {},
  options?: RequestOptions,
): AsyncGenerator<Result<EventPage>, void, undefined> {
  return walkCursorPages(eventsList, core, params, options);
}
