import { type ChildProcess, spawn } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { chromiumPath } from "./pins.js";

/** A message Chromium sends: an answer to a command (`id`) or an event (`method`), of a page when `sessionId` is set. */
interface Message {
  id?: number;
  method?: string;
  params?: Record<string, any>;
  result?: Record<string, any>;
  error?: { message: string };
  sessionId?: string;
}

/**
 * Headless Chromium driven over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`: JSON messages ended by a NUL byte, commands on
 * fd 3, answers and events on fd 4), so no WebSocket client is needed. Its
 * tabs share one profile: localStorage, Web Locks and cookies, as the tabs of
 * a user's browser do.
 */
export class Chromium {
  readonly #child: ChildProcess;
  readonly #commands: Writable;
  readonly #pending = new Map<number, { resolve: (result: Record<string, any>) => void; reject: (error: Error) => void }>();
  readonly #listeners = new Set<(message: Message) => void>();
  #next = 1;
  #stderr = "";
  #exited: string | undefined;

  constructor(profile: string, flags: readonly string[]) {
    this.#child = spawn(chromiumPath, [...flags, "--remote-debugging-pipe", `--user-data-dir=${profile}`, "about:blank"], {
      detached: true,
      stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"],
    });
    this.#commands = this.#child.stdio[3] as Writable;
    this.#commands.on("error", () => {}); // a closed pipe shows up as the exit below
    this.#child.stderr!.on("data", (chunk) => (this.#stderr = (this.#stderr + chunk).slice(-4000)));
    let buffer = "";
    (this.#child.stdio[4] as Readable).on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      for (let end = buffer.indexOf("\0"); end !== -1; end = buffer.indexOf("\0")) {
        this.#dispatch(JSON.parse(buffer.slice(0, end)) as Message);
        buffer = buffer.slice(end + 1);
      }
    });
    const gone = (why: string) => {
      this.#exited ??= why;
      for (const { reject } of this.#pending.values()) reject(new Error(`chromium ${why}: ${this.#stderr.slice(-800)}`));
      this.#pending.clear();
    };
    this.#child.once("error", (error) => gone(`could not start: ${error.message}`));
    this.#child.once("exit", (code, signal) => gone(`exited (${code ?? signal})`));
  }

  /** Sends a command, to the browser or to the page of `sessionId`, and resolves to its result. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, any>> {
    if (this.#exited) return Promise.reject(new Error(`chromium ${this.#exited}: ${this.#stderr.slice(-800)}`));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#commands.write(`${JSON.stringify({ id, method, params, ...(sessionId && { sessionId }) })}\0`);
    });
  }

  /** Calls `listener` with every event, until the returned function is called. */
  on(listener: (message: Message) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Opens a tab on about:blank and attaches to it; returns the session that addresses it. */
  async openTab(): Promise<string> {
    const { targetId } = await this.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await this.send("Target.attachToTarget", { targetId, flatten: true });
    return sessionId as string;
  }

  /** The value of a JavaScript expression in the page (awaited when it is a promise). */
  async evaluate<T>(sessionId: string, expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  }

  /** Kills the browser and every process it started. */
  close(): void {
    try {
      process.kill(-this.#child.pid!, "SIGKILL");
    } catch {}
  }

  #dispatch(message: Message): void {
    if (message.id !== undefined) {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error) pending?.reject(new Error(message.error.message));
      else pending?.resolve(message.result ?? {});
      return;
    }
    for (const listener of this.#listeners) listener(message);
  }
}
