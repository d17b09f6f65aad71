import type { IncomingMessage, ServerResponse } from "node:http";
import { accessOf, allowedOrigins, PREFLIGHT_HEADERS } from "./access.js";
import { type Catalog, loadCatalog, type SandboxCatalog } from "./catalog.js";
import { servePage } from "./browser-pages.js";
import { createDashboard } from "./dashboard/serve.js";
import { DEMO_CATALOG } from "./demo-catalog.js";
import { applyDue } from "./due.js";
import { SandboxError } from "./errors.js";
import { claimKey, releaseKey } from "./idempotency.js";
import { createFaultQueue, faultAction, faultLabel, type SandboxFault, type SandboxFaultOptions } from "./faults.js";
import { autumnErrorBody, BodyTooLargeError, parseJsonOrUndefined, readText, sendJson, serveOnLoopback } from "./loopback-http.js";
import { authenticateToken, newTokenState, TOKEN_ROUTES } from "./keys.js";
import { createRequestLog } from "./request-log.js";
import { sandboxRoutes } from "./routes.js";
import { completeCheckout } from "./plans.js";
import { Accepted, type Route, type SandboxState, type TokenHolder } from "./state.js";
import { createWebhookSender, type WebhookSender } from "./webhooks.js";

/**
 * A local stand-in for the Autumn API: an in-memory server on 127.0.0.1 with
 * the behaviour the SDK relies on (auth, versions, idempotency keys, error
 * bodies, cursor pages), and the controls a test drives it with. Shipped as
 * `@useautumn/sdk/sandbox` (index.ts is its public face).
 */
export interface Sandbox {
  /** The origin to use as `serverURL`; opened in a browser, it shows the dashboard (docs/dashboard.md). */
  readonly url: string;
  /** A secret key it accepts (any `am_sk_test_…` or `am_sk_live_…` key works). */
  readonly secretKey: string;
  /** Replaces the catalog; customers keep their plans. Throws SandboxCatalogError, leaving the old one in place. */
  setCatalog(catalog: SandboxCatalog): void;
  /**
   * Forgets every customer, event, webhook delivery, token, reward, checkout, claimed idempotency key,
   * request and queued fault, and cuts off requests a `timeout` holds; the catalog and clock stay.
   */
  reset(): void;
  /** The in-memory data, for assertions. */
  readonly state: SandboxState;
  /**
   * The last 1000 requests received (fewer when their bodies add up to more than 32 MiB), oldest first, with the
   * credential each carried, the fault that hit it, if one did, and once it is over, how long it took (`durationMs`)
   * and the status it was answered with (none when no answer went out). CORS preflights, refused requests and
   * the dashboard's own aside.
   */
  readonly requests: { path: string; idempotencyKey: string | undefined; body: unknown; authorization: string | undefined; fault?: string; status?: number; durationMs?: number }[];
  /**
   * Makes the next `times` (default 1) requests to `route` (default any) fail with `fault`, in the order
   * faults were queued. A faulted request changes nothing and claims no idempotency key, except a
   * `reset` with `afterApplying`. Throws a TypeError naming a bad field.
   */
  fail(fault: SandboxFault, options?: SandboxFaultOptions): void;
  /** Forgets every queued fault (requests already held by a `timeout` stay held until reset or close). */
  clearFaults(): void;
  /**
   * Moves the sandbox's clock forward and applies what fell due for every customer, in the order it fell
   * due and each at its own time: balances reset, trials end, cancellations and downgrades take effect
   * (their webhooks are sent then), tokens expire. `advanceClock(0)` applies what real time brought due.
   */
  advanceClock(ms: number): void;
  /** The sandbox's time, in epoch ms. */
  now(): number;
  /**
   * Pays a checkout a paid attach answered with, as the buyer would: pass its
   * `paymentUrl`, or a customer id for that customer's latest checkout. The
   * customer keeps the card, so later paid attaches apply at once.
   */
  completeCheckout(paymentUrlOrCustomerId: string): void;
  /** Usage events recorded by `track` (and `check` with `sendEvent`), oldest first. */
  readonly events: readonly SandboxEvent[];
  /** The webhooks it sends when its state changes: where to, the secret, what was sent. */
  readonly webhooks: WebhookSender;
  close(): Promise<void>;
}

/** A usage event the sandbox recorded. */
export interface SandboxEvent {
  readonly id: string;
  readonly customerId: string | null;
  readonly entityId: string | null;
  readonly featureId: string;
  readonly eventName: string | null;
  readonly value: number;
  readonly properties: Readonly<Record<string, unknown>>;
  /** Epoch ms, on the sandbox's clock. */
  readonly timestamp: number;
}

