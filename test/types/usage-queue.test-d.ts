import { Redis } from "ioredis";
import { createClient } from "redis";
import { describe, expectTypeOf, it } from "vitest";
import { AutumnCore } from "../../src/core.js";
import type { TrackResult } from "../../src/funcs/balances-track.js";
import type { SDKError } from "../../src/models/index.js";
import { fileStore } from "../../src/usage-queue/file-store.js";
import {
  type AddError,
  type CloseReport,
  createUsageQueue,
  type DeadLetter,
  type FlushReport,
  type QueuedUsage,
  QueueFullError,
  type QueueStats,
  QueueStoreError,
  type Result,
  trackOrQueue,
  type UsageStore,
} from "../../src/usage-queue/index.js";
import { redisStore } from "../../src/usage-queue/redis-store.js";

const queue = createUsageQueue(new AutumnCore());

describe("add", () => {
  it("returns a Result at once, never a promise, whose error narrows by name", () => {
    const added = queue.add({ customerId: "user_1", featureId: "messages" });
    expectTypeOf(added).toEqualTypeOf<Result<QueuedUsage, AddError>>();
    if (!added.ok) {
      expectTypeOf(added.error.name).toEqualTypeOf<"RequestValidationError" | "ConfigurationError" | "QueueFullError" | "QueueClosedError" | "QueueStoreError">();
      if (added.error.name === "QueueFullError") expectTypeOf(added.error.capacity).toBeNumber();
    }
    expectTypeOf<QueueFullError>().not.toMatchTypeOf<SDKError>();
  });

  it("takes balancesTrack's params and refuses what they refuse", () => {
    // @ts-expect-error: customerId is required
    queue.add({ featureId: "messages" });
    // @ts-expect-error: no such field
    queue.add({ customerId: "user_1", featureId: "messages", amount: 1 });
    queue.add({ customerId: "user_1", eventName: "chat.message", properties: { model: "gpt" } }, { idempotencyKey: "m-1" });
  });
});

describe("delivery", () => {
  it("hands Autumn's track answer to onDelivered, and dead letters to onDead", () => {
    createUsageQueue(new AutumnCore(), {
      onDelivered: (event, answer) => {
        expectTypeOf(event).toEqualTypeOf<QueuedUsage>();
        expectTypeOf(answer).toEqualTypeOf<TrackResult | undefined>();
      },
      onDead: (letter) => {
        expectTypeOf(letter.reason).toEqualTypeOf<"refused" | "outcome_unknown">();
      },
    });
  });

  it("flush and close resolve to reports; stats and dead letters to Results with a QueueStoreError", () => {
    expectTypeOf(queue.flush()).toEqualTypeOf<Promise<FlushReport>>();
    expectTypeOf(queue.close({ deadlineMs: 1_000 })).toEqualTypeOf<Promise<CloseReport>>();
    expectTypeOf(queue.stats()).toEqualTypeOf<Promise<Result<QueueStats, QueueStoreError>>>();
    expectTypeOf(queue.deadLetters()).toEqualTypeOf<Promise<Result<readonly DeadLetter[], QueueStoreError>>>();
  });

  it("trackOrQueue answers like balancesTrack, with what was queued", async () => {
    const res = await trackOrQueue(queue, { customerId: "user_1", featureId: "messages" });
    if (res.ok) expectTypeOf(res.value.queued).toEqualTypeOf<QueuedUsage | undefined>();
  });
});

describe("stores", () => {
  it("are UsageStores, the file store from a path and the Redis store from the app's own client", () => {
    expectTypeOf(fileStore({ path: "/tmp/usage.log", fsync: true })).toEqualTypeOf<UsageStore>();
    expectTypeOf(redisStore(new Redis(), { name: "usage" })).toEqualTypeOf<UsageStore>();
    expectTypeOf(redisStore(createClient())).toEqualTypeOf<UsageStore>();
    // @ts-expect-error: not a Redis client
    redisStore("redis://localhost");
  });
});
