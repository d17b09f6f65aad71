import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = fileURLToPath(new URL("./worker.mjs", import.meta.url));

/** A running worker.mjs: what it said so far, and ways to wait for it and to end it. */
export interface Worker {
  readonly child: ChildProcess;
  readonly messages: readonly Record<string, unknown>[];
  /** The first message that `matches`; rejects with the worker's stderr if it exits first. */
  until(matches: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Resolves when it exits, with its exit code (null when killed). */
  readonly exited: Promise<number | null>;
  /** SIGKILL, as a crash or an out-of-memory kill would end it, and waits for the exit. */
  kill(): Promise<void>;
}

/** Starter of worker processes on the built package, each killed after its test if still running. */
export function workers(): (config: Record<string, unknown>) => Worker {
  const running: Worker[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((worker) => worker.kill()));
  });
  return (config) => {
    const worker = startWorker(config);
    running.push(worker);
    return worker;
  };
}

function startWorker(config: Record<string, unknown>): Worker {
  const child = spawn(process.execPath, [SCRIPT, JSON.stringify(config)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const messages: Record<string, unknown>[] = [];
  let stderr = "";
  let waiters: (() => void)[] = [];
  const wake = () => {
    const current = waiters;
    waiters = [];
    for (const waiter of current) waiter();
  };
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  createInterface({ input: child.stdout! }).on("line", (line) => {
    messages.push(JSON.parse(line) as Record<string, unknown>);
    wake();
  });
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (exitCode) => {
      code = exitCode;
      // Lets the last lines on stdout be read first.
      setImmediate(() => {
        wake();
        resolve(exitCode);
      });
    }),
  );
  return {
    child,
    messages,
    exited,
    async until(matches) {
      for (;;) {
        const found = messages.find(matches);
        if (found) return found;
        if (code !== undefined) throw new Error(`worker exited (${code}) before the message came:\n${stderr}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
