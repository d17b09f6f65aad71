// workerd: a module Worker; the runner bundles it with esbuild and requests `/`.
import { AutumnCore } from "@useautumn/sdk/core.js";
import { customersGetOrCreate } from "@useautumn/sdk/funcs/customers-get-or-create.js";
import { webhooksVerify } from "@useautumn/sdk/webhooks";
import { combine, runChecks, runSignalChecks, runWebhookChecks } from "./checks.mjs";

export default {
  async fetch(_request, env) {
    const api = await runChecks({ AutumnCore, customersGetOrCreate }, env.AUTUMN_SERVER_URL, env.CUSTOMER_ID);
    const signals = await runSignalChecks({ AutumnCore, customersGetOrCreate }, env.AUTUMN_SERVER_URL, env.CUSTOMER_ID);
    return Response.json(combine([api, signals, await runWebhookChecks({ webhooksVerify }, env.WEBHOOK_VECTOR)]));
  },
};
