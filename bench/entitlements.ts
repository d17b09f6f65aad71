/**
 * The entitlement cache (`@useautumn/sdk/entitlements`, from dist/) against
 * `balancesCheck`, in the same run:
 * - per check: a warm `cachedCheck` (the customer's snapshot already held) and
 *   a `balancesCheck` to a sandbox on 127.0.0.1, in a forked child process so
 *   that its work is not on this event loop. Rounds alternate the two; a
 *   network check is timed one by one, cached checks in batches of 1,000
 *   (each far below a timer's resolution alone). Median and p95 µs per check,
 *   and the ratio of the medians (the goal: at least 100×);
 * - requests: what 10,000 sequential checks of a warm customer send (the
 *   goal: none), and what 1,000 concurrent first checks of a cold one send;
 * - memory: heap per cached customer, from 5,000 customers loaded through a
 *   `fetch` that answers the sandbox's own `customers.get` JSON (with the
 *   cache's expansions) for each, read after the calls' timers ran out and a
 *   full GC; with the snapshot's JSON size, which `maxBytes` counts.
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { AutumnCore as AutumnCoreClass } from "../src/core.js";
import type * as Entitlements from "../src/entitlements/index.js";
import type { balancesCheck as BalancesCheck } from "../src/funcs/balances-check.js";
import { fixed, median, quantile, type Report, ROOT, rootURL } from "./lib.js";

const ROUNDS = 40;
const NETWORK_PER_ROUND = 25;
const CACHED_BATCHES_PER_ROUND = 5;
const BATCH = 1_000;
const WARM_CHECKS = 10_000;
const CUSTOMERS = 5_000;
const GOAL_RATIO = 100;

async function loadBuilt() {
  const [{ AutumnCore }, { balancesCheck }, entitlements] = await Promise.all([
    import(rootURL("dist/core.js")) as Promise<{ AutumnCore: typeof AutumnCoreClass }>,
    import(rootURL("dist/funcs/balances-check.js")) as Promise<{ balancesCheck: typeof BalancesCheck }>,
    import(rootURL("dist/entitlements/index.js")) as Promise<typeof Entitlements>,
  ]);
  return { AutumnCore, balancesCheck, ...entitlements };
}

/** A sandbox in a child process, with one customer on the demo catalog's free plan; its customer JSON as the cache asks for it. */
async function startSandbox(): Promise<{ url: string; secretKey: string; customerJSON: string; stop(): void }> {
  const child = fork(`${ROOT}bench/entitlements-sandbox.mjs`, [], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const [message] = (await once(child, "message")) as [{ url: string; secretKey: string; customerJSON: string }];
  return { ...message, stop: () => child.kill() };
}

async function settledHeap(): Promise<number> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  // The calls' time budgets (2 s here) have run out, and what fetch left is finalised between GCs.
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  for (let round = 0; round < 5; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return process.memoryUsage().heapUsed;
}

export async function runEntitlements(report: Report): Promise<void> {
  const { AutumnCore, balancesCheck, cachedCheck, cacheStats, createEntitlementCache } = await loadBuilt();
  const sandbox = await startSandbox();
  try {
    let requests = 0;
    const core = new AutumnCore({
      secretKey: sandbox.secretKey,
      serverURL: sandbox.url,
      fetch: (input, init) => {
        requests++;
        return fetch(input, init);
      },
    });
    const cache = createEntitlementCache(core);
    const params = { customerId: "bench_user", featureId: "messages" };
    const warm = await cachedCheck(cache, params);
    if (!warm.ok || warm.value.source !== "cache") throw new Error(`the cache did not answer: ${JSON.stringify(warm.error)}`);

    const network: number[] = [];
    const cached: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < NETWORK_PER_ROUND; i++) {
        const started = performance.now();
        const answer = await balancesCheck(core, params);
        network.push((performance.now() - started) * 1000);
        if (!answer.ok) throw answer.error;
      }
      for (let batch = 0; batch < CACHED_BATCHES_PER_ROUND; batch++) {
        const started = performance.now();
        for (let i = 0; i < BATCH; i++) await cachedCheck(cache, params);
        cached.push(((performance.now() - started) * 1000) / BATCH);
      }
    }
    const ratio = median(network) / median(cached);
    report.line(`Per check, µs (${ROUNDS} rounds: ${NETWORK_PER_ROUND} network checks one by one, then ${CACHED_BATCHES_PER_ROUND} batches of ${BATCH} cached checks)`);
    report.table(
      ["check", "median µs", "p95 µs"],
      [
        ["balancesCheck to the sandbox (loopback, child process)", fixed(median(network)), fixed(quantile(network, 0.95))],
        ["cachedCheck, warm customer", fixed(median(cached), 2), fixed(quantile(cached, 0.95), 2)],
      ],
    );
    report.line(`balancesCheck ÷ cachedCheck (medians): ${fixed(ratio, 0)}× (goal ≥ ${GOAL_RATIO}×: ${ratio >= GOAL_RATIO ? "met" : "missed"})`);

    const before = requests;
    for (let i = 0; i < WARM_CHECKS; i++) await cachedCheck(cache, params);
    const warmRequests = requests - before;
    const cold = createEntitlementCache(core);
    const coldBefore = requests;
    await Promise.all(Array.from({ length: 1_000 }, () => cachedCheck(cold, params)));
    report.line();
    report.line(`Requests: ${warmRequests} for ${WARM_CHECKS.toLocaleString("en")} checks of a warm customer (goal 0); ${requests - coldBefore} for 1,000 concurrent first checks of a cold one`);

    // Memory: the sandbox's customer answer, for each of many ids, through a fetch that never leaves the process.
    const stub = new AutumnCore({
      secretKey: sandbox.secretKey,
      serverURL: sandbox.url,
      timeoutMs: 2_000,
      fetch: async () => new Response(sandbox.customerJSON, { status: 200, headers: { "content-type": "application/json" } }),
    });
    const many = createEntitlementCache(stub, { maxCustomers: CUSTOMERS });
    // The same customer under each id: the snapshot checks nothing of the id, only the answer's balances.
    const start = await settledHeap();
    for (let i = 0; i < CUSTOMERS; i += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, j) => cachedCheck(many, { customerId: `user_${i + j}`, featureId: "messages" })));
    }
    const grown = (await settledHeap()) - start;
    const stats = cacheStats(many);
    report.line();
    report.line(
      `Memory: ${stats.customers.toLocaleString("en")} customers held, heap ${fixed(grown / stats.customers / 1024, 2)} KB per customer ` +
        `(snapshot JSON ${fixed(stats.bytes / stats.customers, 0)} characters each, the measure maxBytes counts; heap ÷ JSON ${fixed(grown / stats.bytes, 1)})`,
    );
  } finally {
    sandbox.stop();
  }
}
