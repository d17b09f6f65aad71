import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "tsconfig.test.json" },
    testTimeout: 20_000,
    pool: "forks",
  },
});
