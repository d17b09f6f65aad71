// workerd: a module Worker; the runner bundles it with esbuild and requests `/`.
import { AutumnCore } from "@useautumn/sdk/core.js";
import { customersGetOrCreate } from "@useautumn/sdk/funcs/customers-get-or-create.js";
import { runChecks } from "./checks.mjs";

export default {
  async fetch(_request, env) {
    const result = await runChecks({ AutumnCore, customersGetOrCreate }, env.AUTUMN_SERVER_URL, env.CUSTOMER_ID);
    return Response.json(result);
  },
};
