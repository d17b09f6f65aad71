/**
 * A Cloudflare Worker that gates a feature on the customer's balance.
 *
 *   POST /use?customer=<id>&feature=messages  → 200 { remaining } or 402 { error }
 *
 * The secret key is a Worker secret (`wrangler secret put AUTUMN_SECRET_KEY`);
 * Workers have no process environment, so it is passed to AutumnCore from
 * `env`. Deploy with `wrangler deploy examples/worker/index.ts --name autumn-example
 * --compatibility-date 2026-11-01`. The test suite serves it with workerd.
 */
import { AutumnCore } from "@useautumn/sdk/core.js";
import { balancesCheck } from "@useautumn/sdk/funcs/balances-check.js";

export interface Env {
  AUTUMN_SECRET_KEY: string;
  /** Optional: another Autumn origin, such as the local sandbox. */
  AUTUMN_SERVER_URL?: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (request.method !== "POST" || url.pathname !== "/use") return new Response("not found", { status: 404 });
    const customerId = url.searchParams.get("customer") ?? "";
    const featureId = url.searchParams.get("feature") ?? "messages";

    // Cheap to build per request: AutumnCore only holds configuration.
    const autumn = new AutumnCore({ secretKey: env.AUTUMN_SECRET_KEY, serverURL: env.AUTUMN_SERVER_URL });
    // sendEvent deducts one in the same call when allowed; a denied check deducts nothing.
    const res = await balancesCheck(autumn, { customerId, featureId, sendEvent: true }, { timeoutMs: 5_000 });
    if (!res.ok) {
      const { error } = res;
      if (error.name === "RequestValidationError") return Response.json({ error: `invalid ${error.field}` }, { status: 400 });
      if (error.name === "AutumnAPIError" && error.status === 404) return Response.json({ error: error.code }, { status: 404 });
      console.error(`autumn: ${error.name}: ${error.message}`);
      return Response.json({ error: "billing is unavailable" }, { status: 503 });
    }
    if (!res.value.allowed) return Response.json({ error: "limit reached" }, { status: 402 });
    return Response.json({ remaining: res.value.balance?.remaining ?? null });
  },
};
