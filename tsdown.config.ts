import { defineConfig } from "tsdown";

/**
 * Marks every valibot call in the model modules as pure. esbuild only drops an
 * unused schema when each nested call is annotated: the valibot functions'
 * own `@__NO_SIDE_EFFECTS__` is not applied to arguments of a removed call, so
 * without this an app bundling one operation keeps every schema of each model
 * module it touches. Every call there builds a schema and has no side effect.
 */
const pureSchemas = {
  name: "autumn:pure-schemas",
  transform: {
    filter: { id: /[\\/]src[\\/]models[\\/].*\.ts$/ },
    handler(code: string) {
      return { code: code.replace(/(?<![\w.$])v\.(\w+)\(/g, "/* @__PURE__ */ v.$1("), map: null };
    },
  },
};

/**
 * Makes the CommonJS build take ky's default export from `require("ky")`.
 * ky is ESM-only; Node 20.19+ and 22.12+ `require` it as its module namespace,
 * flagged `__esModule`. Rolldown converts a default import in a `"type":
 * "module"` package with `__toESM(mod, 1)`, whose "node mode" ignores that
 * flag and makes the whole namespace the default, so `ky(...)` is not a
 * function in dist/*.cjs (rolldown/rolldown#10308; found by
 * `npm run test:runtimes`). Without the flag `__toESM` honours `__esModule`;
 * valibot's CommonJS build does not set it, so for valibot nothing changes.
 */
const cjsEsModuleInterop = {
  name: "autumn:cjs-esmodule-interop",
  renderChunk(code: string, _chunk: unknown, options: { format: string }) {
    if (options.format !== "cjs") return null;
    return { code: code.replace(/\b__toESM\((\w+), 1\)/g, "__toESM($1)"), map: null };
  },
};

// dist mirrors src (one module per source file) so that every bundler can
// drop what a caller does not import.
export default defineConfig({
  entry: ["src/**/*.ts"],
  format: ["esm", "cjs"],
  unbundle: true,
  dts: true,
  sourcemap: false,
  clean: true,
  target: "es2022",
  platform: "neutral",
  outDir: "dist",
  checks: { pluginTimings: false },
  // Only the Node-only sandbox (src/sandbox) imports Node built-ins.
  deps: { neverBundle: [/^node:/] },
  plugins: [pureSchemas, cjsEsModuleInterop],
});
