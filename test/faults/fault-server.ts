import type { ServerResponse } from "node:http";
import { afterEach } from "vitest";
import { parseJsonOrUndefined, readText, serveOnLoopback, writeAnswer } from "../../src/sandbox/loopback-http.js";

/** One request as the fault server received it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** The parsed JSON body, or undefined when it is not JSON. */
  readonly json: unknown;
  /** The `idempotency-key` header, if any. */
  readonly idempotencyKey: string | undefined;
}

/** What the server does with one request. It owns the response (and may destroy its socket). */
export type Behaviour = (request: SeenRequest, response: ServerResponse) => void;

/** Chooses the behaviour for a request: a fixed list consumed in order (the last one repeats), or a function. */
export type Script = readonly Behaviour[] | ((request: SeenRequest, index: number) => Behaviour);

/** A scriptable HTTP server on 127.0.0.1 with real sockets; every request is recorded. */
export interface FaultServer {
  /** The origin to use as `serverURL`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: readonly SeenRequest[];
  /** How many requests were received. */
  count(): number;
  /** Sockets currently open on the server side. */
  openSockets(): number;
  /** Replaces the script; the request count keeps running. */
  script(next: Script): void;
  /** Stops listening and destroys every open socket. */
  close(): Promise<void>;
}

/** Starts a fault server following `script`. */
export async function startFaultServer(initial: Script = [reply(200, {})]): Promise<FaultServer> {
  let current: Script = initial;
  const requests: SeenRequest[] = [];
  // A deep backlog: the concurrency suite opens thousands of connections at once.
  const loopback = await serveOnLoopback(
    (incoming, response) => {
      void readText(incoming).then((body) => {
        const header = incoming.headers["idempotency-key"];
        const seen: SeenRequest = {
          method: incoming.method ?? "",
          path: incoming.url ?? "",
          headers: { ...incoming.headers },
          body,
          json: parseJsonOrUndefined(body),
          idempotencyKey: typeof header === "string" ? header : undefined,
        };
        const index = requests.push(seen) - 1;
        const behaviour = typeof current === "function" ? current(seen, index) : current[Math.min(index, current.length - 1)]!;
        behaviour(seen, response);
      }, () => response.destroy());
    },
    { backlog: 4096 },
  );
  return {
    url: loopback.url,
    requests,
    count: () => requests.length,
    openSockets: loopback.openSockets,
    script: (next) => {
      current = next;
    },
    close: loopback.close,
  };
}

/**
 * Call at the top of a test file: returns a starter whose servers are all
 * closed after each test.
 */
export function faultServers(): (script: Script) => Promise<FaultServer> {
  const open: FaultServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return async (script) => {
    const server = await startFaultServer(script);
    open.push(server);
    return server;
  };
}

/** The origin of a port that was just closed: connections to it are refused. */
export async function refusedURL(): Promise<string> {
  const server = await startFaultServer();
  const { url } = server;
  await server.close();
  return url;
}

/** Answers with `status` and a body: JSON for objects, as is for strings and buffers. */
export function reply(status: number, body: unknown = "", headers: Record<string, string> = {}): Behaviour {
  const raw = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const type = typeof body === "string" || Buffer.isBuffer(body) ? "text/plain" : "application/json";
  return (_request, response) => writeAnswer(response, status, raw, { "content-type": type, ...headers });
}

/** Destroys the connection before any response byte is written. */
export function reset(): Behaviour {
  return (_request, response) => {
    response.socket?.destroy();
  };
}

/** Sends the status line, headers and the first part of the body, then destroys the connection. */
export function resetMidBody(status: number, body: string): Behaviour {
  return (_request, response) => {
    response.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body) * 2) });
    response.write(body, () => setImmediate(() => response.socket?.destroy()));
  };
}

/** Never answers; the connection stays open until the client gives up or the server closes. */
export function hang(): Behaviour {
  return () => {};
}

/** Waits `ms`, then behaves like `next`. */
export function delayed(ms: number, next: Behaviour): Behaviour {
  return (request, response) => {
    const timer = setTimeout(() => next(request, response), ms);
    response.on("close", () => clearTimeout(timer));
  };
}

/** Runs `effect` (the server "applies" the request), then behaves like `next`. */
export function applying(effect: (request: SeenRequest) => void, next: Behaviour): Behaviour {
  return (request, response) => {
    effect(request);
    next(request, response);
  };
}
