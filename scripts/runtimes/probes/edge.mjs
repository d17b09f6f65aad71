// The edge runtime (Vercel's `edge-runtime` VM, as `next start` and Vercel run edge routes): bundled with
// esbuild into one script for the VM, which edge-host.mjs evaluates. It reads its arguments from
// `globalThis.PROBE` and leaves its verdict, a promise, on `globalThis.VERDICT`.
import { AutumnCore } from "@useautumn/sdk/core.js";
import { customersGetOrCreate } from "@useautumn/sdk/funcs/customers-get-or-create.js";
import { webhooksVerify } from "@useautumn/sdk/webhooks";
import { combine, runChecks, runSignalChecks, runWebhookChecks } from "./checks.mjs";

const { serverURL, customerId, webhook } = globalThis.PROBE;
globalThis.VERDICT = (async () =>
  combine([
    await runChecks({ AutumnCore, customersGetOrCreate }, serverURL, customerId),
    await runSignalChecks({ AutumnCore, customersGetOrCreate }, serverURL, customerId),
    await runWebhookChecks({ webhooksVerify }, webhook),
  ]))();
