import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    // test/typed-catalog/ holds apps' programs that register a catalog, which is global to a program:
    // test/typed-catalog.test.ts compiles each on its own.
    typecheck: { include: ["test/**/*.test-d.ts"], exclude: ["test/typed-catalog/**"], tsconfig: "tsconfig.test.json" },
    // Guards against a hang, not a measure of speed: a light test takes well under a second even on a
    // loaded 2-core machine, so this leaves room for a machine many times slower than that. Tests whose
    // work grows with a count (calls, property runs) or that spawn processes set their own timeout.
    testTimeout: 60_000,
    // beforeAll hooks start sandboxes and import every function module, which a loaded machine slows down.
    hookTimeout: 60_000,
    pool: "forks",
  },
});
