// A sandbox for bench/entitlements.ts, on its own event loop: bench_user on the demo catalog's free plan.
// Sends the parent its URL, its key, and bench_user as customers.get answers it with the cache's expansions.
import { AutumnCore } from "../dist/core.js";
import { customersGetOrCreate } from "../dist/funcs/customers-get-or-create.js";
import { startSandbox } from "../dist/sandbox/index.js";

const sandbox = await startSandbox();
const core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
await customersGetOrCreate(core, { customerId: "bench_user" });
const answer = await fetch(`${sandbox.url}/v1/customers.get`, {
  method: "POST",
  headers: { authorization: `Bearer ${sandbox.secretKey}`, "content-type": "application/json", "x-api-version": "2.3.0" },
  body: JSON.stringify({ customer_id: "bench_user", expand: ["balances.feature", "flags.feature", "subscriptions.plan", "purchases.plan"] }),
});
process.send({ url: sandbox.url, secretKey: sandbox.secretKey, customerJSON: await answer.text() });
process.on("disconnect", () => process.exit(0));
