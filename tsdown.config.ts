import { defineConfig } from "tsdown";

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
});
