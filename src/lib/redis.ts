/**
 * Redis by shape. The SDK ships no Redis driver: a feature that shares state
 * across instances takes the app's own client and talks to it through one
 * primitive, a Lua script with keys and arguments, which every client has:
 *
 * - node-redis 4/5 (`redis`): `sendCommand(["EVALSHA", …])`
 * - ioredis: `call("EVALSHA", …)`
 * - Bun's `RedisClient`: `send("EVALSHA", […])`
 * - Upstash (`@upstash/redis`): `evalsha(sha, keys, args)` / `eval(script, keys, args)`
 *
 * Scripts keep every multi-step change atomic, and one shape keeps each store
 * small. Scripts are sent by their SHA-1 and loaded on the first `NOSCRIPT`,
 * so a script's text crosses the wire once per server (and again after a
 * `SCRIPT FLUSH` or a failover).
 *
 * Arguments are strings, and so are the strings scripts return. Upstash's
 * client parses a string answer that looks like JSON by default: stores that
 * keep JSON prefix it with a character JSON cannot start with, so the answer
 * reaches them as written whatever the client's settings.
 */

/** node-redis 4 and 5: a `createClient()` client. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}
/** ioredis: `new Redis()` and `new Cluster()`. */
export interface IORedisLike {
  call(command: string, ...args: string[]): Promise<unknown>;
}
/** Bun's built-in `RedisClient`. */
export interface BunRedisLike {
  send(command: string, args: string[]): Promise<unknown>;
}
/** `@upstash/redis`, over HTTP (edge runtimes). */
export interface UpstashLike {
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
  evalsha(sha: string, keys: string[], args: string[]): Promise<unknown>;
}
/** Any Redis client the SDK can use: node-redis, ioredis, Bun's or Upstash's. */
export type RedisClientLike = NodeRedisLike | IORedisLike | BunRedisLike | UpstashLike;

/** A loaded Lua script: run it with its keys and arguments. */
export type RedisScript = (keys: readonly string[], args: readonly string[]) => Promise<unknown>;

/** How a client runs one command, from its shape. */
type Command = (command: "EVAL" | "EVALSHA", first: string, keys: readonly string[], args: readonly string[]) => Promise<unknown>;

function commandOf(client: unknown): Command | undefined {
  if (typeof client !== "object" || client === null) return undefined;
  const c = client as Partial<NodeRedisLike & IORedisLike & BunRedisLike & UpstashLike>;
  const flat = (first: string, keys: readonly string[], args: readonly string[]) => [first, String(keys.length), ...keys, ...args];
  // ioredis also has a `sendCommand`, which takes its own Command objects: look for `call` first.
  if (typeof c.call === "function") return (command, first, keys, args) => c.call!(command, ...flat(first, keys, args));
  if (typeof c.sendCommand === "function") return (command, first, keys, args) => c.sendCommand!([command, ...flat(first, keys, args)]);
  if (typeof c.send === "function") return (command, first, keys, args) => c.send!(command, flat(first, keys, args));
  if (typeof c.eval === "function" && typeof c.evalsha === "function") {
    return (command, first, keys, args) => (command === "EVAL" ? c.eval!(first, [...keys], [...args]) : c.evalsha!(first, [...keys], [...args]));
  }
  return undefined;
}

/** Whether `client` has one of the shapes `redisScript` uses. */
export function isRedisClient(client: unknown): client is RedisClientLike {
  return commandOf(client) !== undefined;
}

/**
 * A Lua script bound to a client, or undefined when the client has none of
 * the known shapes (the caller reports that as a `ConfigurationError` naming
 * its option). The script's SHA-1 is computed on the first run.
 */
export function redisScript(client: unknown, source: string): RedisScript | undefined {
  const command = commandOf(client);
  if (!command) return undefined;
  let sha: Promise<string> | undefined;
  return async (keys, args) => {
    sha ??= sha1Hex(source);
    try {
      return await command("EVALSHA", await sha, keys, args);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      // The server does not hold the script yet (first run, a flush, a failover): EVAL loads it.
      return command("EVAL", source, keys, args);
    }
  };
}

function isNoScript(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes("NOSCRIPT");
}

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  let hex = "";
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
