import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AutumnCore } from "../../src/core.js";
import { cachedCheck, cacheStats, createEntitlementCache, type EntitlementStoreError } from "../../src/entitlements/index.js";
import { redisStore } from "../../src/entitlements/redis.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { customersGetOrCreate } from "../../src/funcs/customers-get-or-create.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/index.js";
import { CHILD_TIMEOUT_MS, SPAWNING_TEST } from "../helpers.js";
import { type RedisServer, startRedisServer } from "../redis-server.js";
import { requestsTo, stillClock } from "./helpers.js";


/**
 * The Redis store against a real redis-server: two processes (this one with
 * ioredis, a child running the built package with node-redis) share
 * snapshots and invalidations; Redis going away leaves checks to Autumn.
 * Needs `npm run build` first, which `npm test` does.
 */
beforeEach(stillClock);
const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
let redis: RedisServer;
let sandbox: Sandbox;
let ioredis: Redis;
let n = 0;

beforeAll(async () => {
  redis = await startRedisServer();
  sandbox = await startSandbox();
  ioredis = new Redis(redis.port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  await ioredis.connect();
});
afterAll(async () => {
  ioredis.disconnect();
  await sandbox.close();
  await redis.stop();
});

function core(): AutumnCore {
  return new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } });
}

async function newCustomer(): Promise<string> {
  const customerId = `redis_user_${++n}`;
  await customersGetOrCreate(core(), { customerId });
  return customerId;
}

/**
 * Another instance: a child process with the built package and node-redis, on the sandbox's clock.
 * `action` is `check` (prints the answer and the cache's stats) or `webhook` (applies a billing.updated).
 */
async function otherProcess(action: "check" | "webhook", customerId: string): Promise<Record<string, unknown>> {
  const script = `
    import { createClient } from "redis";
    import { AutumnCore } from "./dist/core.js";
    import { applyWebhookEvent, cachedCheck, cacheStats, createEntitlementCache } from "./dist/entitlements/index.js";
    import { redisStore } from "./dist/entitlements/redis.js";
    const env = process.env;
    const client = await createClient({ url: env.REDIS_URL }).connect();
    const autumn = new AutumnCore({ secretKey: env.SECRET, serverURL: env.SANDBOX_URL, retryConfig: { limit: 0 } });
    const cache = createEntitlementCache(autumn, { shared: redisStore(client), now: () => Number(env.NOW) });
    let out;
    if (env.ACTION === "check") {
      const answer = await cachedCheck(cache, { customerId: env.CUSTOMER, featureId: "messages" });
      out = { answer: answer.value ?? answer.error, stats: cacheStats(cache) };
    } else {
      const event = { type: "billing.updated", known: true, deliveryId: "msg_" + env.CUSTOMER, signedAt: Date.now(), data: { customerId: env.CUSTOMER, planChanges: [], tags: [] } };
      out = await applyWebhookEvent(cache, event);
    }
    console.log(JSON.stringify(out));
    await client.quit();
  `;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root,
    timeout: CHILD_TIMEOUT_MS,
    env: { ...process.env, REDIS_URL: redis.url, SECRET: sandbox.secretKey, SANDBOX_URL: sandbox.url, NOW: String(sandbox.now()), ACTION: action, CUSTOMER: customerId },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
}

