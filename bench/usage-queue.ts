/**
 * The usage queue (`@useautumn/sdk/usage-queue`), on the built package:
 *
 * - delivery: events per second delivered to a loopback sandbox running in a child process (so that
 *   its work does not share this event loop), and requests sent per 1,000 events (counted by a
 *   `beforeRequest` hook: every attempt). Variants, EVENTS events each, interleaved round by round,
 *   median of ROUNDS:
 *   - baseline: `balancesTrack` awaited by CONCURRENCY loops side by side, what an app does itself;
 *   - the queue with the memory store and with the file store, `concurrency` CONCURRENCY, timed from
 *     the first `add` to the last event settled;
 *   - the memory store through faults: per 1,000 events, 30 answered 503 and 20 recorded with their
 *     answer lost (`reset afterApplying`). `confirmDuplicateAfterMs` is 0 there, because the sandbox
 *     applies a request as it arrives; with the default minute, each lost answer costs one more request,
 *     a minute later.
 * - add: µs per `add` with the memory store (and the file store's, a `writeSync` each) against the same
 *   params checked with `v.parse` and pushed to an array, in a fresh `node --expose-gc` process
 *   (bench/usage-queue-probe.mjs), rounds alternating; median. Goal: ≤ 5 µs with the memory store.
 * - memory: heap per 100,000 pending events in the memory store, the queue their only holder, against
 *   the same params kept in an array; each in its own fresh process, after full GCs; median.
 */
import { fork, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AutumnCore as AutumnCoreClass } from "../src/core.js";
import type { balancesTrack as BalancesTrack } from "../src/funcs/balances-track.js";
import type { fileStore as FileStore } from "../src/usage-queue/file-store.js";
import type { createUsageQueue as CreateUsageQueue, UsageQueueOptions } from "../src/usage-queue/index.js";
import { fixed, median, type Report, ROOT, rootURL } from "./lib.js";

const EVENTS = 2_000;
const ROUNDS = 3;
const CONCURRENCY = 8;
const CUSTOMERS = ["cus_a", "cus_b", "cus_c", "cus_d"];
const ADD_GOAL_US = 5;

async function loadBuilt() {
  const [{ AutumnCore }, { balancesTrack }, { createUsageQueue }, { fileStore }] = await Promise.all([
    import(rootURL("dist/core.js")) as Promise<{ AutumnCore: typeof AutumnCoreClass }>,
    import(rootURL("dist/funcs/balances-track.js")) as Promise<{ balancesTrack: typeof BalancesTrack }>,
    import(rootURL("dist/usage-queue/index.js")) as Promise<{ createUsageQueue: typeof CreateUsageQueue }>,
    import(rootURL("dist/usage-queue/file-store.js")) as Promise<{ fileStore: typeof FileStore }>,
  ]);
  return { AutumnCore, balancesTrack, createUsageQueue, fileStore };
}

