import type { AutumnCore } from "../core.js";
import { eventsAggregate } from "../funcs/events-aggregate.js";
import { eventsList } from "../funcs/events-list.js";
import { eventsListItems } from "../funcs/events-list-items.js";
import { eventsListPages } from "../funcs/events-list-pages.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync, unwrapPages } from "../lib/result.js";
import type { EventAggregation, EventsAggregateParams } from "../models/operations/events-aggregate.js";
import type { EventPage, EventsListParams } from "../models/operations/events-list.js";

/** Events: the usage recorded by `track`, listed one by one or summed over time. Methods throw on error. */
export class Events {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Lists one page of events. */
  list(params?: EventsListParams, options?: RequestOptions): Promise<EventPage> {
    return unwrapAsync(eventsList(this.#core, params, options));
  }

  /** Walks every page of events; throws the first error. */
  listPages(params?: EventsListParams, options?: RequestOptions): AsyncGenerator<EventPage, void, undefined> {
    return unwrapPages(eventsListPages(this.#core, params, options));
  }

  /** Every event across the pages, for `for await`; throws the first error. */
  listItems(params?: EventsListParams, options?: RequestOptions): AsyncGenerator<EventPage["list"][number], void, undefined> {
    return unwrapPages(eventsListItems(this.#core, params, options));
  }

  /** Sums events over time bins, per feature and optionally per group. */
  aggregate(params: EventsAggregateParams, options?: RequestOptions): Promise<EventAggregation> {
    return unwrapAsync(eventsAggregate(this.#core, params, options));
  }
}
