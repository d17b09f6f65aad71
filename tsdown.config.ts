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
  plugins: [pureSchemas],
});
