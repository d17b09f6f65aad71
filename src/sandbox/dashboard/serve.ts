import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { addInterval } from "../ledger.js";
import { writeAnswer } from "../loopback-http.js";
import type { SandboxState } from "../state.js";
import type { WebhookSender } from "../webhooks.js";
import { customersPage, customerView, eventsPage, usageView } from "./customer-views.js";
import { controlRefusal, DASHBOARD_HEADERS, readRefusal } from "./guard.js";
import { DASHBOARD_ICON, dashboardPage } from "./page.js";
import { MAX_PAGE } from "./paging.js";
import { DASHBOARD_SCRIPT } from "./script.js";
import { DASHBOARD_STYLE } from "./style.js";
import { catalogView, type RequestRecord, requestsPage, summaryView, webhooksPage } from "./views.js";

/**
 * The sandbox's dashboard: a page at its own URL showing customers, balances, events, webhook deliveries,
 * requests, the clock and the catalog, served by the sandbox itself (HTML, one script file and one style
 * sheet, all strings in this folder) with its data as JSON under `/_dashboard/api/`. The page polls a
 * summary every second and redraws when its `version` moved. guard.ts says what keeps it the developer's.
 */

/** What the dashboard reads and drives: the sandbox's state and its controls. */
export interface DashboardContext {
  readonly state: SandboxState;
  readonly requests: readonly RequestRecord[];
  readonly webhooks: WebhookSender;
  advanceClock(ms: number): void;
  reset(): void;
}

export interface Dashboard {
  /** Answers a request for the dashboard (`/`, `/_dashboard/…`) and returns true; leaves any other to the API and counts it as a change once it is over. */
  serve(request: IncomingMessage, response: ServerResponse): boolean;
  /** Marks that what the page shows may have changed: it redraws on its next poll. */
  changed(): void;
}

type Query = URLSearchParams;
type Answer = { status: number; json: unknown } | { status: number; asset: Asset };

const PREFIX = "/_dashboard/";
const HOUR = 3_600_000;
/** How far each clock button moves the clock from now: a month is a calendar month, as resets count it. */
const ADVANCES: ReadonlyMap<string, (now: number) => number> = new Map([
  ["hour", () => HOUR],
  ["day", () => 24 * HOUR],
  ["month", (now: number) => addInterval(now, "month")! - now],
]);