describe("two processes sharing Redis", () => {
  it("share a snapshot: the second answers from what the first loaded", SPAWNING_TEST, async () => {
    const customerId = await newCustomer();
    const cache = createEntitlementCache(core(), { shared: redisStore(ioredis), now: () => sandbox.now() });
    await cachedCheck(cache, { customerId, featureId: "messages" });
    const from = sandbox.requests.length;
    const other = await otherProcess("check", customerId);
    expect(other["answer"]).toMatchObject({ source: "cache", allowed: true, balance: { remaining: 5 } });
    expect(other["stats"]).toMatchObject({ loads: 0, storeErrors: 0 });
    expect(sandbox.requests.length - from).toBe(0);
    // One hash per customer, under a hash tag: its generation and each subject's copy.
    expect(await ioredis.type(`autumn:entitlements:{${customerId}}`)).toBe("hash");
    expect((await ioredis.hkeys(`autumn:entitlements:{${customerId}}`)).sort()).toEqual(["s:"]);
  });

  it("see a webhook applied in one invalidate the other", SPAWNING_TEST, async () => {
    const customerId = await newCustomer();
    const cache = createEntitlementCache(core(), { shared: redisStore(ioredis), now: () => sandbox.now() });
    await cachedCheck(cache, { customerId, featureId: "messages" });
    await balancesTrack(core(), { customerId, featureId: "messages", value: 5 });
    expect(await otherProcess("webhook", customerId)).toMatchObject({ ok: true, value: { action: "dropped", customerId } });
    sandbox.advanceClock(1_000);
    const from = sandbox.requests.length;
    expect((await cachedCheck(cache, { customerId, featureId: "messages" })).value).toMatchObject({ source: "cache", allowed: false, balance: { remaining: 0 } });
    expect(requestsTo(sandbox, "customers.get", from)).toBe(1);
  });
});

describe("the store's operations", () => {
  it("work through node-redis as through ioredis", async () => {
    const customerId = await newCustomer();
    const client = await createClient({ url: redis.url }).connect();
    try {
      const [a, b] = [redisStore(client), redisStore(ioredis)].map((shared) => createEntitlementCache(core(), { shared, now: () => sandbox.now() }));
      await cachedCheck(a!, { customerId, featureId: "messages" });
      expect((await cachedCheck(b!, { customerId, featureId: "messages" })).value).toMatchObject({ source: "cache" });
      expect(cacheStats(b!)).toMatchObject({ loads: 0, storeErrors: 0 });
    } finally {
      await client.quit();
    }
  });

  it("drop a write made for a generation that has moved on", async () => {
    const store = redisStore(ioredis, { prefix: "race:" });
    const before = await store.read("racer", "");
    expect(before).toEqual({ generation: null, text: null });
    await store.replace("racer", "g2", 60_000);
    // A load that read the store before the invalidation writes what it got: nobody reads it.
    await store.write("racer", "", before.generation, "~old", 60_000);
    expect(await store.read("racer", "")).toEqual({ generation: "g2", text: null });
    await store.write("racer", "", "g2", "~new", 60_000);
    expect(await store.read("racer", "")).toEqual({ generation: "g2", text: "~new" });
    await store.replace("racer", "g3", 60_000, "e:seat", "~kept");
    expect(await store.read("racer", "")).toEqual({ generation: "g3", text: null });
    expect(await store.read("racer", "e:seat")).toEqual({ generation: "g3", text: "~kept" });
  });

  it("refuses a client of no known shape", () => {
    expect(() => redisStore({} as never)).toThrow(expect.objectContaining({ name: "ConfigurationError", setting: "client" }));
  });
});

describe("Redis going away", () => {
  it("leaves checks to Autumn, with no error, and reports each failure", async () => {
    const own = await startRedisServer();
    const client = new Redis(own.port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    client.on("error", () => {});
    await client.connect();
    const reported: EntitlementStoreError[] = [];
    const cache = createEntitlementCache(core(), { shared: redisStore(client), now: () => sandbox.now(), onStoreError: (error) => reported.push(error) });
    const customerId = await newCustomer();
    await cachedCheck(cache, { customerId, featureId: "messages" });
    await own.stop();
    sandbox.advanceClock(1_000);
    for (let i = 0; i < 3; i++) {
      const answer = await cachedCheck(cache, { customerId, featureId: "messages" });
      expect(answer.value).toMatchObject({ allowed: true, source: "cache" });
      sandbox.advanceClock(1_000);
    }
    expect(reported.length).toBeGreaterThanOrEqual(3);
    expect(reported.every((error) => error.name === "EntitlementStoreError" && error.reason === "failed")).toBe(true);
    expect(cacheStats(cache).loads).toBe(4);
    client.disconnect();
  });
});
