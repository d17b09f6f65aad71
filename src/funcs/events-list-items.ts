import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { walkCursorItems } from "../lib/paginate.js";
import type { Result } from "../lib/result.js";
import type { EventsListParams, EventPage } from "../models/operations/events-list.js";
import { eventsList } from "./events-list.js";

/**
 * Walks every event across the pages of `events.list`, yielding each as an ok
 * `Result`. A page that fails ends the walk with that failure as the last
 * element, so it cannot pass unnoticed; it never throws.
 *
 * @example
 * ```ts
 * for await (const event of eventsListItems(autumn, { limit: 200 })) {
 *   if (!event.ok) { console.error(event.error); break; }
 *   console.log(event.value.id);
 * }
 * ```
 */
export function eventsListItems(
  core: AutumnCore,
  params: EventsListParams = {},
  options?: RequestOptions,
): AsyncGenerator<Result<EventPage["list"][number]>, void, undefined> {
  return walkCursorItems(eventsList, core, params, options);
}
