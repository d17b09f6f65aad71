import { Redis as IORedis } from "ioredis";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRedisClient, redisScript } from "../../src/lib/redis.js";
import { type RedisServer, startRedisServer } from "../redis-server.js";

let server: RedisServer;
let ioredis: IORedis;
let nodeRedis: ReturnType<typeof createClient>;

beforeAll(async () => {
  server = await startRedisServer();
  ioredis = new IORedis(server.port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0 });
  await ioredis.connect();
  nodeRedis = createClient({ url: server.url });
  await nodeRedis.connect();
});

afterAll(async () => {
  ioredis?.disconnect();
  await nodeRedis?.disconnect().catch(() => {});
  await server?.stop();
});

/** An Upstash-shaped client (its two script methods), forwarding to the real server through ioredis. */
function upstashShaped(client: IORedis) {
  return {
    eval: (script: string, keys: string[], args: string[]) => client.call("EVAL", script, String(keys.length), ...keys, ...args),
    evalsha: (sha: string, keys: string[], args: string[]) => client.call("EVALSHA", sha, String(keys.length), ...keys, ...args),
  };
}

const INCR_BY = "return redis.call('INCRBY', KEYS[1], ARGV[1])";

describe("redisScript, by the client's shape", () => {
  const clients = () =>
    [
      ["ioredis", ioredis],
      ["node-redis", nodeRedis],
      ["Upstash-shaped", upstashShaped(ioredis)],
    ] as const;

  it("runs a script with its keys and arguments on every known client", async () => {
    for (const [name, client] of clients()) {
      const incr = redisScript(client, INCR_BY);
      expect(incr, name).toBeDefined();
      expect(await incr!([`counter:${name}`], ["2"])).toBe(2);
      expect(await incr!([`counter:${name}`], ["3"])).toBe(5);
    }
  });

  it("loads the script again after the server forgot it (SCRIPT FLUSH)", async () => {
    for (const [name, client] of clients()) {
      const incr = redisScript(client, INCR_BY)!;
      await incr([`flushed:${name}`], ["1"]);
      await ioredis.call("SCRIPT", "FLUSH");
      expect(await incr([`flushed:${name}`], ["1"])).toBe(2);
    }
  });

  it("passes a script's own error through", async () => {
    const failing = redisScript(ioredis, "return redis.error_reply('NOPE refused')")!;
    await expect(failing([], [])).rejects.toThrow(/NOPE refused/);
  });

  it("knows no other shape", () => {
    for (const other of [undefined, null, "redis://x", {}, { get() {} }, { eval() {} }]) {
      expect(isRedisClient(other)).toBe(false);
      expect(redisScript(other, INCR_BY)).toBeUndefined();
    }
    expect(isRedisClient(ioredis)).toBe(true);
    expect(isRedisClient(nodeRedis)).toBe(true);
    expect(isRedisClient({ send: async () => 1 })).toBe(true);
  });
});
