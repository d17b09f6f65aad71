/**
 * Bundle size of realistic caller code, built from the BUILT package (dist)
 * the way an application bundles it: the entries import `@useautumn/sdk/...`
 * from a scratch app whose node_modules links to this repository.
 *
 * How to read it: "min" is the minified ESM bundle, "gzip" is that at zlib
 * level 9, "br" brotli at quality 11; KB = 1024 bytes. The goals are on the
 * esbuild gzip column. The composition tables split the minified bytes
 * (esbuild's `bytesInOutput`, before compression) per package and per input
 * file, which shows what to cut; they add up to a little less than "min"
 * because esbuild's own glue is not attributed to any file.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { rolldown } from "rolldown";
import { kb, type Report, ROOT, verdict } from "./lib.js";

/** One caller entry: what an application would write. */
export interface Entry {
  readonly name: string;
  readonly label: string;
  /** Gzip goal in bytes for the esbuild bundle, from the issues that set one (10: the call and the class; 12: the token page). */
  readonly goalGzip?: number;
  source(): string;
}

const KEY = `globalThis.AUTUMN_SECRET_KEY`;

/** Every operation route, read from src/funcs as the tree-shaking test does. */
export function operationRoutes(): Map<string, string> {
  const dir = join(ROOT, "src/funcs");
  const routes = new Map<string, string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".ts"))) {
    const route = /path: "([^"]+)"/.exec(readFileSync(join(dir, file), "utf8"))?.[1];
    if (route) routes.set(file.replace(/\.ts$/, ""), route);
  }
  return routes;
}

function funcModules(): string[] {
  return readdirSync(join(ROOT, "dist/funcs"))
    .filter((name) => name.endsWith(".js"))
    .map((name) => name.replace(/\.js$/, ""))
    .sort();
}

