/**
 * The usage check on the edge runtime (Vercel Edge Functions, `next start`'s edge sandbox):
 * `app/api/usage-edge/route.ts`.
 *
 *   GET /api/usage-edge?feature=messages   → { allowed, remaining }
 *
 * The request's signal goes to the call, so a browser that goes away ends
 * the call to Autumn too instead of leaving it running. The edge runtime has
 * no `AbortSignal.any`; the SDK links the signal without it.
 */
import { balancesCheck } from "@useautumn/sdk/funcs/balances-check.js";
import { autumn, currentUserId, errorResponse } from "../../../lib/autumn";

export const runtime = "edge";

export async function GET(request: Request): Promise<Response> {
  const customerId = currentUserId(request);
  if (!customerId) return Response.json({ error: "sign in first" }, { status: 401 });
  const featureId = new URL(request.url).searchParams.get("feature") ?? "messages";
  // An edge function has a short time limit: give the call a budget inside it, retries included.
  const res = await balancesCheck(autumn, { customerId, featureId }, { signal: request.signal, timeoutMs: 10_000 });
  if (!res.ok) return errorResponse(res.error);
  return Response.json({ allowed: res.value.allowed, remaining: res.value.balance?.remaining ?? null });
}
