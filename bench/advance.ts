/**
 * What `sandbox.advanceClock` costs with many customers, now that it applies what fell due for every
 * customer at once (src/sandbox/due.ts) rather than when each is next read.
 *
 * Each case seeds 10,000 customers straight into a sandbox's state (no HTTP), then times one
 * `advanceClock`. Its baseline, in the same run, is the lazy way the same work used to be done: a second
 * sandbox seeded alike, its clock set to the same time, `settle` run once for every customer (what
 * reading each customer once cost). Cases:
 * - nothing due: an hour on, every customer on a monthly plan; advancing only glances at each;
 * - a reset each: 32 days on, every customer's monthly balance resets and its period rolls over;
 * - a plan change each: 32 days on, every customer's cancellation takes effect and its free plan comes
 *   back (two `billing.updated` webhooks each, recorded unsent), one at a time in due order.
 * The two run in turns, each first in every other sample, after one sample that warms the code up.
 * Median of the samples; the ratio is advance ÷ lazy settle.
 */
import { createCustomer } from "../src/sandbox/customers.js";
import { cancel, settle, start } from "../src/sandbox/plans.js";
import { startSandbox } from "../src/sandbox/server.js";
import { fixed, median, type Report } from "./lib.js";

const CUSTOMERS = 10_000;
const SAMPLES = 5;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CATALOG = {
  features: [{ featureId: "messages", name: "Messages", type: "metered", consumable: true }],
  plans: [
    { planId: "free", name: "Free", group: "main", autoEnable: true, items: [{ featureId: "messages", included: 5, reset: { interval: "month" } }] },
    { planId: "pro", name: "Pro", group: "main", price: { amount: 20, interval: "month" }, items: [{ featureId: "messages", included: 1000, reset: { interval: "month" } }] },
  ],
};

type Case = { name: string; ms: number; seed: (sandbox: Awaited<ReturnType<typeof startSandbox>>) => void };

const CASES: Case[] = [
  { name: "nothing due (an hour on)", ms: HOUR, seed: () => {} },
  { name: "a monthly reset each (32 days on)", ms: 32 * DAY, seed: () => {} },
  {
    name: "a cancellation each (32 days on)",
    ms: 32 * DAY,
    seed: (sandbox) => {
      for (const customer of sandbox.state.customers.values()) cancel(sandbox.state, customer, customer.subscriptions[0]!, "cancel_end_of_cycle");
    },
  },
];

async function seeded(seed: Case["seed"]): Promise<Awaited<ReturnType<typeof startSandbox>>> {
  const sandbox = await startSandbox({ catalog: CATALOG });
  const pro = sandbox.state.catalog.plans.get("pro")!;
  for (let n = 0; n < CUSTOMERS; n++) {
    const customer = createCustomer(sandbox.state, `customer_${n}`, {}, "sandbox");
    customer.has_payment_method = true;
    start(sandbox.state, customer, pro, { entityId: null, quantities: {} });
  }
  seed(sandbox);
  sandbox.webhooks.forget();
  return sandbox;
}

function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

export async function runAdvance(report: Report): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const { name, ms, seed } of CASES) {
    const advance: number[] = [];
    const lazy: number[] = [];
    let webhooks = 0;
    // Sample -1 warms the code up and is not counted.
    for (let sample = -1; sample < SAMPLES; sample++) {
      const [eager, reading] = [await seeded(seed), await seeded(seed)];
      const at = reading.now() + ms;
      reading.state.clock = () => at;
      const runs = [
        () => advance.push(timed(() => eager.advanceClock(ms))),
        () => lazy.push(timed(() => reading.state.customers.forEach((customer) => settle(reading.state, customer)))),
      ];
      // Which goes first alternates, so that what the seeding left for the collector weighs on both alike.
      for (const run of sample % 2 === 0 ? runs : runs.reverse()) run();
      if (sample < 0) [advance.length, lazy.length] = [0, 0];
      webhooks = eager.webhooks.deliveries.length;
      await Promise.all([eager.close(), reading.close()]);
    }
    rows.push([name, fixed(median(advance)), fixed(median(lazy)), fixed(median(advance) / median(lazy), 2), webhooks]);
  }
  report.line(`advanceClock with ${CUSTOMERS.toLocaleString("en")} customers against settling each once, lazily (median of ${SAMPLES}, fresh sandboxes each)`);
  report.table(["case", "advanceClock ms", "settle each ms (baseline)", "× baseline", "webhooks sent"], rows);
}