async function startSandbox() {
  const child = fork(`${ROOT}bench/usage-queue-sandbox.mjs`, [JSON.stringify(CUSTOMERS)], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const [ready] = (await once(child, "message")) as [{ url: string; secretKey: string }];
  return { ...ready, fail: (...fail: unknown[]) => child.send({ fail }), stop: () => child.kill() };
}

const params = (n: number) => ({ customerId: CUSTOMERS[n % CUSTOMERS.length]!, featureId: "api_calls", value: 1 + (n % 5) });

function probe<T>(...args: string[]): T {
  const child = spawnSync(process.execPath, ["--expose-gc", join(ROOT, "bench/usage-queue-probe.mjs"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  if (child.status !== 0) throw new Error(`usage queue probe ${args.join(" ")} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout) as T;
}

export async function runUsageQueue(report: Report): Promise<void> {
  const { AutumnCore, balancesTrack, createUsageQueue, fileStore } = await loadBuilt();
  const sandbox = await startSandbox();
  const dir = mkdtempSync(join(tmpdir(), "usage-queue-bench-"));
  let requests = 0;
  const core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url, hooks: { beforeRequest: () => void requests++ } });

  const viaQueue = (options: UsageQueueOptions) => async () => {
    const queue = createUsageQueue(core, { capacity: EVENTS * 2, concurrency: CONCURRENCY, ...options });
    for (let n = 0; n < EVENTS; n++) queue.add(params(n));
    for (;;) {
      await queue.flush();
      const stats = (await queue.stats()).value!;
      if (stats.pending + stats.inFlight === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await queue.close();
  };
  let files = 0;
  const variants: { label: string; run: () => Promise<void>; before?: () => void }[] = [
    {
      label: `balancesTrack, ${CONCURRENCY} loops (baseline)`,
      run: async () => {
        let next = 0;
        await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
          while (next < EVENTS) await balancesTrack(core, params(next++));
        }));
      },
    },
    { label: "queue, memory store", run: viaQueue({}) },
    { label: "queue, file store", run: async () => viaQueue({ store: fileStore({ path: join(dir, `log-${files++}`) }) })() },
    {
      label: "queue, memory store, 5% faults",
      before: () => {
        sandbox.fail({ kind: "status", status: 503, retryAfterSeconds: 0 }, { route: "balances.track", times: (30 * EVENTS) / 1000 });
        sandbox.fail({ kind: "reset", afterApplying: true }, { route: "balances.track", times: (20 * EVENTS) / 1000 });
      },
      run: viaQueue({ confirmDuplicateAfterMs: 0, retry: { initialDelayMs: 5, maxDelayMs: 50 } }),
    },
  ];
  const results = new Map<string, { perSecond: number[]; per1000: number[] }>();
  try {
    // One untimed round: connections opened, code compiled.
    await variants[0]!.run();
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
        variant.before?.();
        // Lets the sandbox take the faults before the first request.
        await new Promise((resolve) => setTimeout(resolve, 20));
        requests = 0;
        const start = performance.now();
        await variant.run();
        const seconds = (performance.now() - start) / 1000;
        const result = results.get(variant.label) ?? { perSecond: [], per1000: [] };
        result.perSecond.push(EVENTS / seconds);
        result.per1000.push((requests * 1000) / EVENTS);
        results.set(variant.label, result);
      }
    }
  } finally {
    sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const baseline = median(results.get(variants[0]!.label)!.perSecond);
  report.line(`Delivery to a loopback sandbox in a child process: ${EVENTS} events a round, median of ${ROUNDS} rounds`);
  report.table(
    ["variant", "events/s", "× baseline", "requests per 1,000 events"],
    variants.map(({ label }) => {
      const { perSecond, per1000 } = results.get(label)!;
      return [label, fixed(median(perSecond), 0), fixed(median(perSecond) / baseline, 2), fixed(median(per1000), 0)];
    }),
  );

  const adds = probe<Record<"baseline" | "memory" | "file", number[]>>("add");
  const addMedian = median(adds.memory);
  report.line();
  report.line("Cost of add (fresh process, µs per call, median of rounds)");
  report.table(
    ["variant", "µs", "× baseline"],
    [
      ["v.parse + array push (baseline)", fixed(median(adds.baseline), 2), "1.00"],
      ["add, memory store", fixed(addMedian, 2), fixed(addMedian / median(adds.baseline), 2)],
      ["add, file store (writeSync)", fixed(median(adds.file), 2), fixed(median(adds.file) / median(adds.baseline), 2)],
    ],
  );
  report.line(`goal: add with the memory store ≤ ${ADD_GOAL_US} µs: ${addMedian <= ADD_GOAL_US ? "met" : `missed by ${fixed(addMedian - ADD_GOAL_US, 2)} µs`}`);

  const memory = { baseline: [] as number[], queue: [] as number[] };
  for (let round = 0; round < 3; round++) {
    for (const which of ["baseline", "queue"] as const) memory[which].push(probe<{ bytes: number }>("memory", which).bytes);
  }
  const [base, queued] = [median(memory.baseline), median(memory.queue)];
  report.line();
  report.line("Heap per 100,000 pending events (memory store, the queue their only holder; median of 3 processes)");
  report.table(
    ["holder", "MB", "bytes per event", "× baseline"],
    [
      ["the params in an array (baseline)", fixed(base / 1024 / 1024, 1), fixed(base / 100_000, 0), "1.00"],
      ["the usage queue", fixed(queued / 1024 / 1024, 1), fixed(queued / 100_000, 0), fixed(queued / base, 2)],
    ],
  );
}
