import { ConfigurationError } from "../lib/errors/configuration-error.js";
import { problem } from "../lib/options.js";
import { type RedisClientLike, redisScript } from "../lib/redis.js";
import type { DeadLetter, QueuedUsage, StoreCounts, StoredEvent, UsageStore } from "./store.js";
import { QUEUE_SCRIPT } from "./redis-script.js";

/** Options of `redisStore`. */
export interface RedisStoreOptions {
  /** The queue's name: instances with the same name (and Redis) share one queue. Default `"default"`. */
  readonly name?: string;
  /** What every key starts with. Default `"autumn:usage"`; the keys are `<prefix>:{<name>}:…`, one hash slot per queue. */
  readonly prefix?: string;
}

// Every string the script returns starts with this, which JSON cannot start with: Upstash's client
// parses answers that look like JSON (a key "12345" included) unless told not to.
const MARK = "~";
// The most events one push sends, so that one script call stays short.
const PUSH_BATCH = 500;

/**
 * A store in Redis, shared by every instance that uses the same name: any of them may deliver any
 * event, and a crashed one's events are taken over when their lease runs out. Pass your own client
 * (node-redis, ioredis, Bun's, or Upstash's, which also works on the edge); the SDK ships none.
 *
 * Each change is one Lua script, atomic in Redis: taking due events leases them to one queue object
 * (an event whose lease ran out is taken again, its attempt counted as possibly recorded), and a
 * settlement applies only while its attempt still holds the lease, except "delivered", which is true
 * whoever learns it. Times are the queues' clocks, so keep instances' clocks in sync (NTP) to well
 * within `leaseMs`.
 *
 * `add` is synchronous and Redis is not: an added event is kept in this process (the outbox) and
 * pushed to Redis at once, in the background, several adds to a push. Between `add` and that push
 * (a round trip, or longer while Redis is unreachable) the event lives only in this process: if it
 * dies then, the event is lost. `close()` pushes what is left and reports what it could not push.
 * `capacity` is checked against what this instance last saw in Redis plus its outbox, so instances
 * adding at the same moment may pass it by what their outboxes hold.
 *
 * @example
 * ```ts
 * import { Redis } from "ioredis";
 * import { createUsageQueue } from "@useautumn/sdk/usage-queue";
 * import { redisStore } from "@useautumn/sdk/usage-queue/redis";
 * const usage = createUsageQueue(autumn, { store: redisStore(new Redis(process.env["REDIS_URL"]!)) });
 * ```
 */
