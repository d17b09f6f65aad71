import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CHILD_TIMEOUT_MS, SPAWNING_TEST } from "./helpers.js";
import { documents, readDocument, root, typeScriptBlocks } from "./markdown.js";

/**
 * The docs' vitest examples for `@useautumn/sdk/sandbox` are not only
 * type-checked (test/readme.test.ts) but run, as a user would run them: each
 * copied into a file of its own and handed to vitest in a child process,
 * against the built package. They live in docs/testing-with-the-sandbox.md;
 * one in any other guide, or in the README, is run too.
 */
// Inside the package directory, so that `@useautumn/sdk` resolves to this package.
const dir = `${root}node_modules/.cache/readme-sandbox/`;

/** The vitest files of the docs: their TypeScript blocks that import vitest and the sandbox, named by document and line. */
function examples(): { document: string; file: string; code: string }[] {
  return documents().flatMap((document) =>
    typeScriptBlocks(readDocument(document))
      .filter(({ code }) => code.includes('from "vitest"') && code.includes('from "@useautumn/sdk/sandbox"'))
      .map(({ line, code }) => ({ document, file: `${document.replaceAll("/", "--")}-line-${line}.test.ts`, code })),
  );
}

describe("the docs' sandbox examples", () => {
  it("pass when run with vitest against the built package", SPAWNING_TEST, async () => {
    const files = examples();
    expect(files.filter((example) => example.document === "docs/testing-with-the-sandbox.md").length).toBeGreaterThanOrEqual(2);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const { file, code } of files) writeFileSync(`${dir}${file}`, code);
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
