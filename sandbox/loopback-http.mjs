// @ts-check
/**
 * What every local stand-in for Autumn's HTTP side needs: the sandbox, the
 * fault server of the fault suite, the runtime matrix's API and the bench's
 * fixture server. Plain JavaScript with JSDoc types, because the bench server
 * runs as a bare `node` child process, without a TypeScript loader, so that
 * nothing but the server runs on its event loop.
 */
import { createServer } from "node:http";

/**
 * @typedef {object} LoopbackServer
 * @property {string} url The origin, `http://127.0.0.1:<port>`.
 * @property {number} port The port the system picked.
 * @property {import("node:http").Server} server The underlying server, for settings such as `keepAliveTimeout`.
 * @property {() => number} openSockets Connections currently open on the server side.
 * @property {() => Promise<void>} close Stops listening and destroys every open socket, so that keep-alive connections cannot hold the close up.
 */

/**
 * Serves `handler` on 127.0.0.1, on the given port or one the system picks.
 * Only loopback: nothing outside this machine can reach a stand-in.
 * @param {import("node:http").RequestListener} handler
 * @param {{ port?: number, backlog?: number }} [options]
 * @returns {Promise<LoopbackServer>}
 */
export async function serveOnLoopback(handler, options = {}) {
  const server = createServer(handler);
  /** @type {Set<import("node:net").Socket>} */
  const sockets = new Set();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: options.port ?? 0, host: "127.0.0.1", backlog: options.backlog }, () => resolve(undefined));
  });
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
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

/**
 * The whole request body as UTF-8 text.
 * @param {import("node:http").IncomingMessage} request
 * @returns {Promise<string>}
 */
export function readText(request) {
  return new Promise((resolve, reject) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk) => (text += chunk));
    request.on("end", () => resolve(text));
    request.on("error", reject);
  });
}

/**
 * The JSON value of `text`, or undefined when it is not JSON.
 * @param {string} text
 * @returns {unknown}
 */
export function parseJsonOrUndefined(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Writes a whole answer at once, with its length, so the client never waits for a chunked end.
 * @param {import("node:http").ServerResponse} response
 * @param {number} status
 * @param {string | Buffer} body
 * @param {Record<string, string>} headers
 */
export function writeAnswer(response, status, body, headers) {
  response.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
  response.end(body);
}

/**
 * Writes `payload` as a JSON answer.
 * @param {import("node:http").ServerResponse} response
 * @param {number} status
 * @param {unknown} payload
 * @param {Record<string, string>} [headers]
 */
export function sendJson(response, status, payload, headers = {}) {
  writeAnswer(response, status, JSON.stringify(payload), { ...headers, "content-type": "application/json" });
}

/**
 * Autumn's JSON error body. `env` is left out when the server cannot tell
 * the environment (before it knows whose key it was given), as Autumn may.
 * @param {string} code
 * @param {string} message
 * @param {"sandbox" | "live"} [env]
 * @returns {{ message: string, code: string, env?: "sandbox" | "live" }}
 */
export function autumnErrorBody(code, message, env) {
  return env === undefined ? { message, code } : { message, code, env };
}
