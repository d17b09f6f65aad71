import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/*
 * What keeps the dashboard a page of the developer's own. server.ts hands it only requests addressed to a
 * loopback name (access.ts: a name rebound to 127.0.0.1 is refused there), but any site the developer's
 * browser visits can still send requests to 127.0.0.1. So nothing changes on a GET, and a control runs
 * only for a POST that carries the page's token in a header. A page on another origin cannot read the
 * token (the dashboard's answers carry no CORS headers) and cannot send a custom header without a
 * preflight, which the dashboard never grants; a form, an image or a `no-cors` fetch sends none. A
 * browser's own word on where a request came from (`Origin`, `Sec-Fetch-Site`) must say this page too.
 */

/** The header a control request carries the page's token in. */
export const TOKEN_HEADER = "x-autumn-dashboard-token";

/** Headers on every answer of the dashboard: no other origin may embed, frame or sniff it, and no script runs but its own file. */
export const DASHBOARD_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "cross-origin-resource-policy": "same-origin",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/** Why a control request is refused, or undefined when it comes from the dashboard itself. */
export function controlRefusal(request: IncomingMessage, token: string): string | undefined {
  if (request.method !== "POST") return "controls take a POST";
  const sent = request.headers[TOKEN_HEADER];
  if (typeof sent !== "string" || !sameText(sent, token)) return `the ${TOKEN_HEADER} header is missing or wrong: controls are for the dashboard's own page`;
  const site = request.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin") return `the request came from another site (Sec-Fetch-Site: ${site})`;
  const origin = request.headers.origin;
  // The page's own origin is the one the request was addressed to.
  if (origin !== undefined && origin !== `http://${request.headers.host?.toLowerCase()}`) return `the request came from ${origin}, not from the dashboard's own origin`;
  return undefined;
}

/** Whether a GET of the dashboard's data comes from its own page, or from no page at all (curl, a test): never from another site. */
export function readRefusal(request: IncomingMessage): string | undefined {
  const site = request.headers["sec-fetch-site"];
  return site === undefined || site === "same-origin" || site === "none" ? undefined : `the dashboard's data is for its own page, not for another site (Sec-Fetch-Site: ${site})`;
}

function sameText(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
}
