// A process that uses the built package (dist/) as an app would: a usage queue over a file or Redis
// store, adding events and delivering them. Started by the usage-queue tests with one JSON argument;
// it reports on stdout, one JSON object a line, and is often killed with SIGKILL part-way.
import { AutumnCore } from "@useautumn/sdk/core";
import { createUsageQueue } from "@useautumn/sdk/usage-queue";

const config = JSON.parse(process.argv[2]);
const say = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

async function openStore() {
  if (config.store.kind === "file") {
    const { fileStore } = await import("@useautumn/sdk/usage-queue/file");
    return { store: fileStore({ path: config.store.path }), end: () => {} };
  }
  const { Redis } = await import("ioredis");
  const { redisStore } = await import("@useautumn/sdk/usage-queue/redis");
  const client = new Redis(config.store.port, "127.0.0.1", { maxRetriesPerRequest: 1 });
  return { store: redisStore(client, { name: config.store.name }), end: () => client.disconnect() };
}

/** The event numbered `n`: its customer and value follow from `n`, so the test knows every total. */
function event(n) {
  return { customerId: config.customers[n % config.customers.length], featureId: "api_calls", value: 1 + (n % 7), properties: { n } };
}

const core = new AutumnCore({ secretKey: config.secretKey, serverURL: config.serverURL, retryConfig: { initialDelayMs: 1, maxDelayMs: 5 } });
const { store, end } = await openStore();
let delivered = 0;
const queue = createUsageQueue(core, {
  ...config.queue,
  store,
  onDelivered: () => {
    if (++delivered % 100 === 0) say({ delivered });
  },
});
const tick = () => new Promise((resolve) => setImmediate(resolve));

if (config.mode === "add") {
  const keys = config.numbers.map((n) => {
    const added = queue.add(event(n));
    if (!added.ok) throw added.error;
    return added.value.idempotencyKey;
  });
  say({ added: keys });
  // Stays until killed.
  setInterval(() => {}, 60_000);
} else if (config.mode === "produce") {
  // Producers interleaved with delivery: each adds its share a few at a time, yielding between.
  const numbers = config.numbers;
  let added = 0;
  await Promise.all(
    Array.from({ length: config.producers }, async (_, producer) => {
      for (let index = producer; index < numbers.length; index += config.producers) {
        const result = queue.add(event(numbers[index]));
        if (!result.ok) throw result.error;
        if (++added % 100 === 0) say({ added });
        if (index % (config.producers * 20) === producer) await tick();
      }
    }),
  );
  say({ allAdded: added });
  await drain();
} else if (config.mode === "drain") {
  await drain();
}

/** Delivers until the store holds nothing pending or in flight, then closes and reports. */
async function drain() {
  for (;;) {
    await queue.flush();
    const stats = await queue.stats();
    if (stats.ok && stats.value.pending === 0 && stats.value.inFlight === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const stats = (await queue.stats()).value;
  const report = await queue.close({ deadlineMs: 5_000 });
  end();
  say({ drained: stats, report: { ...report, lost: report.lost.length } });
}
