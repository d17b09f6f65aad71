import { build } from "esbuild";
import { gzipSync } from "node:zlib";
const contents = `import { AutumnCore } from "@useautumn/sdk/core.js"; import { createUsageQueue } from "@useautumn/sdk/usage-queue"; const q = createUsageQueue(new AutumnCore({ secretKey: "am_sk_test" })); console.log(q.add({ customerId: "u", featureId: "m" }), await q.flush());`;
const r = await build({ stdin: { contents, resolveDir: process.cwd() }, bundle: true, minify: true, format: "esm", platform: "neutral", mainFields: ["module", "main"], write: false, logLevel: "silent", metafile: true });
const code = r.outputFiles[0].text;
console.log(code.length, gzipSync(code, { level: 9 }).length);
const out = Object.values(r.metafile.outputs)[0];
const rows = Object.entries(out.inputs).map(([f, i]) => [f.replace(/.*node_modules\//, ""), i.bytesInOutput]).sort((a, b) => b[1] - a[1]);
for (const [f, b] of rows.slice(0, 40)) console.log(String(b).padStart(6), f);
