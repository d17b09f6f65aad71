import { Redis as IORedis } from "ioredis";
import { describe, expect, it } from "vitest";
import type { RedisClientLike } from "../../src/lib/redis.js";
import { createUsageQueue } from "../../src/usage-queue/queue.js";
import { redisStore } from "../../src/usage-queue/redis-store.js";
import { redisClients, startRedisServer, upstashLike } from "../redis-server.js";
import { eventsByN, FAST, queueSandboxes, tracksUnder } from "./helpers.js";

const sandboxes = queueSandboxes();
const redis = redisClients();
let names = 0;
/** A queue name no other test uses. */
const fresh = () => `test-${++names}`;

const params = (n: number) => ({
  customerId: "user_1",
  featureId: "api_calls",
  value: 1 + (n % 3),
  // Values a careless store would change: a JSON-looking string, an empty array, nested data, non-ASCII.
  properties: { n, note: '{"looks":"like json"}', empty: [], nested: { list: [1, "2"], none: null }, text: "Grüße €" },
});

describe("the Redis store", () => {
  it.each([
    ["ioredis", () => redis.ioredis],
    ["node-redis", () => redis.nodeRedis],
    ["Upstash (parsing JSON-looking answers)", () => upstashLike(redis.ioredis)],
  ])("with %s: delivers events and keeps dead letters exactly as they were added", async (_name, client) => {
    const { sandbox, core, keep } = await sandboxes();
    const queue = keep(createUsageQueue(core, { ...FAST, store: redisStore(client() as RedisClientLike, { name: fresh() }) }));
    const added = [0, 1, 2].map((n) => queue.add(params(n), { idempotencyKey: `${12_345 + n}` }).value!);
    const ghost = queue.add({ ...params(3), customerId: "ghost" }, { idempotencyKey: "99999" }).value!;
    await queue.flush();
    expect(sandbox.events.map((event) => event.properties).sort((a, b) => (a["n"] as number) - (b["n"] as number))).toEqual([0, 1, 2].map((n) => params(n).properties));
    for (const event of added) expect(tracksUnder(sandbox, event.idempotencyKey)).toHaveLength(1);
    expect((await queue.deadLetters()).value).toEqual([{ ...ghost, reason: "refused", error: expect.objectContaining({ code: "customer_not_found" }), deadAt: expect.any(Number), attempts: 1 }]);
    expect((await queue.stats()).value).toEqual({ pending: 0, inFlight: 0, delivered: 3, dead: 1, outcomeUnknown: 0 });
  });

  it("two queues on one store, through resets after applying and 503s: every event delivered once", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const name = fresh();
    const queues = [0, 1].map(() => keep(createUsageQueue(core, { ...FAST, confirmDuplicateAfterMs: 0, store: redisStore(redis.ioredis, { name }) })));
    for (let round = 0; round < 10; round++) {
      sandbox.fail({ kind: "reset", afterApplying: true }, { route: "balances.track", times: 2 });
      sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 2 });
    }
    const keys = new Map<number, string>();
    for (let n = 0; n < 200; n++) keys.set(n, queues[n % 2]!.add(params(n)).value!.idempotencyKey);
    while (((await queues[0]!.stats()).value?.pending ?? 1) + ((await queues[0]!.stats()).value?.inFlight ?? 1) > 0) {
      await Promise.all(queues.map((queue) => queue.flush()));
    }
    expect([...eventsByN(sandbox).values()].every((count) => count === 1)).toBe(true);
    expect(eventsByN(sandbox).size).toBe(200);
    // Each event was only ever sent under its own key, by whichever queue took it.
    for (const request of sandbox.requests.filter((request) => request.path === "balances.track")) {
      expect(keys.get((request.body as { properties: { n: number } }).properties.n)).toBe(request.idempotencyKey);
    }
    const delivered = (await Promise.all(queues.map(async (queue) => (await queue.stats()).value!.delivered))).reduce((a, b) => a + b);
    expect(delivered).toBe(200);
  });

  it("an event whose holder stopped answering is taken over when its lease runs out, and counts once", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const name = fresh();
    let now = Date.now();
    const options = { ...FAST, now: () => now, attemptTimeoutMs: 600_000, leaseMs: 700_000 };
    const stuck = createUsageQueue(core, { ...options, store: redisStore(redis.ioredis, { name }) });
    const other = keep(createUsageQueue(core, { ...options, store: redisStore(redis.ioredis, { name }) }));
    // The first holder's attempt is held unanswered (as by a process that hangs).
    sandbox.fail({ kind: "timeout" }, { route: "balances.track" });
    const { idempotencyKey } = stuck.add(params(0)).value!;
    const stuckFlush = stuck.flush();
    while (sandbox.requests.every((request) => request.fault !== "timeout")) await new Promise((resolve) => setTimeout(resolve, 2));
    expect((await other.flush()).delivered).toBe(0);
    now += 700_000;
    expect((await other.flush()).delivered).toBe(1);
    // The first holder gives up at last: its settlement no longer holds the lease and changes nothing.
    await stuck.close({ deadlineMs: 0 });
    await stuckFlush;
    expect(tracksUnder(sandbox, idempotencyKey).map((request) => request.fault ?? "answered")).toEqual(["timeout", "answered"]);
    expect(sandbox.events).toHaveLength(1);
    expect((await other.stats()).value).toMatchObject({ pending: 0, inFlight: 0, dead: 0 });
  });

  it("a dead letter can be retried or dropped from any instance", async () => {
    const { sandbox, core, keep } = await sandboxes();
    const name = fresh();
    const first = keep(createUsageQueue(core, { ...FAST, store: redisStore(redis.ioredis, { name }) }));
    const second = keep(createUsageQueue(core, { ...FAST, store: redisStore(redis.nodeRedis, { name }) }));
    const ghost = first.add({ customerId: "ghost", featureId: "api_calls" }).value!;
    const nobody = first.add({ customerId: "nobody", featureId: "api_calls" }).value!;
    await first.flush();
    const { customersGetOrCreate } = await import("../../src/funcs/customers-get-or-create.js");
    await customersGetOrCreate(core, { customerId: "ghost" });
    expect((await second.retryDead(ghost.idempotencyKey)).value).toBe(true);
    expect((await second.dropDead(nobody.idempotencyKey)).value).toBe(true);
    await second.flush();
    expect(tracksUnder(sandbox, ghost.idempotencyKey)).toHaveLength(2);
    expect(sandbox.events.map((event) => event.customerId)).toEqual(["ghost"]);
    expect((await first.stats()).value).toMatchObject({ pending: 0, dead: 0 });
  });

  it("capacity: an instance that has seen Redis hold `capacity` events refuses more", async () => {
    const { core, keep } = await sandboxes();
    const name = fresh();
    const first = keep(createUsageQueue(core, { ...FAST, capacity: 2, store: redisStore(redis.ioredis, { name }) }));
    first.add({ customerId: "ghost", featureId: "api_calls" });
    first.add({ customerId: "nobody", featureId: "api_calls" });
    await first.flush();
    const second = keep(createUsageQueue(core, { ...FAST, capacity: 2, store: redisStore(redis.ioredis, { name }) }));
    expect((await second.stats()).value?.dead).toBe(2);
    const refused = second.add(params(1));
    expect(!refused.ok && refused.error.name).toBe("QueueFullError");
  });

  it("while Redis is unreachable, add keeps the event in this process; close reports it as lost", async () => {
    const { core } = await sandboxes();
    const own = await startRedisServer();
    const client = new IORedis(own.port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    await client.connect();
    await own.stop();
    const queue = createUsageQueue(core, { ...FAST, store: redisStore(client, { name: fresh() }) });
    const added = queue.add(params(1));
    expect(added.ok).toBe(true);
    const report = await queue.flush();
    expect(report.storeError?.name).toBe("QueueStoreError");
    expect((await queue.stats()).error?.name).toBe("QueueStoreError");
    expect(await queue.close({ deadlineMs: 50 })).toMatchObject({ lost: [added.value] });
    client.disconnect();
  });

  it("checks its client and options", () => {
    expect(() => redisStore({} as never)).toThrow(expect.objectContaining({ name: "ConfigurationError", setting: "client" }));
    expect(() => redisStore(redis.ioredis, { name: "a{b}" })).toThrow(expect.objectContaining({ name: "ConfigurationError", setting: "name" }));
  });
});