export function redisStore(client: RedisClientLike, options: RedisStoreOptions = {}): UsageStore {
  const script = redisScript(client, QUEUE_SCRIPT);
  if (!script) throw new ConfigurationError({ setting: "client", message: "redisStore needs a Redis client: node-redis, ioredis, Bun's RedisClient or @upstash/redis" });
  const refused = problem(SPEC, options, "options");
  if (refused) throw refused;
  const base = `${options.prefix ?? "autumn:usage"}:{${options.name ?? "default"}}`;
  // events (key → body), state (key → JSON), due (zset), leased (zset), dead (key → letter), unknown (set).
  const keys = ["events", "state", "due", "leased", "dead", "unknown"].map((part) => `${base}:${part}`);
  const run = (...args: (string | number)[]) => script(keys, args.map(String));

  const outbox: StoredEvent[] = [];
  // Events and dead letters in Redis when it last said, for `capacity`.
  let held = 0;
  let pushing: Promise<void> | undefined;
  let scheduled = false;

  /** Sends the outbox to Redis; an event stays in it until Redis has it. Rejects when Redis fails. */
  function push(): Promise<void> {
    pushing ??= (async () => {
      while (outbox.length > 0) {
        const batch = outbox.slice(0, PUSH_BATCH);
        const args = batch.flatMap((event) => [event.key, body(event), state(event), event.nextAt]);
        held = Number(await run("add", ...args));
        outbox.splice(0, batch.length);
      }
    })().finally(() => (pushing = undefined));
    return pushing;
  }

  return {
    durable: true,
    add(event, capacity) {
      if (held + outbox.length >= capacity) return false;
      outbox.push(event);
      if (!scheduled) {
        scheduled = true;
        // On the next tick, so that adds made together go in one push. A failed push is retried by the next take.
        setTimeout(() => {
          scheduled = false;
          push().catch(() => {});
        }, 0);
      }
      return true;
    },
    async take(holder, count, now, leaseMs) {
      await push();
      const answer = (await run("take", now, count, holder, leaseMs)) as string[];
      const taken: StoredEvent[] = [];
      for (let index = 0; index < answer.length; index += 3) {
        const { params, addedAt } = unmark(answer[index + 1]!) as Pick<StoredEvent, "params" | "addedAt">;
        taken.push({ key: answer[index]!.slice(MARK.length), params, addedAt, ...fromState(unmark(answer[index + 2]!) as WireState) });
      }
      return taken;
    },
    async settle(holder, event, settlement) {
      let payload = "";
      let unknown = "0";
      if (settlement.kind === "retry") {
        payload = JSON.stringify(wireState({ nextAt: settlement.nextAt, firstUncertainAt: settlement.firstUncertainAt, lastUncertainAt: settlement.lastUncertainAt, lastError: settlement.lastError }));
      } else if (settlement.kind === "dead") {
        const { idempotencyKey: _key, params: _params, addedAt: _added, ...letter } = settlement.letter;
        payload = MARK + JSON.stringify(letter);
        unknown = settlement.letter.reason === "outcome_unknown" ? "1" : "0";
      }
      return Number(await run("settle", settlement.kind, event.key, holder, event.attempts, payload, unknown)) === 1;
    },
    async counts(now) {
      const [pending, inFlight, dead, outcomeUnknown, nextDueAt] = ((await run("counts", now)) as unknown[]).map(Number) as number[];
      held = pending! + inFlight! + dead!;
      return { pending: pending! + outbox.length, inFlight: inFlight!, dead: dead!, outcomeUnknown: outcomeUnknown!, nextDueAt: nextDueAt! < 0 ? undefined : nextDueAt } satisfies StoreCounts;
    },
    async deadLetters() {
      const answer = (await run("dead")) as string[];
      const letters: DeadLetter[] = [];
      for (let index = 0; index < answer.length; index += 3) {
        const { params, addedAt } = unmark(answer[index + 1]!) as Pick<StoredEvent, "params" | "addedAt">;
        letters.push({ idempotencyKey: answer[index]!.slice(MARK.length), params, addedAt, ...(unmark(answer[index + 2]!) as Omit<DeadLetter, keyof QueuedUsage>) });
      }
      return letters;
    },
    async retryDead(key, now) {
      return Number(await run("revive", key, now)) === 1;
    },
    async dropDead(key) {
      return Number(await run("drop", key)) === 1;
    },
    async close() {
      try {
        await push();
      } catch {}
      // Whatever Redis did not take ends with this process.
      return outbox.map((event) => ({ idempotencyKey: event.key, params: event.params, addedAt: event.addedAt }));
    },
  };
}

const SPEC = {
  name: [(value: unknown) => typeof value === "string" && value !== "" && !/[{}]/.test(value), "a non-empty name without braces"],
  prefix: [(value: unknown) => typeof value === "string" && value !== "" && !/[{}]/.test(value), "a non-empty key prefix without braces"],
} as const;

/** The state fields as the script keeps them: short names, no nulls (cjson would turn them into userdata). */
interface WireState {
  a?: number;
  n?: number;
  f?: number;
  l?: number;
  h?: string;
  u?: number;
  t?: number;
  e?: string;
}

function wireState(event: Partial<StoredEvent>): WireState {
  const wire: WireState = {};
  if (event.attempts !== undefined) wire.a = event.attempts;
  if (event.nextAt !== undefined) wire.n = event.nextAt;
  if (event.firstUncertainAt !== undefined) wire.f = event.firstUncertainAt;
  if (event.lastUncertainAt !== undefined) wire.l = event.lastUncertainAt;
  // Kept short: it is only for debugging, and Redis holds one per event.
  if (event.lastError !== undefined) wire.e = event.lastError.slice(0, 300);
  return wire;
}

function fromState(wire: WireState): Omit<StoredEvent, "key" | "params" | "addedAt"> {
  return {
    attempts: wire.a ?? 0,
    nextAt: wire.n ?? 0,
    ...(wire.f !== undefined && { firstUncertainAt: wire.f }),
    ...(wire.l !== undefined && { lastUncertainAt: wire.l }),
    ...(wire.h !== undefined && { holder: wire.h }),
    ...(wire.u !== undefined && { leaseUntil: wire.u }),
    ...(wire.t !== undefined && { attemptAt: wire.t }),
    ...(wire.e !== undefined && { lastError: wire.e }),
  };
}

function body(event: StoredEvent): string {
  return MARK + JSON.stringify({ params: event.params, addedAt: event.addedAt });
}

function state(event: StoredEvent): string {
  return JSON.stringify(wireState(event));
}

function unmark(text: string): unknown {
  return JSON.parse(text.slice(MARK.length));
}
