import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CHILD_TIMEOUT_MS, SPAWNING_TEST } from "./helpers.js";

/**
 * The README's vitest examples for `@useautumn/sdk/sandbox` are not only
 * type-checked (test/readme.test.ts) but run, as a user would run them: each
 * copied into a file of its own and handed to vitest in a child process,
 * against the built package.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
// Inside the package directory, so that `@useautumn/sdk` resolves to this package.
const dir = `${root}node_modules/.cache/readme-sandbox/`;

/** The section's vitest files: its TypeScript blocks that import vitest; and those of the usage queue's guide. */
function examples(): string[] {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const start = readme.indexOf("## Testing your app against an in-memory Autumn");
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1)) + readFileSync(`${root}docs/usage-queue.md`, "utf8");
  const blocks = [...section.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
  return blocks.filter((block) => block.includes('from "vitest"') && block.includes('from "@useautumn/sdk/sandbox"'));
}

describe("the README's sandbox examples", () => {
  it("pass when run with vitest against the built package", SPAWNING_TEST, async () => {
    const files = examples();
    expect(files.length).toBeGreaterThanOrEqual(3);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    files.forEach((code, index) => writeFileSync(`${dir}example-${index + 1}.test.ts`, code));
    writeFileSync(`${dir}vitest.config.mjs`, "export default {};\n");
    const { stdout } = await promisify(execFile)(process.execPath, [`${root}node_modules/vitest/vitest.mjs`, "run", "--root", "."], {
      cwd: dir,
      timeout: CHILD_TIMEOUT_MS,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    expect(stdout).toMatch(new RegExp(`Test Files\\s+${files.length} passed \\(${files.length}\\)`));
    expect(stdout).toMatch(/Tests\s+(\d+) passed \(\1\)/);
  });
});
