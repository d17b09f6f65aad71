/**
 * Import cost in Node: each sample is a fresh `node --expose-gc` process
 * (bench/import-probe.mjs) that imports one case from the built package,
 * resolved through the package's `exports` as an application would.
 *
 * How to read it: "import ms" is the time of the `import()` calls (plus the
 * first touch of `fetch`) inside the process, so Node's own start-up is not
 * in it; "heap MB" is `heapUsed` after a full GC minus before, i.e. what the
 * imported code keeps alive. Both are medians over the samples. "over
 * baseline" subtracts the baseline process, which imports only ky and valibot
 * and touches `fetch`: that is the SDK's own cost, and the goals apply to it.
 * Cases run round-robin so that a noisy moment hits every case alike.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fixed, median, type Report, ROOT, verdict } from "./lib.js";

const SAMPLES = 7;
const MB = 1024 * 1024;

interface ImportCase {
  name: string;
  label: string;
  specifiers(): string[];
}

const CASES: readonly ImportCase[] = [
  { name: "fetch", label: "node, touch fetch only", specifiers: () => [] },
  { name: "baseline", label: "ky + valibot (baseline)", specifiers: () => ["ky", "valibot"] },
  {
    name: "one-function",
    label: "AutumnCore + customersGetOrCreate",
    specifiers: () => ["@useautumn/sdk/core.js", "@useautumn/sdk/funcs/customers-get-or-create.js"],
  },
  { name: "class", label: "@useautumn/sdk (Autumn class)", specifiers: () => ["@useautumn/sdk"] },
  {
    name: "everything",
    label: "whole SDK: root, models, every function",
    specifiers: () => [
      "@useautumn/sdk",
      "@useautumn/sdk/models/index.js",
      ...readdirSync(join(ROOT, "dist/funcs"))
        .filter((file) => file.endsWith(".js"))
        .map((file) => `@useautumn/sdk/funcs/${file}`),
    ],
  },
];

/** Goals of issue 4 for the whole SDK, over the baseline. */
const GOAL_MS = 100;
const GOAL_HEAP = 4 * MB;

interface Sample {
  ms: number;
  heapBytes: number;
  processMs: number;
}

function sample(specifiers: string[]): Sample {
  const started = performance.now();
  // The probe lives inside the package, so `@useautumn/sdk/...` resolves
  // through the package's own `exports` (self-reference), as for an installed copy.
  const child = spawnSync(process.execPath, ["--expose-gc", join(ROOT, "bench/import-probe.mjs"), JSON.stringify(specifiers)], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  const processMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`import probe failed for ${specifiers.join(", ")}:\n${child.stderr}`);
  return { ...(JSON.parse(child.stdout) as { ms: number; heapBytes: number }), processMs };
}

export async function runImportCost(report: Report): Promise<void> {
  const samples = new Map<string, Sample[]>(CASES.map((c) => [c.name, []]));
  const specifiers = new Map(CASES.map((c) => [c.name, c.specifiers()]));
  // One untimed process first: it warms the OS file cache for every case alike.
  sample(specifiers.get("everything")!);
  for (let round = 0; round < SAMPLES; round++) {
    for (const c of CASES) samples.get(c.name)!.push(sample(specifiers.get(c.name)!));
  }
  const summary = new Map(
    CASES.map((c) => {
      const list = samples.get(c.name)!;
      return [
        c.name,
        {
          ms: median(list.map((s) => s.ms)),
          heap: median(list.map((s) => s.heapBytes)),
          processMs: median(list.map((s) => s.processMs)),
        },
      ];
    }),
  );
  const base = summary.get("baseline")!;
  report.line(`Import cost in Node (fresh process per sample, median of ${SAMPLES}; MB = 1024² bytes)`);
  report.table(
    ["case", "import ms", "heap MB", "+ms over base", "+MB over base", "process ms", "goal (≤ +100 ms, ≤ +4 MB)"],
    CASES.map((c) => {
      const s = summary.get(c.name)!;
      const overMs = s.ms - base.ms;
      const overHeap = s.heap - base.heap;
      const goal =
        c.name === "everything" || c.name === "class"
          ? `${verdict(overMs, GOAL_MS, (ms) => `${fixed(ms)} ms`)}; ${verdict(overHeap, GOAL_HEAP, (b) => `${fixed(b / MB, 2)} MB`)}`
          : "";
      return [
        c.label,
        fixed(s.ms),
        fixed(s.heap / MB, 2),
        c.name === "baseline" || c.name === "fetch" ? "" : fixed(overMs),
        c.name === "baseline" || c.name === "fetch" ? "" : fixed(overHeap / MB, 2),
        fixed(s.processMs, 0),
        goal,
      ];
    }),
  );
}
