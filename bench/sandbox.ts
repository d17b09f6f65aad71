/**
 * What one sandbox costs the app that starts one per test file: time and memory,
 * each against a bare `node:http` server doing the same on 127.0.0.1:0 (listen,
 * answer one small JSON request, close), measured in the same run.
 *
 * Every figure comes from a fresh `node --expose-gc` process (bench/sandbox-probe.mjs)
 * that loads the built `@useautumn/sdk/sandbox` as an installed copy would:
 * - cold start: the first start → answered → closed cycle of a process (JIT cold,
 *   lazy state made), with the import before it shown apart; median of the samples.
 *   Compare the totals: Node loads parts of its HTTP server lazily, so the bare
 *   server pays in its first cycle what the sandbox pays in its import;
 * - warm start: the same cycle repeated in one process, sandbox and bare alternating;
 *   median and p95;
 * - memory: heap used and RSS added by N idle instances (each started and having
 *   answered one request), read after a full GC against a reading taken after one
 *   untimed instance had come and gone; median of the samples, and per instance.
 *   RSS moves in whole pages and with the allocator's mood: read it as a rough figure.
 * Ratios are sandbox ÷ bare.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fixed, median, quantile, type Report, ROOT } from "./lib.js";

const SAMPLES = 7;
const WARM_ROUNDS = 60;
const COUNTS = [1, 20] as const;
const KINDS = ["sandbox", "bare"] as const;
const KB = 1024;

type Kind = (typeof KINDS)[number];

function probe<T>(...args: (string | number)[]): T {
  const child = spawnSync(process.execPath, ["--expose-gc", join(ROOT, "bench/sandbox-probe.mjs"), ...args.map(String)], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  if (child.status !== 0) throw new Error(`sandbox probe ${args.join(" ")} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout) as T;
}

const ratio = (sandbox: number, bare: number) => fixed(sandbox / bare, 2);

export async function runSandbox(report: Report): Promise<void> {
  // Cold: fresh processes, the kinds alternating round by round.
  const cold: Record<Kind, { importMs: number; startMs: number }[]> = { sandbox: [], bare: [] };
  for (let round = 0; round < SAMPLES; round++) {
    for (const kind of round % 2 === 0 ? KINDS : [...KINDS].reverse()) cold[kind].push(probe("start", kind));
  }
  const warm = probe<Record<Kind, number[]>>("repeat", "both", WARM_ROUNDS);
  const memory = new Map<string, { heapBytes: number; rssBytes: number }[]>();
  for (let round = 0; round < SAMPLES; round++) {
    for (const count of COUNTS) {
      for (const kind of KINDS) {
        const key = `${kind}:${count}`;
        memory.set(key, [...(memory.get(key) ?? []), probe("memory", kind, count)]);
      }
    }
  }

  const coldOf = (kind: Kind, field: "importMs" | "startMs" | "totalMs") =>
    median(cold[kind].map((sample) => (field === "totalMs" ? sample.importMs + sample.startMs : sample[field])));
  report.line(`Sandbox start-up: start → one answered request → close (fresh node --expose-gc processes; cold median of ${SAMPLES}, warm ${WARM_ROUNDS} rounds in one process)`);
  report.table(
    ["case", "import ms", "cold cycle ms", "import + cold ms", "warm median ms", "warm p95 ms", "× bare (import + cold)", "× bare (warm median)"],
    KINDS.map((kind) => [
      kind === "sandbox" ? "startSandbox() (@useautumn/sdk/sandbox)" : "bare node:http server (baseline)",
      fixed(coldOf(kind, "importMs")),
      fixed(coldOf(kind, "startMs")),
      fixed(coldOf(kind, "totalMs")),
      fixed(median(warm[kind]), 2),
      fixed(quantile(warm[kind], 0.95), 2),
      ratio(coldOf(kind, "totalMs"), coldOf("bare", "totalMs")),
      ratio(median(warm[kind]), median(warm.bare)),
    ]),
  );
  report.line();
  report.line(`Idle instances in one process: heap used and RSS added, after a full GC (median of ${SAMPLES} processes; KB = 1024 bytes)`);
  const memoryOf = (kind: Kind, count: number, field: "heapBytes" | "rssBytes") => median(memory.get(`${kind}:${count}`)!.map((sample) => sample[field]));
  report.table(
    ["case", "instances", "heap KB", "heap KB each", "RSS KB", "RSS KB each", "× bare (heap each)"],
    COUNTS.flatMap((count) =>
      KINDS.map((kind) => [
        kind === "sandbox" ? "sandbox" : "bare node:http (baseline)",
        count,
        fixed(memoryOf(kind, count, "heapBytes") / KB),
        fixed(memoryOf(kind, count, "heapBytes") / count / KB),
        fixed(memoryOf(kind, count, "rssBytes") / KB, 0),
        fixed(memoryOf(kind, count, "rssBytes") / count / KB, 0),
        ratio(memoryOf(kind, count, "heapBytes"), memoryOf("bare", count, "heapBytes")),
      ]),
    ),
  );
  const extra = (memoryOf("sandbox", 20, "heapBytes") - memoryOf("bare", 20, "heapBytes")) / 20 / KB;
  report.line(`Sandbox − bare: ${fixed(coldOf("sandbox", "totalMs") - coldOf("bare", "totalMs"))} ms cold (import included), ${fixed(median(warm.sandbox) - median(warm.bare), 2)} ms warm, ${fixed(extra)} KB of heap per idle instance (from 20).`);
}
