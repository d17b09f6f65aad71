import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";
import { CHILD_TIMEOUT_MS, SPAWNING_TEST } from "./helpers.js";

/**
 * Every TypeScript snippet of the documents the SDK was specified from, run as
 * written against the local sandbox (AUTUMN_SERVER_URL points the default
 * client there). The copies in test/seeds are checked against the documents
 * when they are present next to the repository. Two mappings, both stated in
 * the snippet files: `autumn-js` (Autumn's docs name their older package)
 * resolves to this package through tsconfig.test.json, and fragments get the
 * line or two that their page defines elsewhere, above `// --- seed ---`.
 */
const dir = new URL("./seeds/", import.meta.url);
const seedDocs = new URL("../../shared/seeds/", import.meta.url);
const snippets = readdirSync(dir).filter((name) => name.endsWith(".ts")).sort();
const run = promisify(execFile);
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

function seedPart(source: string): string {
  const marker = source.indexOf("// --- seed ---\n");
  return marker === -1 ? source : source.slice(marker + "// --- seed ---\n".length);
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

describe.skipIf(!existsSync(seedDocs))("the committed snippets", () => {
  it("are the documents' snippets, unchanged", () => {
    const documents = squash(readdirSync(seedDocs).map((name) => readFileSync(new URL(name, seedDocs), "utf8")).join("\n"));
    for (const name of snippets) expect(documents, name).toContain(squash(seedPart(readFileSync(new URL(name, dir), "utf8"))));
  });
});

describe("seed snippets run against the sandbox", () => {
  // Each snippet is a tsx process: its time limit is a process's, not a unit test's.
  it.each(snippets)("%s runs to completion", SPAWNING_TEST, async (name) => {
    sandbox.state.customers.clear();
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "--no-warnings", new URL(name, dir).pathname], {
      env: { ...process.env, AUTUMN_SECRET_KEY: "am_sk_test_seeds", AUTUMN_SERVER_URL: sandbox.url, TSX_TSCONFIG_PATH: "tsconfig.test.json" },
      timeout: CHILD_TIMEOUT_MS,
    });
    expect(stderr).toBe("");
    expect(stdout).not.toContain("failed");
    const source = readFileSync(new URL(name, dir), "utf8");
    const customerId = source.includes("user_123") ? "user_123" : "cus_123";
    const stored = sandbox.state.customers.get(customerId);
    expect(stored?.id).toBe(customerId);
    if (source.includes("john@example.com")) expect(stored?.email).toBe("john@example.com");
    if (source.includes("cus_abc123")) expect(stored?.stripe_id).toBe("cus_abc123");
    if (stdout) expect(stdout).toContain(`id: '${customerId}'`);
  });
});
