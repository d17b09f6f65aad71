import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * What every local stand-in for Autumn's HTTP side needs: the sandbox, the
 * fault server of the fault suite, the runtime matrix's API and the bench's
 * fixture server (which imports the built copy, so that it runs as a bare
 * `node` child with nothing else on its event loop).
 */

export interface LoopbackServer {
  /** The origin, `http://127.0.0.1:<port>`. */
  url: string;
  /** The port the system picked. */
  port: number;
  /** The underlying server, for settings such as `keepAliveTimeout`. */
  server: Server;
  /** Connections currently open on the server side. */
  openSockets(): number;
  /** Stops listening and destroys every open socket, so that keep-alive connections cannot hold the close up. */
  close(): Promise<void>;
}

/**
 * Serves `handler` on 127.0.0.1, on the given port or one the system picks.
 * Only loopback: nothing outside this machine can reach a stand-in.
 */
export async function serveOnLoopback(handler: RequestListener, options: { port?: number; backlog?: number } = {}): Promise<LoopbackServer> {
  const server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: options.port ?? 0, host: "127.0.0.1", backlog: options.backlog }, () => resolve(undefined));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    openSockets: () => sockets.size,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A request body larger than the server takes. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";

  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes`);
  }
}

/**
 * The whole request body as UTF-8 text. Past `maxBytes` (declared in Content-Length, or read so far) it
 * rejects with a BodyTooLargeError at once and drops the rest as it arrives, holding none of it.
 */
export function readText(request: IncomingMessage, maxBytes = Number.POSITIVE_INFINITY): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const refuse = () => {
      chunks.length = 0;
      request.removeAllListeners("data").resume();
      reject(new BodyTooLargeError(maxBytes));
    };
    request.on("error", reject);
    if (Number(request.headers["content-length"] ?? 0) > maxBytes) return refuse();
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) refuse();
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

/** The JSON value of `text`, or undefined when it is not JSON. */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Writes a whole answer at once, with its length, so the client never waits for a chunked end. */
export function writeAnswer(response: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string>): void {
  response.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
  response.end(body);
}

/** Writes `payload` as a JSON answer. */
export function sendJson(response: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  writeAnswer(response, status, JSON.stringify(payload), { ...headers, "content-type": "application/json" });
}

/**
 * Autumn's JSON error body. `env` is left out when the server cannot tell
 * the environment (before it knows whose key it was given), as Autumn may.
 */
export function autumnErrorBody(code: string, message: string, env?: "sandbox" | "live"): { message: string; code: string; env?: "sandbox" | "live" } {
  return env === undefined ? { message, code } : { message, code, env };
}