export interface SandboxOptions {
  port?: number;
  /** The features and plans to serve (default: the demo catalog). */
  catalog?: SandboxCatalog;
  routes?: Record<string, Route>;
  /**
   * Origins besides loopback ones (`localhost`, `127.0.0.1` and `[::1]`, any port, http or https) whose pages may
   * call it and read its answers, such as `"https://app.example"`. Throws a TypeError naming an entry that is no origin.
   */
  allowedOrigins?: readonly string[];
  /**
   * How many requests `requests` keeps, newest last (default 1000; `Infinity` keeps every one, for a test that
   * counts more). Bodies past 32 MiB in all let the oldest go whatever the count. Throws a TypeError unless a
   * positive integer or `Infinity`.
   */
  keepRequests?: number;
  /** Where to send webhooks (default AUTUMN_SANDBOX_WEBHOOK_URL); none are sent without one. */
  webhookURL?: string;
  /** Their signing secret (default AUTUMN_SANDBOX_WEBHOOK_SECRET, else a random `whsec_…`). */
  webhookSecret?: string;
  /** The waits before each retry of a failed delivery, in ms. */
  webhookRetryDelaysMs?: readonly number[];
}

type Env = "sandbox" | "live";

const KNOWN_VERSIONS = new Set(["2.0", "2.0.0", "2.1", "2.1.0", "2.2", "2.2.0", "2.3", "2.3.0"]);
const SECRET_KEY_PATTERN = /^am_sk_(test|live)_[A-Za-z0-9]+$/;
// Autumn tells credentials apart by prefix and refuses any other prefix outright.
const CREDENTIAL_PREFIXES = ["am_sk_", "am_jwt_", "am_pk_", "am_oauth_"];

// The routes whose wire body is a JSON array (of events) rather than an object.
const ARRAY_BODIES: ReadonlySet<string> = new Set(["balances.batch_track"]);

/** The largest request body taken; a larger one is answered 413 (Autumn's server sets no limit of its own). */
export const MAX_BODY_BYTES = 4 * 2 ** 20;
/** What `sandbox.requests` keeps of a sandbox that runs for days: the newest requests within both limits. */
export const REQUEST_LOG_LIMITS = { entries: 1000, bytes: 32 * 2 ** 20 } as const;

