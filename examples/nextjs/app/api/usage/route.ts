/**
 * A Next.js App Router route handler on the Node.js runtime: `app/api/usage/route.ts`.
 *
 *   GET  /api/usage?feature=messages   → { allowed, remaining }
 *   POST /api/usage  { "feature": "messages", "value": 1 }  → { remaining }
 *
 * Per-function imports keep the route's bundle to the two operations it
 * uses. The key stays on the server: the browser only ever sees this route's
 * JSON. `app/api/usage-edge/route.ts` is the same check on the edge runtime.
 */
import { balancesCheck } from "@useautumn/sdk/funcs/balances-check.js";
import { balancesTrack } from "@useautumn/sdk/funcs/balances-track.js";
import { autumn, currentUserId, errorResponse } from "../../../lib/autumn";

export const runtime = "nodejs";

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