export const ENTRIES: readonly Entry[] = [
  {
    name: "baseline",
    label: "ky + valibot minimum (baseline)",
    source: () => `
import ky from "ky";
import * as v from "valibot";
const Customer = v.object({ id: v.string(), name: v.nullable(v.string()), email: v.nullable(v.string()) });
export default {
  async fetch() {
    const body = await ky.post("https://api.useautumn.com/v1/customers.get_or_create", {
      json: { customer_id: "user_123" },
      headers: { authorization: "Bearer " + ${KEY} },
    }).json();
    const parsed = v.safeParse(Customer, body);
    return parsed.success ? Response.json(parsed.output) : new Response("bad body", { status: 502 });
  },
};
`,
  },
  {
    name: "ky-only",
    label: "ky alone, one POST (baseline)",
    source: () => `
import ky from "ky";
export default {
  async fetch() {
    const body = await ky.post("https://api.useautumn.com/v1/customers.get_or_create", {
      json: { customer_id: "user_123" },
      headers: { authorization: "Bearer " + ${KEY} },
    }).json();
    return Response.json(body);
  },
};
`,
  },
  {
    name: "one-function",
    label: "AutumnCore + customersGetOrCreate",
    goalGzip: 10 * 1024,
    source: () => `
import { AutumnCore } from "@useautumn/sdk/core.js";
import { customersGetOrCreate } from "@useautumn/sdk/funcs/customers-get-or-create.js";
const autumn = new AutumnCore({ secretKey: ${KEY} });
export default {
  async fetch() {
    const res = await customersGetOrCreate(autumn, { customerId: "user_123", email: "jane@example.com" });
    return res.ok ? Response.json(res.value) : new Response(res.error.message, { status: 502 });
  },
};
`,
  },
  {
    name: "customers",
    label: "AutumnCore + five customers functions",
    goalGzip: 10.5 * 1024,
    source: () => `
import { AutumnCore } from "@useautumn/sdk/core.js";
import { customersGetOrCreate } from "@useautumn/sdk/funcs/customers-get-or-create.js";
import { customersGet } from "@useautumn/sdk/funcs/customers-get.js";
import { customersList } from "@useautumn/sdk/funcs/customers-list.js";
import { customersUpdate } from "@useautumn/sdk/funcs/customers-update.js";
import { customersDelete } from "@useautumn/sdk/funcs/customers-delete.js";
const autumn = new AutumnCore({ secretKey: ${KEY} });
export default {
  async fetch(request) {
    const customerId = new URL(request.url).searchParams.get("id") ?? "user_123";
    let res;
    switch (request.method) {
      case "PUT": res = await customersGetOrCreate(autumn, { customerId }); break;
      case "GET": res = customerId === "all" ? await customersList(autumn, { limit: 10 }) : await customersGet(autumn, { customerId }); break;
      case "PATCH": res = await customersUpdate(autumn, { customerId, name: "Jane" }); break;
      case "DELETE": res = await customersDelete(autumn, { customerId }); break;
      default: return new Response(null, { status: 405 });
    }
    return res.ok ? Response.json(res.value) : new Response(res.error.message, { status: 502 });
  },
};
`,
  },
  {
    name: "token-page",
    label: "CustomerCore + check + track (browser page)",
    goalGzip: 12 * 1024,
    source: () => `
import { CustomerCore } from "@useautumn/sdk/customer-core.js";
import { balancesCheck } from "@useautumn/sdk/funcs/balances-check.js";
import { balancesTrack } from "@useautumn/sdk/funcs/balances-track.js";
const autumn = new CustomerCore({ tokens: JSON.parse(localStorage.getItem("autumn-tokens")), fetchTokens: () => fetch("/api/autumn-tokens").then((r) => r.json()) });
const check = await balancesCheck(autumn, { featureId: "messages" });
if (check.ok && check.value.allowed) console.log(await balancesTrack(autumn, { featureId: "messages" }));
`,
  },
  {
    name: "webhooks",
    label: "webhooksVerify alone",
    source: () => `
import { webhooksVerify } from "@useautumn/sdk/webhooks";
export default {
  async fetch(request) {
    const event = await webhooksVerify(${KEY}, await request.text(), request.headers);
    return new Response(event.ok ? event.value.type : event.error.reason, { status: event.ok ? 200 : 400 });
  },
};
`,
  },
  {
    name: "class",
    label: "Autumn class + one call",
    goalGzip: 17 * 1024,
    source: () => `
import { Autumn } from "@useautumn/sdk";
const autumn = new Autumn({ secretKey: ${KEY} });
export default {
  async fetch() {
    return Response.json(await autumn.customers.getOrCreate({ customerId: "user_123" }));
  },
};
`,
  },
  {
    name: "everything",
    label: "everything (root, models, every function)",
    source: () => {
      const modules = funcModules();
      return [
        `import * as sdk from "@useautumn/sdk";`,
        `import * as models from "@useautumn/sdk/models/index.js";`,
        ...modules.map((module, index) => `import * as f${index} from "@useautumn/sdk/funcs/${module}.js";`),
        `export const everything = [sdk, models, ${modules.map((_, index) => `f${index}`).join(", ")}];`,
      ].join("\n");
    },
  },
];

/**
 * A scratch application directory whose node_modules links `@useautumn/sdk`
 * to this repository (so its `exports` and `sideEffects` apply as for an
 * installed package) and ky and valibot to the repository's copies.
 */
export function scratchApp(): { dir: string; write(name: string, source: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "autumn-sdk-bench-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "bench-app", private: true, type: "module" }));
  mkdirSync(join(dir, "node_modules/@useautumn"), { recursive: true });
  symlinkSync(ROOT, join(dir, "node_modules/@useautumn/sdk"), "dir");
  for (const dep of ["ky", "valibot"]) symlinkSync(join(ROOT, "node_modules", dep), join(dir, "node_modules", dep), "dir");
  return {
    dir,
    write(name, source) {
      const file = join(dir, `${name}.js`);
      writeFileSync(file, source);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** esbuild as an edge app would run it: bundle, minify, ESM, neutral platform. */
export async function bundleEsbuild(file: string): Promise<{ code: Uint8Array; metafile: Metafile }> {
  const result = await build({
    entryPoints: [file],
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    outfile: "out.js",
  });
  return { code: result.outputFiles[0]!.contents, metafile: result.metafile };
}

/** rolldown with its minifier, ESM, neutral platform. */
export async function bundleRolldown(file: string): Promise<Uint8Array> {
  const bundle = await rolldown({
    input: file,
    platform: "neutral",
    resolve: { mainFields: ["module", "main"] },
    logLevel: "silent",
  });
  try {
    const { output } = await bundle.generate({ format: "esm", minify: true });
    return new TextEncoder().encode(output[0].code);
  } finally {
    await bundle.close();
  }
}

export interface Sizes {
  min: number;
  gzip: number;
  brotli: number;
}

export function compressedSizes(code: Uint8Array): Sizes {
  return {
    min: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    brotli: brotliCompressSync(code, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: code.byteLength,
      },
    }).byteLength,
  };
}

/** The package an input file belongs to: a node_modules package, this SDK (dist/), or the caller's entry. */
export function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) return match[1]!;
  if (input.startsWith("dist/")) return "@useautumn/sdk";
  return "(entry)";
}

