import { execFile } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AutumnCore } from "../src/core.js";
import { featuresCreate } from "../src/funcs/features-create.js";
import { type Sandbox, startSandbox } from "../src/sandbox/index.js";
import { compileApp, expectOnlyMarkedLinesFail } from "./compile-app.js";
import { CHILD_TIMEOUT_MS, SPAWNING_TEST } from "./helpers.js";

/**
 * `autumn-types` as its users run it: the built `dist/typegen/cli.js` as a
 * child process (needs `npm run build` first, which `npm test` does) against
 * a sandbox, with the key and the server in the environment.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "dist/typegen/cli.js");

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  sandbox = await startSandbox();
  // Inside the package, so that the written file's `@useautumn/sdk` resolves to this package's dist/.
  mkdirSync(join(root, "node_modules/.cache"), { recursive: true });
  dir = mkdtempSync(join(root, "node_modules/.cache/typegen-cli-"));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

// The child gets none of the settings of the shell running the tests.
const { AUTUMN_SECRET_KEY: _key, AUTUMN_SERVER_URL: _url, ...baseEnv } = process.env;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command in `cwd` (default: the test's folder) with the sandbox's key and URL unless `env` says otherwise. */
function run(args: string[], { env = {}, cwd = dir }: { env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<Run> {
  const environment: Record<string, string | undefined> = { ...baseEnv, AUTUMN_SERVER_URL: sandbox.url, AUTUMN_SECRET_KEY: sandbox.secretKey, ...env };
  for (const [name, value] of Object.entries(environment)) if (value === undefined) delete environment[name];
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [cli, ...args], { cwd, env: environment, timeout: CHILD_TIMEOUT_MS }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

/** An app in `app` that checks a feature and attaches `plan`, each once more misspelt (`@ts-expect-error` marks them). */
function writeGate(app: string, plan: string, misspelt: string): void {
  writeFileSync(
    join(app, "app.ts"),
    `import type { Autumn } from "@useautumn/sdk";
declare const autumn: Autumn;
export async function gate() {
  await autumn.balances.check({ customerId: "user_123", featureId: "messages" });
  // @ts-expect-error feature
  await autumn.balances.check({ customerId: "user_123", featureId: "mesages" });
  await autumn.billing.attach({ customerId: "user_123", planId: "${plan}" });
  // @ts-expect-error plan
  await autumn.billing.attach({ customerId: "user_123", planId: "${misspelt}" });
}
`,
  );
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line !== "");
}

describe("autumn-types against the live catalog", () => {
  it("writes the file, --check passes, and fails once a feature is created, naming it", SPAWNING_TEST, async () => {
    const written = await run([]);
    expect(written).toEqual({ code: 0, stdout: "Wrote autumn-catalog.d.ts: 3 features, 4 plans.\n", stderr: "" });
    const text = readFileSync(join(dir, "autumn-catalog.d.ts"), "utf8");
    for (const id of ["messages", "seats", "ai_credits", "free", "pro", "seat", "team"]) expect(text).toContain(`{ id: "${id}" }`);

    expect(await run(["--check"])).toEqual({ code: 0, stdout: "autumn-catalog.d.ts is up to date: 3 features, 4 plans.\n", stderr: "" });
    // Archived plans are asked for too: customers may still be on one.
    expect(sandbox.requests.filter((request) => request.path === "plans.list").map((request) => request.body)).toContainEqual({ include_archived: true });

    const created = await featuresCreate(new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url }), { featureId: "images", name: "Images", type: "metered", consumable: true });
    expect(created.ok).toBe(true);
    const stale = await run(["--check"]);
    expect(stale.code).toBe(1);
    expect(lines(stale.stderr)).toEqual(["autumn-types: autumn-catalog.d.ts is out of date: feature images added; run autumn-types to rewrite it"]);
    expect(stale.stdout).toBe("");
    // --check writes nothing.
    expect(readFileSync(join(dir, "autumn-catalog.d.ts"), "utf8")).toBe(text);

    expect((await run([])).stdout).toBe("Wrote autumn-catalog.d.ts: 4 features, 4 plans.\n");
    expect((await run(["--check"])).code).toBe(0);
    expect((await run([])).stdout).toBe("Kept autumn-catalog.d.ts: 4 features, 4 plans.\n");
  });

  it("writes a file that registers the catalog: an app's misspelt ids no longer compile", SPAWNING_TEST, async () => {
    const app = mkdtempSync(join(dir, "app-"));
    expect((await run(["--out", "catalog.d.ts"], { cwd: app })).code).toBe(0);
    writeGate(app, "team", "teams");
    expectOnlyMarkedLinesFail(compileApp(app), { feature: ['"messages"', '"seats"', '"ai_credits"'], plan: ['"free"', '"pro"', '"seat"', '"team"'] }, app);
  });

  it("with --check, fails when the file does not exist", SPAWNING_TEST, async () => {
    const result = await run(["--check", "--out", "missing.d.ts"]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual(["autumn-types: missing.d.ts does not exist; run autumn-types to rewrite it"]);
    expect(existsSync(join(dir, "missing.d.ts"))).toBe(false);
  });
});

describe("autumn-types --config: the ids of a catalog file, with no key and no API", () => {
  const fixture = (name: string) => readFileSync(join(root, "test/typed-catalog/from-cli-helpers", name), "utf8");

  it("an autumn.config.ts as Autumn's CLI writes it, read under a TypeScript loader: misspelt ids no longer compile", SPAWNING_TEST, async () => {
    const app = mkdtempSync(join(dir, "config-"));
    writeFileSync(join(app, "autumn.config.ts"), fixture("autumn.config.ts"));
    writeFileSync(join(app, "atmn.ts"), fixture("atmn.ts"));
    const offline = { AUTUMN_SECRET_KEY: undefined, AUTUMN_SERVER_URL: undefined, NODE_OPTIONS: "--import tsx" };
    const written = await run(["--config", "autumn.config.ts", "--out", "catalog.d.ts"], { cwd: app, env: offline });
    expect(written).toEqual({ code: 0, stdout: "Wrote catalog.d.ts: 1 feature, 1 plan.\n", stderr: "" });
    expect(await run(["--config", "autumn.config.ts", "--out", "catalog.d.ts", "--check"], { cwd: app, env: offline })).toMatchObject({ code: 0 });
    writeGate(app, "pro", "prp");
    rmSync(join(app, "autumn.config.ts"));
    rmSync(join(app, "atmn.ts"));
    expectOnlyMarkedLinesFail(compileApp(app), { feature: ['"messages"'], plan: ['"pro"'] }, app);
  });

  it("a catalog module of { features, plans }, as autumn-sandbox takes it; --check fails once the file changes", SPAWNING_TEST, async () => {
    const app = mkdtempSync(join(dir, "data-"));
    const catalog = (plans: string[]) =>
      `export default { features: [{ id: "messages", name: "Messages", type: "metered", consumable: true }], plans: ${JSON.stringify(plans.map((id) => ({ id, name: id, items: [] })))} };\n`;
    writeFileSync(join(app, "catalog.mjs"), catalog(["free", "pro"]));
    const offline = { AUTUMN_SECRET_KEY: undefined };
    expect(await run(["--config", "catalog.mjs"], { cwd: app, env: offline })).toEqual({ code: 0, stdout: "Wrote autumn-catalog.d.ts: 1 feature, 2 plans.\n", stderr: "" });
    writeFileSync(join(app, "catalog.mjs"), catalog(["free", "pro", "team"]));
    const stale = await run(["--config", "catalog.mjs", "--check"], { cwd: app, env: offline });
    expect(stale.code).toBe(1);
    expect(lines(stale.stderr)).toEqual(["autumn-types: autumn-catalog.d.ts is out of date: plan team added; run autumn-types to rewrite it"]);
  });

  it("a file it cannot read, a TypeScript file without a loader, an entry the catalog refuses: one line, exit 1", SPAWNING_TEST, async () => {
    const app = mkdtempSync(join(dir, "bad-"));
    writeFileSync(join(app, "autumn.config.ts"), fixture("autumn.config.ts"));
    writeFileSync(join(app, "refused.mjs"), `export default { features: [{ id: "messages", name: "Messages", type: "metred" }], plans: [] };\n`);
    const missing = await run(["--config", "nowhere.json"], { cwd: app });
    expect([missing.code, lines(missing.stderr)]).toEqual([1, [expect.stringMatching(/^autumn-types: catalog file .*nowhere\.json does not exist$/)]]);
    const typescript = await run(["--config", "autumn.config.ts"], { cwd: app });
    expect(typescript.code).toBe(1);
    expect(lines(typescript.stderr)).toEqual([expect.stringMatching(/^autumn-types: autumn\.config\.ts is TypeScript.*NODE_OPTIONS="--import tsx" npx autumn-types/)]);
    const refused = await run(["--config", "refused.mjs"], { cwd: app });
    expect(refused.code).toBe(1);
    expect(lines(refused.stderr)).toEqual([expect.stringMatching(/^autumn-types: .*features\[0\] "messages"/)]);
    expect(existsSync(join(app, "autumn-catalog.d.ts"))).toBe(false);
  });

  it("--config with --server-url is a bad option (exit 2)", SPAWNING_TEST, async () => {
    const result = await run(["--config", "catalog.mjs", "--server-url", "https://api.useautumn.com"]);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)[0]).toBe("autumn-types: --config and --server-url: give one; a catalog file is read without the API");
  });
});

