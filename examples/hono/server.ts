/**
 * Runs the Hono example on Node: `AUTUMN_SECRET_KEY=am_sk_test_… tsx examples/hono/server.ts`
 * (or `AUTUMN_SERVER_URL=http://127.0.0.1:8787` with `npm run sandbox` running).
 */
import { serve } from "@hono/node-server";
import { AutumnCore } from "@useautumn/sdk/core.js";
import { createApp } from "./app.js";

const app = createApp(new AutumnCore());
const port = Number(process.env["PORT"] ?? 3000);
serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) => console.log(`listening on http://127.0.0.1:${info.port}`));
