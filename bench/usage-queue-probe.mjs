// Runs in a fresh `node --expose-gc` process started by bench/usage-queue.ts, on the built package.
// argv: <mode>
// - mode "add": the cost of `add` with the memory store, in rounds of ROUND adds, each round against the
//   baseline (the same params checked with `v.parse` and pushed to an array) and the file store's `add`
//   (a `writeSync` each); the three alternate round by round. Prints µs per add for every round.
// - mode "memory" <baseline|queue>: heap used by 100,000 pending events in the memory store (the queue
//   their only holder), or by the same params kept in an array; read after full GCs against a reading before.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { AutumnCore } from "@useautumn/sdk/core";
import { BalancesTrackParamsSchema } from "@useautumn/sdk/models";
import { createUsageQueue } from "@useautumn/sdk/usage-queue";
import { fileStore } from "@useautumn/sdk/usage-queue/file";

const [mode] = process.argv.slice(2);
const ROUND = 20_000;
const ROUNDS = 9;
// Nothing is delivered while measuring: no pass is started by adds, no interval, and no server.
const QUIET = { flushAt: 1e9, flushIntervalMs: 0, capacity: 1e7 };
const core = new AutumnCore({ secretKey: "am_sk_test_bench", serverURL: "http://127.0.0.1:9" });

/** Params as an app's hot path makes them: a customer, a feature, a value, one property. */
const paramsList = (count) =>
  Array.from({ length: count }, (_, n) => ({ customerId: `user_${n % 1000}`, featureId: "messages", value: 1 + (n % 5), properties: { requestId: `req_${n}` } }));

if (mode === "add") {
  const params = paramsList(ROUND);
  const dir = mkdtempSync(join(tmpdir(), "usage-queue-bench-"));
  const variants = {
    baseline: () => {
      const kept = [];
      return (p) => kept.push(v.parse(BalancesTrackParamsSchema, p));
    },
    memory: () => {
      const queue = createUsageQueue(core, QUIET);
      return (p) => queue.add(p);
    },
    file: () => {
      const queue = createUsageQueue(core, { ...QUIET, store: fileStore({ path: join(dir, `log-${Math.random()}`) }) });
      return (p) => queue.add(p);
    },
  };
  const times = { baseline: [], memory: [], file: [] };
  for (let round = -2; round < ROUNDS; round++) {
    const names = Object.keys(variants);
    // The order rotates, so that a GC or a noisy neighbour hits each alike.
    for (const name of [...names.slice(round & 1), ...names.slice(0, round & 1)]) {
      const add = variants[name]();
      globalThis.gc();
      const start = performance.now();
      for (const p of params) add(p);
      const us = ((performance.now() - start) * 1000) / ROUND;
      if (round >= 0) times[name].push(us);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify(times));
  process.exit(0);
} else if (mode === "memory") {
  // One holder per process (`which`: "baseline" or "queue"), so that neither reading is disturbed by the other's garbage.
  const which = process.argv[3];
  const COUNT = 100_000;
  const settled = () => {
    for (let pass = 0; pass < 4; pass++) globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  const makeParams = (n) => ({ customerId: `user_${n % 1000}`, featureId: "messages", value: 1 + (n % 5), properties: { requestId: `req_${n}` } });
  // Warm-up: the code paths and the queue's modules are loaded and compiled before the first reading.
  const warm = createUsageQueue(core, QUIET);
  for (let n = 0; n < 1_000; n++) warm.add(makeParams(n));
  const before = settled();
  let held;
  if (which === "baseline") {
    // The same events kept by the app in an array.
    held = [];
    for (let n = 0; n < COUNT; n++) held.push(makeParams(n));
  } else {
    // The queue as the only holder of its events, as when the app drops them after `add`.
    held = createUsageQueue(core, QUIET);
    for (let n = 0; n < COUNT; n++) held.add(makeParams(n));
  }
  const bytes = settled() - before;
  console.log(JSON.stringify({ count: COUNT, bytes, held: held.length ?? (await held.stats()).value.pending }));
  process.exit(0);
} else {
  throw new Error(`unknown mode ${mode}`);
}
