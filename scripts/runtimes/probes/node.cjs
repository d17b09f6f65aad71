// Node, CommonJS: `node node.cjs <serverURL> <customerId> <webhook vector JSON>`.
const { AutumnCore } = require("@useautumn/sdk/core.js");
const { customersGetOrCreate } = require("@useautumn/sdk/funcs/customers-get-or-create.js");
const { webhooksVerify } = require("@useautumn/sdk/webhooks");
const { Autumn } = require("@useautumn/sdk");

import("./checks.mjs")
  .then(async ({ combine, runChecks, runSignalChecks, runWebhookChecks }) =>
    combine([
      await runChecks({ AutumnCore, customersGetOrCreate }, process.argv[2], process.argv[3]),
      await runSignalChecks({ AutumnCore, customersGetOrCreate }, process.argv[2], process.argv[3]),
      await runWebhookChecks({ webhooksVerify }, process.argv[4]),
    ]),
  )
  .then((result) => {
    if (result.ok && !(new Autumn({ secretKey: "am_sk_test_x" }) instanceof AutumnCore)) {
      Object.assign(result, { ok: false, detail: "the Autumn class is not an AutumnCore" });
    }
    console.log(JSON.stringify(result));
  });
