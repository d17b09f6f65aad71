import { startSandbox } from "./server.js";

// `npm run sandbox`: a local Autumn to point `serverURL` at. Ctrl-C stops it.
const port = Number(process.env["PORT"] ?? 8787);
const sandbox = await startSandbox({ port });
console.log(`Autumn sandbox listening on ${sandbox.url} (any key like am_sk_test_local works)`);
if (sandbox.webhooks.url) console.log(`Sending webhooks to ${sandbox.webhooks.url}, signed with ${sandbox.webhooks.secret}`);
