/**
 * Runs the Hono example on Node: `AUTUMN_SECRET_KEY=am_sk_test_… tsx examples/hono/server.ts`
 * (or `AUTUMN_SERVER_URL=http://127.0.0.1:8787` with `npm run sandbox` running). It also
 * receives Autumn's webhooks on POST /webhooks/autumn, verified with AUTUMN_WEBHOOK_SECRET.
 */
import { serve } from "@hono/node-server";
import { AutumnCore } from "@useautumn/sdk/core.js";
import { createApp } from "./app.js";
import { webhookRoutes } from "./webhooks.js";

const app = createApp(new AutumnCore());
app.route("/", webhookRoutes({ secret: process.env["AUTUMN_WEBHOOK_SECRET"], onEvent: (event) => console.log(`autumn: ${event.type}`, event.data) }));
const port = Number(process.env["PORT"] ?? 3000);
serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) => console.log(`listening on http://127.0.0.1:${info.port}`));
