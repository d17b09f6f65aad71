// Runs in a `node --expose-gc` process started by bench/dashboard.ts: the sandbox whose dashboard is
// measured, alone on its event loop, from the built package as an installed copy would load it.
// Fills it through the SDK (10,000 customers with customers.getOrCreate, 100,000 events with
// balances.batchTrack, a fifth of them user_0's, over 30 days of the sandbox's clock), prints {"url", "fillMs"} as a line,
// then answers each line on stdin: "measure" prints the heap used and RSS after a full GC, "quit" closes.
import { createInterface } from "node:readline";

const [customers, events] = process.argv.slice(2).map(Number);
const { startSandbox } = await import("@useautumn/sdk/sandbox");
const { AutumnCore } = await import("@useautumn/sdk/core.js");
const { customersGetOrCreate } = await import("@useautumn/sdk/funcs/customers-get-or-create.js");
const { balancesBatchTrack } = await import("@useautumn/sdk/funcs/balances-batch-track.js");

const DAY = 86_400_000;
const started = performance.now();
const sandbox = await startSandbox();
const core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
let next = 0;
// Sixteen at a time, in order enough: the list's newest is user_<customers - 1> or close to it.
await Promise.all(
  Array.from({ length: 16 }, async () => {
    for (let index = next++; index < customers; index = next++) {
      const result = await customersGetOrCreate(core, { customerId: `user_${index}`, name: `User ${index}`, email: `user${index}@example.com` });
      if (!result.ok) throw result.error;
    }
  }),
);
const batches = Math.ceil(events / 1000);
for (let start = 0; start < events; start += 1000) {
  sandbox.advanceClock((30 * DAY) / batches);
  const batch = Array.from({ length: Math.min(1000, events - start) }, (_, offset) => {
    const index = start + offset;
    return { customerId: `user_${index % 5 === 0 ? 0 : index % customers}`, featureId: "messages", value: 1 };
  });
  const result = await balancesBatchTrack(core, batch);
  if (!result.ok) throw result.error;
}
process.stdout.write(`${JSON.stringify({ url: sandbox.url, fillMs: performance.now() - started })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  if (line === "measure") {
    // Let the page's last requests finish on both sides before counting.
    await new Promise((resolve) => setTimeout(resolve, 100));
    globalThis.gc();
    globalThis.gc();
    const { heapUsed, rss } = process.memoryUsage();
    process.stdout.write(`${JSON.stringify({ heapUsed, rss })}\n`);
  } else if (line === "quit") {
    await sandbox.close();
    process.exit(0);
  }
}