describe("autumn-types when the catalog cannot be read: one line naming the cause, exit 1, the key never shown", () => {
  const KEY = "am_sk_test_refused-by-the-sandbox";

  it("a key the API refuses", SPAWNING_TEST, async () => {
    const result = await run([], { env: { AUTUMN_SECRET_KEY: KEY } });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([`autumn-types: ${sandbox.url} refused the secret key in AUTUMN_SECRET_KEY (401 invalid_secret_key)`]);
    expect(result.stdout + result.stderr).not.toContain("refused-by-the-sandbox");
  });

  it("no key, or a value that is not an Autumn key", SPAWNING_TEST, async () => {
    const missing = await run([], { env: { AUTUMN_SECRET_KEY: undefined } });
    expect(missing.code).toBe(1);
    expect(lines(missing.stderr)).toEqual(["autumn-types: no secret key: set AUTUMN_SECRET_KEY"]);
    const wrong = await run([], { env: { AUTUMN_SECRET_KEY: "sk_live_not_autumns" } });
    expect(wrong.code).toBe(1);
    expect(lines(wrong.stderr)).toEqual(["autumn-types: AUTUMN_SECRET_KEY does not hold an Autumn secret key (am_sk_…)"]);
    expect(wrong.stderr).not.toContain("not_autumns");
  });

  it("an API out of reach", SPAWNING_TEST, async () => {
    // A port that was just free: nothing listens on it.
    const server = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const result = await run(["--server-url", `http://127.0.0.1:${port}`]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`^autumn-types: Could not reach http://127\\.0\\.0\\.1:${port}`));
    expect(result.stdout + result.stderr).not.toContain(sandbox.secretKey);
  });
});

