// Chromium: bundled with esbuild into the page; posts its verdict back to the page's origin.
import { AutumnCore } from "@useautumn/sdk/core.js";
import { customersGetOrCreate } from "@useautumn/sdk/funcs/customers-get-or-create.js";
import { webhooksVerify } from "@useautumn/sdk/webhooks";
import { combine, runChecks, runWebhookChecks } from "./checks.mjs";

const params = new URLSearchParams(location.search);
const report = (result) => fetch("/verdict", { method: "POST", body: JSON.stringify(result) });
addEventListener("error", (event) => report({ ok: false, detail: `uncaught: ${event.message}` }));
Promise.all([runChecks({ AutumnCore, customersGetOrCreate }, params.get("api"), params.get("customer")), runWebhookChecks({ webhooksVerify }, params.get("webhook"))])
  .then(combine)
  .then(report);
