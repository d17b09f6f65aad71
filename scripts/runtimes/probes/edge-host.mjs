// Node, hosting the edge runtime VM: `node edge-host.mjs <edge-runtime package dir> <bundle> <serverURL> <customerId> <webhook vector JSON>`.
// Evaluates the bundled probe (edge.mjs) inside an EdgeRuntime, the VM `next start` and Vercel run edge
// routes in, whose globals are the web platform's only: no `process`, no `require`, no `AbortSignal.any`.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [edgeRuntimeDir, bundle, serverURL, customerId, webhook] = process.argv.slice(2);
const { EdgeRuntime } = createRequire(`${edgeRuntimeDir}/`)("edge-runtime");
const runtime = new EdgeRuntime();
runtime.evaluate(`globalThis.PROBE = ${JSON.stringify({ serverURL, customerId, webhook })};`);
runtime.evaluate(readFileSync(bundle, "utf8"));
const verdict = await runtime.evaluate("globalThis.VERDICT");
console.log(JSON.stringify(verdict));
// The VM's own timers and sockets are not the probe's to wait for.
process.exit(0);