function composition(metafile: Metafile): { perPackage: Map<string, number>; perFile: [string, number][] } {
  const output = Object.values(metafile.outputs)[0]!;
  const perPackage = new Map<string, number>();
  const perFile: [string, number][] = [];
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = packageOf(input);
    perPackage.set(pkg, (perPackage.get(pkg) ?? 0) + bytesInOutput);
    perFile.push([pkg === "(entry)" ? "(entry)" : input.replace(/^node_modules\//, ""), bytesInOutput]);
  }
  perFile.sort((a, b) => b[1] - a[1]);
  return { perPackage, perFile };
}

const TOP_FILES = 10;

export async function runSizes(report: Report): Promise<void> {
  const app = scratchApp();
  const routes = operationRoutes();
  try {
    const rows: (string | number)[][] = [];
    const compositions: { entry: Entry; perPackage: Map<string, number>; perFile: [string, number][]; min: number }[] = [];
    const foreign: string[] = [];
    for (const entry of ENTRIES) {
      const file = app.write(entry.name, entry.source());
      const esbuilt = await bundleEsbuild(file);
      const es = compressedSizes(esbuilt.code);
      const rd = compressedSizes(await bundleRolldown(file));
      const goal = entry.goalGzip === undefined ? "" : `≤ ${kb(entry.goalGzip)}: ${verdict(es.gzip, entry.goalGzip, (b) => `${kb(b)} KB`)}`;
      rows.push([entry.label, "esbuild", kb(es.min), kb(es.gzip), kb(es.brotli), es.gzip, goal]);
      rows.push(["", "rolldown", kb(rd.min), kb(rd.gzip), kb(rd.brotli), rd.gzip, ""]);
      compositions.push({ entry, ...composition(esbuilt.metafile), min: es.min });
      if (entry.name === "one-function") {
        const code = new TextDecoder().decode(esbuilt.code);
        const own = routes.get("customers-get-or-create");
        foreign.push(...[...routes.values()].filter((route) => route !== own && code.includes(`"${route}"`)));
      }
    }
    report.line("Bundle size (minified ESM; KB = 1024 bytes; goals on esbuild gzip)");
    report.table(["entry", "bundler", "min KB", "gzip KB", "br KB", "gzip B", "goal (KB gzip)"], rows);
    report.line(`Other operations' routes in the one-function esbuild bundle: ${foreign.length ? foreign.join(", ") : "none"}`);
    report.line();

    const packages = ["@useautumn/sdk", "valibot", "ky", "(entry)"];
    report.line("Composition of the esbuild bundles: minified bytes per package (before compression)");
    report.table(
      ["entry", ...packages, "total min"],
      compositions.map(({ entry, perPackage, min }) => [entry.name, ...packages.map((pkg) => perPackage.get(pkg) ?? 0), min]),
    );
    for (const { entry, perFile } of compositions) {
      // The one-function bundle is the one being shrunk: list every SDK file in it.
      const shown = entry.name === "one-function" ? perFile.filter(([file], index) => index < TOP_FILES || file.startsWith("dist/")) : perFile.slice(0, TOP_FILES);
      report.line();
      report.line(`${entry.name}: ${entry.name === "one-function" ? `top ${TOP_FILES} and every SDK file` : `top ${TOP_FILES}`} of ${perFile.length} files by minified bytes`);
      report.table(["file", "bytes"], shown);
    }
  } finally {
    app.remove();
  }
}
