/**
 * A Hono service that keeps billing on the server and handles the SDK's
 * errors as values. The browser examples call these routes; they never see
 * the secret key.
 *
 *   POST /api/me                  get-or-create the signed-in customer
 *   POST /api/subscribe/:planId   attach a plan → { paymentUrl }
 *   GET  /api/usage/:featureId    → UsageResponse
 *   POST /api/usage/:featureId    record one use → UsageResponse
 *   POST /api/autumn-tokens       mint the signed-in customer's token pair → CustomerTokens
 *                                 (examples/browser-tokens calls Autumn with it directly)
 */
import { Hono, type Context } from "hono";
import type { AutumnCore } from "@useautumn/sdk/core.js";
import { balancesCheck } from "@useautumn/sdk/funcs/balances-check.js";
import { balancesTrack } from "@useautumn/sdk/funcs/balances-track.js";
import { billingAttach } from "@useautumn/sdk/funcs/billing-attach.js";
import { customersGetOrCreate } from "@useautumn/sdk/funcs/customers-get-or-create.js";
import { keysMint } from "@useautumn/sdk/funcs/keys-mint.js";
import type { SDKError } from "@useautumn/sdk/models";

/** What `/api/usage/:featureId` answers; the browser imports this type. */
export interface UsageResponse {
  featureId: string;
  allowed: boolean;
  remaining: number | null;
}

/** Stands in for your auth middleware: replace with your session lookup. */
function userId(c: Context): string | undefined {
  return c.req.header("x-user-id");
}

/** The routes, given one client for the whole process. */
export function createApp(autumn: AutumnCore): Hono {
  const app = new Hono();

  app.use("/api/*", async (c, next) => {
    if (!userId(c)) return c.json({ error: "sign in first" }, 401);
    await next();
  });

  app.post("/api/me", async (c) => {
    const res = await customersGetOrCreate(autumn, { customerId: userId(c)!, email: c.req.header("x-user-email") ?? null });
    if (!res.ok) return errorResponse(c, res.error);
    return c.json({ id: res.value.id, email: res.value.email });
  });

  app.post("/api/subscribe/:planId", async (c) => {
    const res = await billingAttach(autumn, { customerId: userId(c)!, planId: c.req.param("planId") });
    if (!res.ok) return errorResponse(c, res.error);
    return c.json({ paymentUrl: res.value.paymentUrl });
  });

  app.get("/api/usage/:featureId", async (c) => {
    const featureId = c.req.param("featureId");
    const res = await balancesCheck(autumn, { customerId: userId(c)!, featureId });
    if (!res.ok) return errorResponse(c, res.error);
    return c.json({ featureId, allowed: res.value.allowed, remaining: res.value.balance?.remaining ?? null } satisfies UsageResponse);
  });

  app.post("/api/usage/:featureId", async (c) => {
    const featureId = c.req.param("featureId");
    const check = await balancesCheck(autumn, { customerId: userId(c)!, featureId, sendEvent: true });
    if (!check.ok) return errorResponse(c, check.error);
    const usage = { featureId, allowed: check.value.allowed, remaining: check.value.balance?.remaining ?? null } satisfies UsageResponse;
    return c.json(usage, check.value.allowed ? 200 : 402);
  });

  // The pair acts for this user only, and only on check, track and reads of their own usage. The page
  // asks for it once per sign-in and again only when it can no longer refresh it.
  app.post("/api/autumn-tokens", async (c) => {
    const res = await keysMint(autumn, { customerId: userId(c)! });
    if (!res.ok) return errorResponse(c, res.error);
    c.header("cache-control", "no-store");
    return c.json(res.value);
  });

  return app;
}

/** One place that turns an SDK error into what the client may see. */
function errorResponse(c: Context, error: SDKError): Response {
  switch (error.name) {
    case "RequestValidationError":
      return c.json({ error: `invalid ${error.field}` }, 400);
    case "AutumnAPIError":
      if (error.status === 404) return c.json({ error: error.code }, 404);
      if (error.status < 500) return c.json({ error: error.code }, 400);
      break;
    case "RequestAlreadyAcceptedError":
      // The change was applied once; its response was lost. Nothing to redo.
      return c.json({ ok: true }, 200);
  }
  console.error(`autumn ${error.name}: ${error.message}`);
  return c.json({ error: "billing is unavailable" }, 503);
}