// Autumn sends its rate-limit window on most answers, errors included; the sandbox never limits.
const RATE_LIMIT_HEADERS = { "ratelimit-policy": "1000;w=60", "ratelimit-limit": "1000", "ratelimit-remaining": "999", "ratelimit-reset": "60" };

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  let offsetMs = 0;
  const origins = allowedOrigins(options.allowedOrigins);
  // While what fell due is applied, the clock reads the time it fell due (sandbox/due.ts).
  let pinnedAt: number | undefined;
  const initialCatalog: Catalog = loadCatalog(options.catalog ?? DEMO_CATALOG);
  const state: SandboxState = {
    catalog: initialCatalog,
    catalogSource: { file: null, loadedAt: Date.now(), error: null },
    customers: new Map(),
    claimedKeys: new Map(),
    clock: () => pinnedAt ?? Date.now() + offsetMs,
    tokens: newTokenState(),
    rewards: new Map(),
    referralPrograms: new Map(),
    referralCodes: new Map(),
    revenuecat: new Map(),
    url: "",
    checkouts: new Map(),
    events: [],
    locks: new Map(),
  };
  const webhooks = createWebhookSender({
    url: options.webhookURL ?? process.env["AUTUMN_SANDBOX_WEBHOOK_URL"],
    secret: options.webhookSecret ?? process.env["AUTUMN_SANDBOX_WEBHOOK_SECRET"],
    ...(options.webhookRetryDelaysMs && { retryDelaysMs: options.webhookRetryDelaysMs }),
    onChange: () => dashboard.changed(),
  });
  state.webhooks = webhooks;
  // A Map, so that only the operations are routes and never a name every object inherits (`constructor`).
  const routes = new Map<string, Route>(Object.entries({ ...sandboxRoutes, ...options.routes }));
  const keep = options.keepRequests ?? REQUEST_LOG_LIMITS.entries;
  if (!(keep === Infinity || (Number.isInteger(keep) && keep > 0))) throw new TypeError(`keepRequests must be a positive integer or Infinity; got ${String(keep)}`);
  const requests = createRequestLog<Sandbox["requests"][number]>({ ...REQUEST_LOG_LIMITS, entries: keep });
  const faults = createFaultQueue((route) => routes.has(route));
  const dashboard = createDashboard({ state, requests: requests.entries, webhooks, advanceClock: (ms) => sandbox.advanceClock(ms), reset: () => sandbox.reset() });

  async function serve(request: IncomingMessage, response: ServerResponse, corsHeaders: Record<string, string>): Promise<void> {
    const receivedAt = performance.now();
    if (servePage(state, request, response)) return;
    // A preflight is answered before authentication (browsers send it without credentials) and not recorded.
    if (request.method === "OPTIONS") {
      response.writeHead(204, { ...corsHeaders, ...PREFLIGHT_HEADERS }).end();
      return;
    }
    const text = await readText(request, MAX_BODY_BYTES);
    const path = (request.url ?? "").replace(/^\/v1\//, "");
    const idempotencyKey = header(request, "idempotency-key");
    const body = text === "" ? {} : parseJsonOrUndefined(text);
    const fault = faults.take(path);
    const entry: Sandbox["requests"][number] = { path, idempotencyKey, body, authorization: header(request, "authorization"), ...(fault && { fault: faultLabel(fault) }) };
    requests.add(entry, Buffer.byteLength(text));
    response.once("close", () => Object.assign(entry, response.writableFinished && { status: response.statusCode }, { durationMs: performance.now() - receivedAt }));
    const action = fault && faultAction(fault);
    if (action?.do === "hold") return faults.hold(response);
    if (action?.do === "drop") {
      if (action.afterApplying) await handle(state, routes, request, path, body, idempotencyKey);
      return void response.destroy();
    }
    // A fault's answer has no rate-limit window of its own (faults.ts says why) and may carry Retry-After.
    if (action) return answer(response, action.status, action.payload, { ...corsHeaders, ...action.headers });
    const { status, payload } = await handle(state, routes, request, path, body, idempotencyKey);
    answer(response, status, payload, { ...RATE_LIMIT_HEADERS, ...corsHeaders });
  }

  const loopback = await serveOnLoopback((request, response) => {
    // Refused before anything else is read or recorded: the request comes from a page that may not call it.
    const access = accessOf(request, origins);
    if (access instanceof SandboxError) return answer(response, access.status, autumnErrorBody(access.code, access.message), {});
    if (dashboard.serve(request, response)) return;
    // Whatever a request makes throw is answered, and the sandbox carries on: no request may stop it.
    serve(request, response, access).catch((error: unknown) => answerFailure(response, error, access));
  }, { port: options.port ?? 0 });
  state.url = loopback.url;
  const sandbox: Sandbox = {
    url: loopback.url,
    secretKey: "am_sk_test_sandbox",
    setCatalog(catalog) {
      state.catalog = loadCatalog(catalog);
      state.catalogSource = { file: state.catalogSource?.file ?? null, loadedAt: Date.now(), error: null };
      dashboard.changed();
    },
    fail: (fault, failOptions) => faults.add(fault, failOptions),
    clearFaults: () => faults.clear(),
    reset() {
      faults.clear();
      faults.release();
      state.customers.clear();
      state.claimedKeys.clear();
      state.tokens = newTokenState();
      state.rewards.clear();
      state.referralPrograms.clear();
      state.referralCodes.clear();
      state.revenuecat.clear();
      state.checkouts.clear();
      state.events.length = 0;
      webhooks.forget();
      state.locks.clear();
      requests.clear();
      dashboard.changed();
    },
    state,
    requests: requests.entries,
    advanceClock: (ms) => {
      if (!Number.isFinite(ms)) throw new TypeError("advanceClock takes a number of milliseconds");
      const until = state.clock() + ms;
      offsetMs += ms;
      applyDue(state, until, (time, apply) => {
        pinnedAt = time;
        try {
          apply();
        } finally {
          pinnedAt = undefined;
        }
      });
      dashboard.changed();
    },
    now: () => state.clock(),
    completeCheckout(target) {
      const id = /\/checkout\/([^/?#]+)/.exec(target)?.[1] ?? (state.checkouts.has(target) ? target : undefined);
      const latest = [...state.checkouts.values()].filter((checkout) => checkout.customer_key === target).at(-1);
      const checkout = id ?? latest?.id;
      if (checkout === undefined || !state.checkouts.has(checkout)) throw new Error(`No pending checkout for ${target}`);
      completeCheckout(state, checkout);
      dashboard.changed();
    },
    get events() {
      return state.events.map((event) => ({
        id: event.id,
        customerId: event.customer_id,
        entityId: event.entity_id,
        featureId: event.feature_id,
        eventName: event.event_name,
        value: event.value,
        properties: event.properties,
        timestamp: event.timestamp,
      }));
    },
    webhooks,
    close: async () => {
      faults.release();
      await webhooks.close();
      await loopback.close();
    },
  };
  return sandbox;
}

/** Writes an answer: every answer the sandbox gives, faults' included, goes out here. */
function answer(response: ServerResponse, status: number, payload: unknown, headers: Record<string, string>): void {
  sendJson(response, status, payload, headers);
}

/**
 * The answer to a request whose handling threw: a 413 for a body over the limit (and the connection
 * closed after it, rather than waiting for the rest), a 500 for anything else. Once an answer has begun,
 * only closing the connection is left.
 */
function answerFailure(response: ServerResponse, error: unknown, corsHeaders: Record<string, string>): void {
  if (response.headersSent || response.destroyed) return void response.destroy();
  const tooLarge = error instanceof BodyTooLargeError;
  const failure = tooLarge ? new SandboxError("bodyTooLarge", `The request body is over the sandbox's limit of ${MAX_BODY_BYTES / 2 ** 20} MiB`) : new SandboxError("internal", "Internal error");
  try {
    sendJson(response, failure.status, autumnErrorBody(failure.code, failure.message), { ...corsHeaders, ...(tooLarge && { connection: "close" }) });
  } catch {
    response.destroy();
  }
}

async function handle(
  state: SandboxState,
  routes: ReadonlyMap<string, Route>,
  request: IncomingMessage,
  path: string,
  body: unknown,
  idempotencyKey: string | undefined,
): Promise<{ status: number; payload: unknown }> {
  let claimed = false;
  let env: Env | undefined;
  try {
    const credential = authenticate(state, header(request, "authorization"));
    env = credential.env;
    const { holder } = credential;
    const version = header(request, "x-api-version") ?? "2.3.0";
    if (!KNOWN_VERSIONS.has(version)) throw new SandboxError("unknownApiVersion", `Unknown API version: ${version}`);
    if (holder && !version.startsWith("2.3")) throw new SandboxError("tokenNeedsVersion", "Customer tokens need x-api-version 2.3 or later");
    if (request.method !== "POST") throw new SandboxError("routeNotFound", "Route not found");
    const route = routes.get(path);
    if (!route) throw new SandboxError("routeNotFound", `Route not found: POST /v1/${path}`);
    if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body) !== ARRAY_BODIES.has(path)) {
      throw new SandboxError("bodyNotObject", `Request body must be a JSON ${ARRAY_BODIES.has(path) ? "array" : "object"}`);
    }
    // A refresh token reaches keys.refresh only; an access token a few routes, always for its own customer.
    if (holder?.kind === "refresh" && path !== "keys.refresh") throw new SandboxError("tokenRouteForbidden", `${path} is not accessible with a refresh token`);
    if (holder?.kind === "access") {
      if (!TOKEN_ROUTES.has(path)) throw new SandboxError("tokenRouteForbidden", `${path} is not accessible with this customer token`);
      (body as Record<string, unknown>)["customer_id"] = holder.customerId;
    }
    if (idempotencyKey !== undefined) {
      claimKey(state, env, idempotencyKey);
      claimed = true;
    }
    const payload: unknown = await route(state, body as Record<string, unknown>, env, holder);
    if (payload instanceof Accepted) return { status: 202, payload: payload.payload };
    return { status: 200, payload };
  } catch (error) {
    const failure = error instanceof SandboxError ? error : new SandboxError("internal", "Internal error");
    // The server releases a key after any failure but a 409, so the caller may retry with it.
    if (claimed && failure.status !== 409 && idempotencyKey !== undefined) releaseKey(state, env!, idempotencyKey);
    return { status: failure.status, payload: autumnErrorBody(failure.code, failure.message, env) };
  }
}

/** The environment of the credential and, for a customer token, whose it is; or the 401 Autumn answers it with. */
function authenticate(state: SandboxState, authorization: string | undefined): { env: Env; holder?: TokenHolder & { token: string } } {
  if (!authorization) throw new SandboxError("missingKey", "Secret key not found in Authorization header");
  const credential = authorization.replace(/^Bearer\s+/i, "");
  if (!CREDENTIAL_PREFIXES.some((prefix) => credential.startsWith(prefix))) {
    throw new SandboxError("unknownCredentialPrefix", "Invalid authorization token prefix");
  }
  if (credential.startsWith("am_jwt_")) return { env: "sandbox", holder: { ...authenticateToken(state, credential), token: credential } };
  const match = SECRET_KEY_PATTERN.exec(credential);
  if (!match) throw new SandboxError("invalidKey", "Invalid secret key");
  return { env: match[1] === "live" ? "live" : "sandbox" };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