describe("autumn-types with a bad option: exit 2, the option named", () => {
  it.each([
    [["--ot", "x.d.ts"], "autumn-types: Unknown option '--ot'"],
    [["--out"], "autumn-types: Option '--out <value>' argument missing"],
    [["--out", "catalog.ts"], 'autumn-types: --out: "catalog.ts" is not a .d.ts file'],
    [["--server-url", "api.useautumn.com"], 'autumn-types: --server-url: "api.useautumn.com" is not an http:// or https:// URL'],
    [["stray"], "autumn-types: Unexpected argument 'stray'"],
  ])("%j", SPAWNING_TEST, async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)[0]).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    expect(result.stderr).toContain("Usage: autumn-types");
  });

  it("a malformed AUTUMN_SERVER_URL", SPAWNING_TEST, async () => {
    const result = await run([], { env: { AUTUMN_SERVER_URL: "api.useautumn.com" } });
    expect(result.code).toBe(2);
    expect(lines(result.stderr)[0]).toBe("autumn-types: AUTUMN_SERVER_URL must be an absolute http(s) URL");
  });

  it("--help prints the usage and exits 0", SPAWNING_TEST, async () => {
    const result = await run(["--help"], { env: { AUTUMN_SECRET_KEY: undefined } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: autumn-types [options]");
  });
});
