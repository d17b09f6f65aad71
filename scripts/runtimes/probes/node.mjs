// Node, Bun and Deno, ESM: `node node.mjs <serverURL> <customerId>`.
import { AutumnCore } from "@useautumn/sdk/core.js";
import { customersGetOrCreate } from "@useautumn/sdk/funcs/customers-get-or-create.js";
import { Autumn } from "@useautumn/sdk";
import { runChecks } from "./checks.mjs";

const args = globalThis.Deno?.args ?? process.argv.slice(2);
const result = await runChecks({ AutumnCore, customersGetOrCreate }, args[0], args[1]);
if (result.ok && !(new Autumn({ secretKey: "am_sk_test_x" }) instanceof AutumnCore)) {
  Object.assign(result, { ok: false, detail: "the Autumn class is not an AutumnCore" });
}
console.log(JSON.stringify(result));
