import { describe, expect, it } from "vitest";
import { isRedisClient, redisScript } from "../../src/lib/redis.js";
import { redisClients, upstashLike } from "../redis-server.js";

const redis = redisClients();

const INCR_BY = "return redis.call('INCRBY', KEYS[1], ARGV[1])";

describe("redisScript, by the client's shape", () => {
  const clients = () =>
    [
      ["ioredis", redis.ioredis],
      ["node-redis", redis.nodeRedis],
      ["Upstash-shaped", upstashLike(redis.ioredis)],
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
      await redis.ioredis.call("SCRIPT", "FLUSH");
      expect(await incr([`flushed:${name}`], ["1"])).toBe(2);
    }
  });

  it("passes a script's own error through", async () => {
    const failing = redisScript(redis.ioredis, "return redis.error_reply('NOPE refused')")!;
    await expect(failing([], [])).rejects.toThrow(/NOPE refused/);
  });

  it("knows no other shape", () => {
    for (const other of [undefined, null, "redis://x", {}, { get() {} }, { eval() {} }]) {
      expect(isRedisClient(other)).toBe(false);
      expect(redisScript(other, INCR_BY)).toBeUndefined();
    }
    expect(isRedisClient(redis.ioredis)).toBe(true);
    expect(isRedisClient(redis.nodeRedis)).toBe(true);
    expect(isRedisClient({ send: async () => 1 })).toBe(true);
  });
});