/** A dashboard for one sandbox, with its own token for the page's controls. */
export function createDashboard(context: DashboardContext): Dashboard {
  const token = randomBytes(24).toString("base64url");
  let version = 0;
  const { state, requests, webhooks } = context;

  const reads: ReadonlyMap<string, (query: Query) => unknown> = new Map<string, (query: Query) => unknown>([
    ["summary", () => summaryView(state, requests, webhooks.deliveries, webhooks.url, version)],
    ["customers", (query) => customersPage(state, query.get("q") ?? "", ...paging(query))],
    ["customer", (query) => customerView(state, query.get("key") ?? "")],
    ["events", (query) => eventsPage(state, query.get("key") ?? undefined, ...paging(query))],
    ["usage", (query) => usageView(state, query.get("key") ?? "", query.get("range") ?? "30d")],
    ["webhooks", (query) => webhooksPage(webhooks.deliveries, query.get("customer") ?? undefined, ...paging(query))],
    ["requests", (query) => requestsPage(requests, ...paging(query))],
    ["catalog", () => catalogView(state)],
  ]);
  const controls: ReadonlyMap<string, (query: Query) => Answer> = new Map<string, (query: Query) => Answer>([
    [
      "clock",
      (query) => {
        const advance = ADVANCES.get(query.get("advance") ?? "");
        if (!advance) return { status: 400, json: { error: "advance must be hour, day or month" } };
        context.advanceClock(advance(state.clock()));
        return { status: 200, json: { now: state.clock() } };
      },
    ],
    [
      "reset",
      () => {
        context.reset();
        return { status: 200, json: { reset: true } };
      },
    ],
    [
      "resend",
      (query) => {
        try {
          const delivery = webhooks.resend(query.get("id") ?? "");
          return { status: 200, json: { id: delivery.id, status: delivery.status } };
        } catch (error) {
          return { status: 409, json: { error: (error as Error).message } };
        }
      },
    ],
  ]);

  function answer(request: IncomingMessage, path: string, query: Query): Answer {
    if (path === "/" || path === "/_dashboard" || path === PREFIX) return request.method === "GET" ? { status: 200, asset: PAGE } : notAllowed();
    if (!path.startsWith(`${PREFIX}api/`)) {
      const asset = ASSETS.get(path.slice(PREFIX.length));
      if (!asset) return { status: 404, json: { error: `No dashboard page ${path}` } };
      return request.method === "GET" ? { status: 200, asset } : notAllowed();
    }
    const name = path.slice(`${PREFIX}api/`.length);
    const control = controls.get(name);
    if (control) {
      const refusal = controlRefusal(request, token);
      if (refusal !== undefined) return { status: 403, json: { error: `Refused: ${refusal}` } };
      const done = control(query);
      version++;
      return done;
    }
    const read = reads.get(name);
    if (!read) return { status: 404, json: { error: `No dashboard data ${name}` } };
    if (request.method !== "GET") return notAllowed();
    const refusal = readRefusal(request);
    if (refusal !== undefined) return { status: 403, json: { error: `Refused: ${refusal}` } };
    const json = read(query);
    return json === undefined ? { status: 404, json: { error: "Not found (reset, or renamed?)" } } : { status: 200, json };
  }

  return {
    changed: () => void version++,
    serve(request, response) {
      const url = new URL(request.url ?? "/", "http://sandbox.invalid");
      const path = url.pathname;
      if (path !== "/" && path !== "/_dashboard" && !path.startsWith(PREFIX)) {
        response.once("close", () => version++);
        return false;
      }
      // The dashboard reads no body: a control's arguments are in its query.
      request.resume();
      let result: Answer;
      try {
        result = answer(request, path, url.searchParams);
      } catch (error) {
        result = { status: 500, json: { error: `The dashboard failed: ${error instanceof Error ? error.message : String(error)}` } };
      }
      send(response, result, token);
      return true;
    },
  };
}

/** A page of the dashboard as a file: its content type, and its text (the page's own with the token filled in). */
interface Asset {
  readonly type: string;
  readonly text: string | ((token: string) => string);
}

const PAGE: Asset = { type: "text/html; charset=utf-8", text: dashboardPage };
const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ["app.js", { type: "text/javascript; charset=utf-8", text: DASHBOARD_SCRIPT }],
  ["app.css", { type: "text/css; charset=utf-8", text: DASHBOARD_STYLE }],
  ["icon.svg", { type: "image/svg+xml", text: DASHBOARD_ICON }],
]);

function send(response: ServerResponse, result: Answer, token: string): void {
  if ("asset" in result) {
    const { text, type } = result.asset;
    writeAnswer(response, result.status, typeof text === "string" ? text : text(token), { ...DASHBOARD_HEADERS, "content-type": type });
  } else {
    writeAnswer(response, result.status, JSON.stringify(result.json), { ...DASHBOARD_HEADERS, "content-type": "application/json" });
  }
}

function notAllowed(): Answer {
  return { status: 405, json: { error: "Method not allowed: the dashboard's pages and data take a GET, its controls a POST" } };
}

/** The `offset` and `limit` of a page (default the first 50), clamped to what a page may hold. */
function paging(query: Query): [offset: number, limit: number] {
  const number = (name: string, fallback: number) => {
    const value = Number.parseInt(query.get(name) ?? "", 10);
    return Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  return [number("offset", 0), Math.min(Math.max(number("limit", 50), 1), MAX_PAGE)];
}
