import { describe, expectTypeOf, it } from "vitest";
import type { AutumnCore } from "../../src/core.js";
import { eventsAggregate } from "../../src/funcs/events-aggregate.js";
import { eventsList } from "../../src/funcs/events-list.js";
import type { Result } from "../../src/lib/result.js";
import type { SDKError } from "../../src/models/errors/index.js";
import type { Event } from "../../src/models/event.js";
import type { EventAggregation, EventsAggregateParams } from "../../src/models/operations/events-aggregate.js";
import type { EventPage, EventsListParams } from "../../src/models/operations/events-list.js";

declare const core: AutumnCore;

describe("event functions", () => {
  it("return a Result of a page of events or of the aggregation", () => {
    expectTypeOf(eventsList).returns.toEqualTypeOf<Promise<Result<EventPage, SDKError>>>();
    expectTypeOf(eventsAggregate).returns.toEqualTypeOf<Promise<Result<EventAggregation, SDKError>>>();
    expectTypeOf<EventPage["list"]>().toEqualTypeOf<Event[]>();
  });

  it("take featureId as one id or several, required only to aggregate", () => {
    expectTypeOf<EventsListParams["featureId"]>().toEqualTypeOf<string | readonly string[] | undefined>();
    expectTypeOf<EventsAggregateParams["featureId"]>().toEqualTypeOf<string | readonly string[]>();
    expectTypeOf<EventsAggregateParams["range"]>().toEqualTypeOf<"24h" | "7d" | "30d" | "90d" | "last_cycle" | "1bc" | "3bc" | undefined>();
    // @ts-expect-error: featureId is required
    void eventsAggregate(core, { customerId: "user_123" });
  });

  it("type event properties and aggregated series as records keyed by data", () => {
    expectTypeOf<Event["properties"]>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<EventAggregation["total"]>().toEqualTypeOf<Record<string, { count: number; sum: number }>>();
    expectTypeOf<EventAggregation["list"][number]["groupedValues"]>().toEqualTypeOf<Record<string, Record<string, number>> | undefined>();
  });
});
