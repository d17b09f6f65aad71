#!/usr/bin/env node
import { startSandbox } from "./server.js";

// `npx autumn-sandbox`: a local Autumn to point `serverURL` at. Ctrl-C stops it.
async function main(): Promise<void> {
  const port = Number(process.env["PORT"] ?? 8787);
  const sandbox = await startSandbox({ port });
  console.log(`Autumn sandbox listening on ${sandbox.url} (secret key ${sandbox.secretKey})`);
  if (sandbox.webhooks.url) console.log(`Sending webhooks to ${sandbox.webhooks.url}, signed with ${sandbox.webhooks.secret}`);
}

void main();
