import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { Redis as IORedis } from "ioredis";
import { createClient } from "redis";
import { afterAll, beforeAll } from "vitest";
import type { RedisClientLike } from "../src/lib/redis.js";

type NodeRedis = ReturnType<typeof createClient>;

/**
 * A real `redis-server` for one test file, on a free loopback port, with
 * nothing saved to disk. `.ci/run` installs Debian's package; a machine
 * without it fails here with the command to run, never with a skipped test.
 */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops it (SIGKILL, as a crash would) and waits for the process to end. */
  stop(): Promise<void>;
}

const BINARY = "redis-server";

export function redisServerInstalled(): boolean {
  try {
    execFileSync(BINARY, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Starts one; tries a few ports in case another process takes the free one first. */
export async function startRedisServer(): Promise<RedisServer> {
  if (!redisServerInstalled()) {
    throw new Error("redis-server is not installed: run `apt-get install -y redis-server` (.ci/run does)");
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    try {
      return await launch(port);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function launch(port: number): Promise<RedisServer> {
  const child = spawn(
    BINARY,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--loglevel", "notice"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("Ready to accept connections")) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve({ port, url: `redis://127.0.0.1:${port}`, stop: () => stop(child, exited) });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.resume();
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
    child.once("error", reject);
  });
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await exited;
}

/** A real server for one test file with an ioredis and a node-redis client connected to it, both closed after the file. */
export function redisClients(): { readonly server: RedisServer; readonly ioredis: IORedis; readonly nodeRedis: NodeRedis } {
  let started: { server: RedisServer; ioredis: IORedis; nodeRedis: NodeRedis } | undefined;
  beforeAll(async () => {
    const server = await startRedisServer();
    const ioredis = new IORedis(server.port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0 });
    await ioredis.connect();
    const nodeRedis: NodeRedis = createClient({ url: server.url });
    await nodeRedis.connect();
    started = { server, ioredis, nodeRedis };
  });
  afterAll(async () => {
    started?.ioredis.disconnect();
    await started?.nodeRedis.disconnect().catch(() => {});
    await started?.server.stop();
  });
  const get = () => {
    if (!started) throw new Error("the Redis clients start in beforeAll");
    return started;
  };
  return {
    get server() {
      return get().server;
    },
    get ioredis() {
      return get().ioredis;
    },
    get nodeRedis() {
      return get().nodeRedis;
    },
  };
}

/**
 * Upstash's client in the shape the SDK sees (`eval`/`evalsha`), over the real server through ioredis,
 * and doing what its client does by default: every string of an answer that parses as JSON is handed
 * back parsed.
 */
export function upstashLike(client: IORedis): RedisClientLike {
  const deserialize = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(deserialize);
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  };
  return {
    eval: async (script: string, keys: string[], args: string[]) => deserialize(await client.call("EVAL", script, String(keys.length), ...keys, ...args)),
    evalsha: async (sha: string, keys: string[], args: string[]) => deserialize(await client.call("EVALSHA", sha, String(keys.length), ...keys, ...args)),
  };
}
