import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CHILD_TIMEOUT_MS, SPAWNING_TEST } from "./helpers.js";

/**
 * The README's vitest example for `@useautumn/sdk/sandbox` is not only
 * type-checked (test/readme.test.ts) but run, as a user would run it: copied
 * into a file of its own and handed to vitest in a child process, against the
 * built package.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
// Inside the package directory, so that `@useautumn/sdk` resolves to this package.
const dir = `${root}node_modules/.cache/readme-sandbox/`;

function example(): string {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## Testing your app against an in-memory Autumn"));
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (!block?.includes('from "@useautumn/sdk/sandbox"')) throw new Error("the section's first block is not the sandbox example");
  return block;
}

describe("the README's sandbox example", () => {
  it("passes when run with vitest against the built package", SPAWNING_TEST, async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}billing.test.ts`, example());
    writeFileSync(`${dir}vitest.config.mjs`, "export default {};\n");
    const { stdout } = await promisify(execFile)(process.execPath, [`${root}node_modules/vitest/vitest.mjs`, "run", "--root", "."], {
      cwd: dir,
      timeout: CHILD_TIMEOUT_MS,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    expect(stdout).toMatch(/Tests\s+2 passed \(2\)/);
  });
});
