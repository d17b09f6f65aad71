/**
 * Response validation: the cost of the SDK's response schema on realistic
 * bodies, next to `JSON.parse` of the same text. The schema is the one the
 * operation hands to the pipeline, called the way the pipeline calls it
 * (`v.safeParse(operation.response, json)` in src/lib/request.ts), from dist/.
 *
 * Bodies: one customer (test/fixtures/customer.json, as customers.get_or_create
 * returns it); a plan-heavy plans.list (test/fixtures/plan.json × 20 with
 * distinct ids); a billing.preview_attach (test/fixtures/billing-preview-attach.json).
 *
 * How to read it: µs per parse, the median over 21 batches of many parses
 * each (batches sized to about 10 ms, after 150 ms of warm-up; the three
 * measurements of a body take turns batch by batch). "schema" is `v.safeParse` on
 * the already-parsed object, i.e. validation alone; "JSON.parse + schema" is
 * what the pipeline does per response. The goal (≤ 5 µs) is on the customer's
 * schema column.
 */
import * as v from "valibot";
import type { AttachPreviewSchema as AttachPreviewSchemaValue } from "../src/models/billing-preview.js";
import type { CustomerSchema as CustomerSchemaValue } from "../src/models/customer.js";
import type { PlanListSchema as PlanListSchemaValue } from "../src/models/operations/plans-list.js";
import { fixed, fixtureText, median, type Report, rootURL, verdict } from "./lib.js";

const BATCHES = 21;
const BATCH_MS = 10;
const WARMUP_MS = 150;
const PLANS = 20;
const GOAL_CUSTOMER_US = 5;

interface Body {
  label: string;
  text: string;
  schema: v.GenericSchema;
  goalUs?: number;
}

async function bodies(): Promise<Body[]> {
  const [{ CustomerSchema }, { PlanListSchema }, { AttachPreviewSchema }] = await Promise.all([
    import(rootURL("dist/models/customer.js")) as Promise<{ CustomerSchema: typeof CustomerSchemaValue }>,
    import(rootURL("dist/models/operations/plans-list.js")) as Promise<{ PlanListSchema: typeof PlanListSchemaValue }>,
    import(rootURL("dist/models/billing-preview.js")) as Promise<{ AttachPreviewSchema: typeof AttachPreviewSchemaValue }>,
  ]);
  const plan = JSON.parse(fixtureText("plan")) as Record<string, unknown>;
  const plans = Array.from({ length: PLANS }, (_, index) => ({ ...plan, id: `plan_${index}`, name: `Plan ${index}` }));
  return [
    { label: "customer", text: fixtureText("customer"), schema: CustomerSchema, goalUs: GOAL_CUSTOMER_US },
    { label: `plans.list, ${PLANS} plans`, text: JSON.stringify({ list: plans }), schema: PlanListSchema },
    { label: "billing.preview_attach", text: fixtureText("billing-preview-attach"), schema: AttachPreviewSchema },
  ];
}

let sink: unknown;

/**
 * µs per call of each function: batches sized to about BATCH_MS, run
 * round-robin (one batch of each function per round) so that interference
 * from other processes hits all of them alike; the median over rounds.
 */
function microsPerCall(fns: readonly (() => unknown)[]): number[] {
  const iterations = fns.map((fn) => {
    let count = 1;
    // Size the batch: double until one batch takes BATCH_MS.
    for (;;) {
      const started = performance.now();
      for (let i = 0; i < count; i++) sink = fn();
      if (performance.now() - started >= BATCH_MS) return count;
      count *= 2;
    }
  });
  // Warm up for WARMUP_MS each, so the optimising compiler has settled before timing.
  fns.forEach((fn, index) => {
    const warmUntil = performance.now() + WARMUP_MS;
    while (performance.now() < warmUntil) for (let i = 0; i < iterations[index]!; i++) sink = fn();
  });
  const perCall = fns.map(() => [] as number[]);
  for (let round = 0; round < BATCHES; round++) {
    fns.forEach((fn, index) => {
      const count = iterations[index]!;
      const started = performance.now();
      for (let i = 0; i < count; i++) sink = fn();
      perCall[index]!.push(((performance.now() - started) * 1000) / count);
    });
  }
  return perCall.map(median);
}

export async function runParse(report: Report): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const body of await bodies()) {
    const json: unknown = JSON.parse(body.text);
    const check = v.safeParse(body.schema, json);
    if (!check.success) throw new Error(`${body.label}: the fixture fails the SDK's schema: ${JSON.stringify(check.issues[0]?.message)}`);
    const [jsonParse, schema, both] = microsPerCall([
      () => JSON.parse(body.text),
      () => v.safeParse(body.schema, json),
      () => v.safeParse(body.schema, JSON.parse(body.text)),
    ]) as [number, number, number];
    rows.push([
      body.label,
      body.text.length,
      fixed(jsonParse, 2),
      fixed(schema, 2),
      fixed(both, 2),
      fixed(schema / jsonParse, 1),
      body.goalUs === undefined ? "" : `≤ ${body.goalUs}: ${verdict(schema, body.goalUs, (us) => `${fixed(us, 2)} µs`)}`,
    ]);
  }
  report.line(`Response validation, µs per parse (median of ${BATCHES} batches of ~${BATCH_MS} ms)`);
  report.table(["body", "bytes", "JSON.parse", "schema", "JSON.parse + schema", "schema ÷ JSON.parse", "goal (schema µs)"], rows);
  void sink;
}
