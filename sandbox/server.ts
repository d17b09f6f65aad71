import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { billingRoutes } from "./billing.js";
import { customerRoutes } from "./customers.js";
import { SandboxError, type Route, type SandboxState } from "./state.js";
import { createWebhookSender, type WebhookSender } from "./webhooks.js";

/**
 * A local stand-in for the Autumn API: an in-memory server on 127.0.0.1 with
 * the behaviour the SDK relies on (auth, versions, idempotency keys, error
 * bodies, cursor pages). It exists for the quick start and the tests; it is
 * not shipped in the package.
 */
export interface Sandbox {
  /** The origin to use as `serverURL`. */
  readonly url: string;
  /** The in-memory data, for assertions. */
  readonly state: SandboxState;
  /** Requests received, in order. */
  readonly requests: { path: string; idempotencyKey: string | undefined; body: unknown }[];
  /** The webhooks it sends when its state changes: where to, the secret, what was sent. */
  readonly webhooks: WebhookSender;
  close(): Promise<void>;
}

export interface SandboxOptions {
  port?: number;
  routes?: Record<string, Route>;
  /** Where to send webhooks (default AUTUMN_SANDBOX_WEBHOOK_URL); none are sent without one. */
  webhookURL?: string;
  /** Their signing secret (default AUTUMN_SANDBOX_WEBHOOK_SECRET, else a random `whsec_…`). */
  webhookSecret?: string;
  /** The waits before each retry of a failed delivery, in ms. */
  webhookRetryDelaysMs?: readonly number[];
}

const KNOWN_VERSIONS = new Set(["2.0", "2.0.0", "2.1", "2.1.0", "2.2", "2.2.0", "2.3", "2.3.0"]);
const KEY_PATTERN = /^am_sk_(test|live)_[A-Za-z0-9]+$/;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state: SandboxState = { customers: new Map(), claimedKeys: new Set(), clock: () => Date.now() };
  const webhooks = createWebhookSender({
    url: options.webhookURL ?? process.env["AUTUMN_SANDBOX_WEBHOOK_URL"],
    secret: options.webhookSecret ?? process.env["AUTUMN_SANDBOX_WEBHOOK_SECRET"],
    ...(options.webhookRetryDelaysMs && { retryDelaysMs: options.webhookRetryDelaysMs }),
  });
  state.webhooks = webhooks;
  const routes: Record<string, Route> = { ...customerRoutes, ...billingRoutes, ...options.routes };
  const requests: Sandbox["requests"] = [];

  const server = createServer((request, response) => {
    readBody(request)
      .then((text) => {
        const path = (request.url ?? "").replace(/^\/v1\//, "");
        const idempotencyKey = header(request, "idempotency-key");
        let body: unknown;
        try {
          body = text === "" ? {} : JSON.parse(text);
        } catch {
          body = undefined;
        }
        requests.push({ path, idempotencyKey, body });
        return handle(state, routes, request, path, body, idempotencyKey);
      })
      .then(({ status, payload }) => send(response, status, payload))
      .catch(() => send(response, 500, { message: "Internal error", code: "internal_error" }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests,
    webhooks,
    close: async () => {
      await webhooks.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

async function handle(
  state: SandboxState,
  routes: Record<string, Route>,
  request: IncomingMessage,
  path: string,
  body: unknown,
  idempotencyKey: string | undefined,
): Promise<{ status: number; payload: unknown }> {
  let claimed = false;
  try {
    const authorization = header(request, "authorization");
    if (!authorization) throw new SandboxError(401, "no_secret_key", "Secret key not found in Authorization header");
    const key = authorization.replace(/^Bearer\s+/i, "");
    const match = KEY_PATTERN.exec(key);
    if (!match) throw new SandboxError(401, "invalid_secret_key", "Invalid secret key");
    const env = match[1] === "live" ? "live" : "sandbox";
    const version = header(request, "x-api-version") ?? "2.3.0";
    if (!KNOWN_VERSIONS.has(version)) throw new SandboxError(400, "invalid_api_version", `Unknown API version: ${version}`);
    if (request.method !== "POST") throw new SandboxError(404, "not_found", "Route not found");
    const route = routes[path];
    if (!route) throw new SandboxError(404, "not_found", `Route not found: POST /v1/${path}`);
    if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body)) {
      throw new SandboxError(400, "invalid_request", "Request body must be a JSON object");
    }
    if (idempotencyKey !== undefined) {
      if (state.claimedKeys.has(idempotencyKey)) {
        throw new SandboxError(409, "duplicate_idempotency_key", "Another request with this idempotency key was already received");
      }
      state.claimedKeys.add(idempotencyKey);
      claimed = true;
    }
    return { status: 200, payload: await route(state, body as Record<string, unknown>, env) };
  } catch (error) {
    const failure = error instanceof SandboxError ? error : new SandboxError(500, "internal_error", "Internal error");
    // The server releases a key after any failure but a 409, so the caller may retry with it.
    if (claimed && failure.status !== 409 && idempotencyKey !== undefined) state.claimedKeys.delete(idempotencyKey);
    return { status: failure.status, payload: { message: failure.message, code: failure.code, env: "sandbox" } };
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (text += chunk));
    request.on("end", () => resolve(text));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "ratelimit-limit": "1000",
    "ratelimit-remaining": "999",
    "ratelimit-reset": "60",
  });
  response.end(text);
}
