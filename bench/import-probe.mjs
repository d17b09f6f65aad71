// Runs in a fresh `node --expose-gc` process started by bench/import-cost.ts.
// Imports the module specifiers given as a JSON array in argv[2], then touches
// `globalThis.fetch` (Node loads its fetch lazily on first access, so every
// case pays that once and the deltas over the baseline are the SDK's own), and
// prints the import time and the heap still in use after a full GC.
const specifiers = JSON.parse(process.argv[2] ?? "[]");

globalThis.gc();
globalThis.gc();
const heapBefore = process.memoryUsage().heapUsed;
const start = performance.now();
const modules = await Promise.all(specifiers.map((specifier) => import(specifier)));
const fetchType = typeof globalThis.fetch;
const ms = performance.now() - start;
globalThis.gc();
globalThis.gc();
const heapBytes = process.memoryUsage().heapUsed - heapBefore;

if (fetchType !== "function" || modules.some((module) => Object.keys(module).length === 0)) {
  throw new Error("an import came back empty or fetch is missing");
}
process.stdout.write(JSON.stringify({ ms, heapBytes }));
