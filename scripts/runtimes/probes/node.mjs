// Node, Bun and Deno, ESM: `node node.mjs <serverURL> <customerId> <webhook vector JSON>`.
import { AutumnCore } from "@useautumn/sdk/core.js";
import { customersGetOrCreate } from "@useautumn/sdk/funcs/customers-get-or-create.js";
import { webhooksVerify } from "@useautumn/sdk/webhooks";
import { Autumn } from "@useautumn/sdk";
import { combine, runChecks, runSignalChecks, runWebhookChecks } from "./checks.mjs";

const args = globalThis.Deno?.args ?? process.argv.slice(2);
const result = combine([
  await runChecks({ AutumnCore, customersGetOrCreate }, args[0], args[1]),
  await runSignalChecks({ AutumnCore, customersGetOrCreate }, args[0], args[1]),
  await runWebhookChecks({ webhooksVerify }, args[2]),
]);
if (result.ok && !(new Autumn({ secretKey: "am_sk_test_x" }) instanceof AutumnCore)) {
  Object.assign(result, { ok: false, detail: "the Autumn class is not an AutumnCore" });
}
console.log(JSON.stringify(result));
