// Chromium: bundled with esbuild into the page; posts its verdict back to the page's origin.
import { AutumnCore } from "@useautumn/sdk/core.js";
import { customersGetOrCreate } from "@useautumn/sdk/funcs/customers-get-or-create.js";
import { webhooksVerify } from "@useautumn/sdk/webhooks";
import { combine, runChecks, runSignalChecks, runWebhookChecks } from "./checks.mjs";

const params = new URLSearchParams(location.search);
const report = (result) => fetch("/verdict", { method: "POST", body: JSON.stringify(result) });
addEventListener("error", (event) => report({ ok: false, detail: `uncaught: ${event.message}` }));
const [api, customer] = [params.get("api"), params.get("customer")];
Promise.all([runChecks({ AutumnCore, customersGetOrCreate }, api, customer), runSignalChecks({ AutumnCore, customersGetOrCreate }, api, customer), runWebhookChecks({ webhooksVerify }, params.get("webhook"))])
  .then(combine)
  .then(report);
