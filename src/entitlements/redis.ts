// `@useautumn/sdk/entitlements/redis`: the entitlement cache's shared store in Redis, through the app's own client.
import { ConfigurationError } from "../lib/errors/configuration-error.js";
import { type RedisClientLike, redisScript } from "../lib/redis.js";
import type { SharedStore } from "./shared-store.js";

export type { RedisClientLike } from "../lib/redis.js";
export type { SharedStore } from "./shared-store.js";

/** Options of `redisStore`. */
export interface RedisStoreOptions {
  /** Starts every key (default `autumn:entitlements:`); one hash per customer follows it. */
  readonly prefix?: string;
}

// One hash per customer: its generation under "g", each subject's text under "s:" and the subject. Forgetting
// the customer deletes the hash and starts a new generation in the same step, so a write made for the old one
// (a load that began before) finds another generation and is dropped.
const READ = `return {redis.call('HGET', KEYS[1], 'g'), redis.call('HGET', KEYS[1], ARGV[1])}`;
const WRITE = `
if (redis.call('HGET', KEYS[1], 'g') or '') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
return 1`;
const REPLACE = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'g', ARGV[1])
if ARGV[3] then redis.call('HSET', KEYS[1], ARGV[3], ARGV[4]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/**
 * The entitlement cache's shared store in Redis: every instance reads the
 * snapshots any of them loaded, and an invalidation (a webhook applied by
 * one of them, usage recorded by another) reaches them all. Takes your own
 * client: node-redis (`createClient()`), ioredis, Bun's `RedisClient` or
 * Upstash's `Redis` (edge runtimes). Each operation is one atomic Lua script,
 * sent by its SHA-1. Keys are `prefix` + `{customerId}`, so one customer's
 * keys stay on one Redis Cluster slot. Throws a ConfigurationError for a
 * client of none of those shapes.
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * const redis = await createClient({ url: process.env["REDIS_URL"] }).connect();
 * const cache = createEntitlementCache(autumn, { shared: redisStore(redis) });
 * ```
 */
export function redisStore(client: RedisClientLike, options: RedisStoreOptions = {}): SharedStore {
  const read = redisScript(client, READ);
  const write = redisScript(client, WRITE);
  const replace = redisScript(client, REPLACE);
  if (!read || !write || !replace) {
    throw new ConfigurationError({ setting: "client", message: "Pass a Redis client: node-redis, ioredis, Bun's RedisClient or Upstash's Redis" });
  }
  const prefix = options.prefix ?? "autumn:entitlements:";
  const key = (customerId: string) => [`${prefix}{${customerId}}`];
  const field = (subject: string) => `s:${subject}`;
  return {
    async read(customerId, subject) {
      const answer = await read(key(customerId), [field(subject)]);
      // Redis answers nil as null; a script's array stops at the first nil, so a missing generation leaves [] or [nil, text].
      const [generation = null, text = null] = Array.isArray(answer) ? (answer as unknown[]) : [answer, undefined];
      return { generation, text } as { generation: string | null; text: string | null };
    },
    async write(customerId, subject, generation, text, ttlMs) {
      await write(key(customerId), [generation ?? "", field(subject), text, String(Math.ceil(ttlMs))]);
    },
    async replace(customerId, generation, ttlMs, subject, text) {
      await replace(key(customerId), [generation, String(Math.ceil(ttlMs)), ...(subject !== undefined && text !== undefined ? [field(subject), text] : [])]);
    },
  };
}
