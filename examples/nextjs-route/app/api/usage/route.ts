/**
 * A Next.js App Router route handler: `app/api/usage/route.ts`.
 *
 *   GET  /api/usage?feature=messages   → { allowed, remaining }
 *   POST /api/usage  { "feature": "messages", "value": 1 }  → { remaining }
 *
 * Per-function imports keep the route's bundle to the two operations it
 * uses. The key stays on the server: AutumnCore reads AUTUMN_SECRET_KEY from
 * the environment when a call is made, and the browser only ever sees this
 * route's JSON. The handlers use only web APIs, so switching to
 * `runtime = "edge"` changes nothing here (Workers are in the runtime matrix).
 */
import { AutumnCore } from "@useautumn/sdk/core.js";
import { balancesCheck } from "@useautumn/sdk/funcs/balances-check.js";
import { balancesTrack } from "@useautumn/sdk/funcs/balances-track.js";
import type { SDKError } from "@useautumn/sdk/models";

export const runtime = "nodejs";

// One client per server process; constructing it does no I/O.
const autumn = new AutumnCore();

/** Stands in for your auth: replace with your session lookup. */
function currentUserId(request: Request): string | null {
  return request.headers.get("x-user-id");
}

export async function GET(request: Request): Promise<Response> {
  const customerId = currentUserId(request);
  if (!customerId) return Response.json({ error: "sign in first" }, { status: 401 });
  const featureId = new URL(request.url).searchParams.get("feature") ?? "messages";
  const res = await balancesCheck(autumn, { customerId, featureId });
  if (!res.ok) return errorResponse(res.error);
  return Response.json({ allowed: res.value.allowed, remaining: res.value.balance?.remaining ?? null });
}

export async function POST(request: Request): Promise<Response> {
  const customerId = currentUserId(request);
  if (!customerId) return Response.json({ error: "sign in first" }, { status: 401 });
  const { feature, value } = (await request.json()) as { feature?: string; value?: number };
  const res = await balancesTrack(autumn, { customerId, featureId: feature ?? "messages", value: value ?? 1 });
  if (!res.ok) return errorResponse(res.error);
  return Response.json({ remaining: res.value.balance?.remaining ?? null });
}

/** Errors are values: decide per kind what the client sees, and log the rest. */
function errorResponse(error: SDKError): Response {
  switch (error.name) {
    case "AutumnAPIError":
      // Autumn's 4xx codes are safe to pass on; its 5xx are our problem, not the client's.
      if (error.status < 500) return Response.json({ error: error.code }, { status: error.status === 404 ? 404 : 400 });
      break;
    case "RequestValidationError":
      return Response.json({ error: `invalid ${error.field}` }, { status: 400 });
  }
  console.error(error);
  return Response.json({ error: "billing is unavailable" }, { status: 503 });
}
