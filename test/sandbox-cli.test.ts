import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AutumnCore } from "../src/core.js";
import { billingAttach } from "../src/funcs/billing-attach.js";
import { customersGet } from "../src/funcs/customers-get.js";
import { customersGetOrCreate } from "../src/funcs/customers-get-or-create.js";
import { plansList } from "../src/funcs/plans-list.js";
import { CliUsageError, parseCliArgs } from "../src/sandbox/cli-args.js";
import { realPause } from "./clock.js";
import { CHILD_TIMEOUT_MS, SPAWNING_TEST } from "./helpers.js";

/**
 * `autumn-sandbox` as its users run it: the built `dist/sandbox/cli.js` as a
 * child process (needs `npm run build` first, which `npm test` does), talked
 * to with the SDK. Nothing here measures time: each step waits for the line
 * the command prints, within the child's own time limit.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "dist/sandbox/cli.js");

const FEATURES = [{ featureId: "messages", name: "Messages", type: "metered", consumable: true }];
const FREE = { planId: "free", name: "Free", autoEnable: true, items: [{ featureId: "messages", included: 5, reset: { interval: "month" } }] };
const PRO = { planId: "pro", name: "Pro", price: { amount: 20, interval: "month" }, items: [{ featureId: "messages", included: 1000, reset: { interval: "month" } }] };

const CONFIG_MODULE = `
export const messages = { id: "messages", name: "Messages", type: "metered", consumable: true };
export const free = { id: "free", name: "Free", autoEnable: true, items: [{ featureId: "messages", included: 5, reset: { interval: "month" } }] };
`;
const TEAM_EXPORT = `export const team = { id: "team", name: "Team", items: [{ featureId: "messages", included: 50, reset: { interval: "month" } }] };\n`;

/** A running (or finished) `autumn-sandbox`, with everything it printed so far. */
interface Cli {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Its exit code, once it has exited (null if a signal ended it). */
  readonly exited: Promise<number | null>;
}

const running = new Set<Cli>();
let dir: string;

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  dir = mkdtempSync(join(tmpdir(), "autumn-sandbox-cli-"));
});
// Every child is gone before the next test, whether or not the test passed.
afterEach(async () => {
  await Promise.all([...running].map(async (each) => {
    each.child.kill("SIGKILL");
    await each.exited;
  }));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// The child gets none of the settings of the shell running the tests.
const { PORT: _port, AUTUMN_SANDBOX_WEBHOOK_URL: _url, AUTUMN_SANDBOX_WEBHOOK_SECRET: _secret, ...baseEnv } = process.env;

/** Runs the command in the temporary folder, or in `cwd` with `node` flags before the script. */
function start(args: string[], { nodeArgs = [], cwd = dir }: { nodeArgs?: string[]; cwd?: string } = {}): Cli {
  const child = spawn(process.execPath, [...nodeArgs, cli, ...args], { cwd, env: baseEnv, timeout: CHILD_TIMEOUT_MS });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const run: Cli = { child, stdout: "", stderr: "", exited };
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (run.stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (run.stderr += chunk));
  running.add(run);
  void exited.then(() => running.delete(run));
  return run;
}

/** Waits until the output (stdout and stderr) matches `pattern`; fails with the output if the child exits or hangs first. */
async function waitFor(run: Cli, pattern: RegExp): Promise<RegExpMatchArray> {
  let exited = false;
  void run.exited.then(() => (exited = true));
  for (const limit = Date.now() + CHILD_TIMEOUT_MS; Date.now() < limit; await realPause(10)) {
    const match = (run.stdout + run.stderr).match(pattern);
    if (match) return match;
    // One more look once it has exited: its last output may have come with the exit.
    if (exited && !(run.stdout + run.stderr).match(pattern)) break;
  }
  throw new Error(`no output matching ${pattern}; it printed:\n${run.stdout}\n${run.stderr}`);
}

/** Starts the command, waits for its banner and gives a client pointed at it with the key it printed. */
async function startServing(args: string[]): Promise<{ run: Cli; url: string; core: AutumnCore }> {
  const run = start(["--port", "0", ...args]);
  const [, url] = await waitFor(run, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  await waitFor(run, /Ctrl-C stops it/);
  const [, secretKey] = run.stdout.match(/Secret key\s+(am_sk_test_\w+)/) ?? [];
  expect(secretKey).toBeDefined();
  return { run, url: url!, core: new AutumnCore({ secretKey, serverURL: url }) };
}

async function planIds(core: AutumnCore): Promise<string[]> {
  const result = await plansList(core);
  if (!result.ok) throw result.error;
  return result.value.list.map((plan) => plan.id).sort();
}

function writeCatalog(name: string, contents: unknown): string {
  writeFileSync(join(dir, name), typeof contents === "string" ? contents : JSON.stringify(contents));
  return name;
}

/** Saves as many editors do: a new file renamed over the old one. */
function replaceCatalog(name: string, contents: unknown): void {
  writeCatalog(`${name}.tmp`, contents);
  renameSync(join(dir, `${name}.tmp`), join(dir, name));
}

function count(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern, "g"))?.length ?? 0;
}

describe("autumn-sandbox serving a catalog file", () => {
  it("serves a JSON catalog on the port it prints, to the SDK, and says what the catalog holds", SPAWNING_TEST, async () => {
    const file = writeCatalog("catalog.json", { features: FEATURES, plans: [FREE, PRO] });
    const { run, url, core } = await startServing(["--catalog", file]);
    expect(await planIds(core)).toEqual(["free", "pro"]);
    expect(run.stdout).toContain("catalog.json: 1 feature (messages), 2 plans (free, pro)");
    expect(run.stdout).toContain(`AUTUMN_SERVER_URL=${url} AUTUMN_SECRET_KEY=am_sk_test_sandbox`);
    expect(run.stdout).toMatch(/Webhooks\s+not sent/);
    expect(run.stdout).toMatch(/Browsers\s+pages on localhost, 127\.0\.0\.1 and \[::1\] may call it \(--allow-origin <origin> lets another\)/);
    expect(run.stderr).toBe("");
  });

  it("serves the demo catalog without --catalog, and says so", SPAWNING_TEST, async () => {
    const { run, core } = await startServing([]);
    expect(await planIds(core)).toEqual(["free", "pro", "seat", "team"]);
    expect(run.stdout).toMatch(/Catalog\s+the demo catalog: 3 features \(messages, seats, ai_credits\), 4 plans \(free, pro, seat, team\)/);
  });

  it("serves an autumn.config-style module and reloads it when it changes; customers stay", SPAWNING_TEST, async () => {
    const file = writeCatalog("autumn.config.mjs", CONFIG_MODULE);
    const { run, core } = await startServing(["--catalog", file]);
    expect(await planIds(core)).toEqual(["free"]);
    const created = await customersGetOrCreate(core, { customerId: "before_reload" });
    expect(created.ok).toBe(true);

    writeCatalog(file, CONFIG_MODULE + TEAM_EXPORT);
    await waitFor(run, /Reloaded autumn\.config\.mjs: 1 feature \(messages\), 2 plans \(free, team\)/);
    expect(await planIds(core)).toEqual(["free", "team"]);
    const kept = await customersGet(core, { customerId: "before_reload" });
    expect(kept.ok && kept.value.id).toBe("before_reload");

    writeCatalog(file, `${CONFIG_MODULE}throw new Error("config exploded");\n`);
    await waitFor(run, /not reloaded.*autumn\.config\.mjs failed to load: Error: config exploded/);
    expect(await planIds(core)).toEqual(["free", "team"]);
  });

  it("reloads a CommonJS catalog, which Node also caches by file name", SPAWNING_TEST, async () => {
    const file = writeCatalog("catalog.cjs", `module.exports = ${JSON.stringify({ features: FEATURES, plans: [FREE] })};`);
    const { run, core } = await startServing(["--catalog", file]);
    expect(await planIds(core)).toEqual(["free"]);
    replaceCatalog(file, `module.exports = ${JSON.stringify({ features: FEATURES, plans: [FREE, PRO] })};`);
    await waitFor(run, /Reloaded catalog\.cjs: 1 feature \(messages\), 2 plans \(free, pro\)/);
    expect(await planIds(core)).toEqual(["free", "pro"]);
  });

  it("keeps serving the previous catalog after an invalid edit, naming the entry and field, and takes the next valid one", SPAWNING_TEST, async () => {
    const file = writeCatalog("edited.json", { features: FEATURES, plans: [FREE] });
    const { run, core } = await startServing(["--catalog", file]);

    replaceCatalog(file, { features: FEATURES, plans: [FREE, { ...PRO, items: [{ featureId: "nope", included: 1 }] }] });
    const [line] = await waitFor(run, /.*not reloaded.*/);
    expect(line).toContain('plans[1] "pro"');
    expect(line).toContain("items.0.featureId");
    expect(await planIds(core)).toEqual(["free"]);

    replaceCatalog(file, '{ "features": [');
    await waitFor(run, /edited\.json is not valid JSON/);
    expect(await planIds(core)).toEqual(["free"]);
    expect(count(run.stdout, /Reloaded/)).toBe(0);

    replaceCatalog(file, { features: FEATURES, plans: [FREE, PRO] });
    await waitFor(run, /Reloaded edited\.json: 1 feature \(messages\), 2 plans \(free, pro\)/);
    expect(await planIds(core)).toEqual(["free", "pro"]);
  });

  it("prints its dashboard's URL, whose catalog page names the file and shows a failed reload until the next good one", SPAWNING_TEST, async () => {
    const file = writeCatalog("shown.json", { features: FEATURES, plans: [FREE] });
    const { run, url } = await startServing(["--catalog", file]);
    expect(run.stdout).toContain(`Dashboard   ${url}/ `);
    const catalogPage = async () => (await (await fetch(`${url}/_dashboard/api/catalog`)).json()) as { source: { file: string; loadedAt: number; error: { message: string; at: number } | null }; plans: { id: string }[] };
    const first = await catalogPage();
    expect(first.source).toMatchObject({ file: "shown.json", error: null });
    expect((await fetch(`${url}/`)).headers.get("content-type")).toBe("text/html; charset=utf-8");

    replaceCatalog(file, '{ "features": [');
    await waitFor(run, /shown\.json is not valid JSON/);
    const failed = await catalogPage();
    expect(failed.source.error?.message).toMatch(/^shown\.json is not valid JSON/);
    expect(failed.source.loadedAt).toBe(first.source.loadedAt);
    expect(failed.plans.map((plan) => plan.id)).toEqual(["free"]);

    replaceCatalog(file, { features: FEATURES, plans: [FREE, PRO] });
    await waitFor(run, /Reloaded shown\.json/);
    const reloaded = await catalogPage();
    expect(reloaded.source).toMatchObject({ file: "shown.json", error: null });
    expect(reloaded.source.loadedAt).toBeGreaterThanOrEqual(failed.source.error!.at);
    expect(reloaded.plans.map((plan) => plan.id)).toEqual(["free", "pro"]);
  });

  it("prints where webhooks go, and the secret only when it made one up", SPAWNING_TEST, async () => {
    const given = "whsec_dGVzdHNlY3JldGZvcmNsaQ==";
    const { run } = await startServing(["--webhook-url", "http://127.0.0.1:9/webhooks", "--webhook-secret", given]);
    expect(run.stdout).toMatch(/Webhooks\s+sent to http:\/\/127\.0\.0\.1:9\/webhooks, signed with the secret given with --webhook-secret/);
    expect(run.stdout).not.toContain(given);

    const made = await startServing(["--webhook-url", "http://127.0.0.1:9/webhooks"]);
    expect(made.run.stdout).toMatch(/signed with whsec_[A-Za-z0-9+/]+=*\n/);
  });
});

describe("autumn-sandbox and browsers", () => {
  it("lets pages on loopback origins and on each --allow-origin call it, and no other", SPAWNING_TEST, async () => {
    const { run, url } = await startServing(["--allow-origin", "https://app.example"]);
    expect(run.stdout).toMatch(/Browsers\s+pages on localhost, 127\.0\.0\.1 and \[::1\] and on https:\/\/app\.example may call it/);
    const preflight = (origin: string) => fetch(`${url}/v1/balances.check`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization" } });
    for (const origin of ["https://app.example", "http://localhost:3000"]) {
      const answer = await preflight(origin);
      expect([answer.status, answer.headers.get("access-control-allow-origin")], origin).toEqual([204, origin]);
    }
    const foreign = await preflight("https://evil.example");
    expect([foreign.status, foreign.headers.get("access-control-allow-origin")]).toEqual([403, null]);
  });
});

describe("autumn-sandbox under hostile requests", () => {
  /** A POST that declares `declared` bytes of body and sends `body`; resolves to the status it got. */
  const declaring = (url: string, declared: number, body: string) =>
    new Promise<number>((resolve, reject) => {
      const headers = { authorization: "Bearer am_sk_test_sandbox", "content-type": "application/json", "content-length": declared };
      const sent = httpRequest(`${url}/v1/customers.get_or_create`, { method: "POST", headers, agent: false }, (response) => {
        response.resume().on("end", () => resolve(response.statusCode ?? 0));
      });
      sent.on("error", reject);
      sent.write(body);
    });

  it("answers each and keeps serving: redirects it cannot send as given, a 600 MiB body, an answer it cannot write", SPAWNING_TEST, async () => {
    const { run, url, core } = await startServing([]);
    const checkout = async (customerId: string, successUrl: string) => {
      expect((await customersGetOrCreate(core, { customerId })).ok).toBe(true);
      const attached = await billingAttach(core, { customerId, planId: "pro", successUrl });
      if (!attached.ok || !attached.value.paymentUrl) throw new Error("expected a checkout");
      const page = await fetch(attached.value.paymentUrl, { redirect: "manual" });
      return [page.status, page.headers.get("location")];
    };
    expect(await checkout("unicode_buyer", "https://shop.example/订单/thanks")).toEqual([303, "https://shop.example/%E8%AE%A2%E5%8D%95/thanks"]);
    expect(await checkout("crlf_buyer", "https://shop.example/thanks\r\nSet-Cookie: a=b")).toEqual([303, "https://shop.example/thanksSet-Cookie:%20a=b"]);
    expect(await declaring(url, 600 * 2 ** 20, '{"customer_id":')).toBe(413);
    const depth = 200_000;
    const deep = await fetch(`${url}/v1/customers.get_or_create`, {
      method: "POST",
      headers: { authorization: "Bearer am_sk_test_sandbox", "content-type": "application/json" },
      body: `{"customer_id":"deep","metadata":{"a":${"[".repeat(depth)}${"]".repeat(depth)}}}`,
    });
    expect(deep.status).toBe(500);

    expect(await planIds(core)).toEqual(["free", "pro", "seat", "team"]);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.stderr).toBe("");
  });
});

describe("autumn-sandbox refusing to start", () => {
  it("exits 1 without listening when the catalog is invalid, naming the entry and the field", SPAWNING_TEST, async () => {
    const file = writeCatalog("invalid.json", { features: [{ ...FEATURES[0], type: "bogus" }], plans: [] });
    const run = start(["--port", "0", "--catalog", file]);
    expect(await run.exited).toBe(1);
    expect(run.stderr).toMatch(/invalid\.json: features\[0\] "messages" type: /);
    expect(run.stdout).not.toContain("listening");
  });

  it("exits 1 with a clear message when the catalog file does not exist", SPAWNING_TEST, async () => {
    const run = start(["--port", "0", "--catalog", "missing.json"]);
    expect(await run.exited).toBe(1);
    expect(run.stderr).toContain(`catalog file ${join(dir, "missing.json")} does not exist`);
  });

  it("exits 1 with a hint for a TypeScript catalog that plain node cannot import, and imports it under a loader", SPAWNING_TEST, async () => {
    const file = writeCatalog("autumn.config.ts", CONFIG_MODULE.replace('type: "metered"', 'type: "metered" as const'));
    const plain = start(["--port", "0", "--catalog", file]);
    expect(await plain.exited).toBe(1);
    expect(plain.stderr).toMatch(/autumn\.config\.ts is TypeScript.*compile it.*--import tsx/);

    // tsx resolves from the repository, where it is installed.
    const withLoader = start(["--port", "0", "--catalog", join(dir, file)], { nodeArgs: ["--import", "tsx"], cwd: root });
    await waitFor(withLoader, /autumn\.config\.ts: 1 feature \(messages\), 1 plan \(free\)/);
  });

  it.each([
    [["--prot", "3"], "--prot: unknown option"],
    [["--port"], "--port: needs a value"],
    [["--port", "http"], '--port: "http" is not a port'],
    [["--catalog", "catalog.yaml"], "--catalog: "],
    [["--webhook-url", "localhost:3000"], "--webhook-url: "],
    [["--webhook-secret", "hunter2"], "--webhook-secret: "],
    [["--allow-origin", "*"], '--allow-origin: "*" is not an http:// or https:// origin'],
    [["--allow-origin", "https://app.example/path"], "--allow-origin: "],
  ])("exits 2 for %j, naming the option, with the usage", SPAWNING_TEST, async (args, message) => {
    const run = start(args);
    expect(await run.exited).toBe(2);
    expect(run.stderr.split("\n")[0]).toContain(`autumn-sandbox: ${message}`);
    expect(run.stderr).toContain("Usage: autumn-sandbox");
    expect(run.stdout).toBe("");
  });
});

describe("autumn-sandbox stopping", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("closes and exits 0 on %s", SPAWNING_TEST, async (signal) => {
    const { run, core } = await startServing([]);
    run.child.kill(signal);
    expect(await run.exited).toBe(0);
    const after = await plansList(core, {}, { retries: 0 });
    expect(!after.ok && after.error.name).toBe("ConnectionError");
  });
});

describe("parseCliArgs", () => {
  it("takes the port from --port, else PORT, else 8787", () => {
    expect(parseCliArgs([], {}).port).toBe(8787);
    expect(parseCliArgs([], { PORT: "3001" }).port).toBe(3001);
    expect(parseCliArgs(["--port", "0"], { PORT: "3001" }).port).toBe(0);
  });

  it("passes the catalog file and webhook target through as given", () => {
    expect(parseCliArgs(["--catalog", "conf/autumn.json", "--webhook-url", "https://example.test/hooks", "--webhook-secret", "whsec_YWJj"], {})).toEqual({
      port: 8787,
      catalog: "conf/autumn.json",
      webhookURL: "https://example.test/hooks",
      webhookSecret: "whsec_YWJj",
      allowedOrigins: [],
      help: false,
    });
  });

  it("takes each --allow-origin, in canonical form", () => {
    expect(parseCliArgs(["--allow-origin", "https://App.example/", "--allow-origin", "http://staging.app.example:8080"], {}).allowedOrigins).toEqual([
      "https://app.example",
      "http://staging.app.example:8080",
    ]);
  });

  it.each([
    [["--port", "65536"], {}, "--port"],
    [["--port", "-1"], {}, "--port"],
    [[], { PORT: "eighty" }, "PORT"],
    [["extra"], {}, "extra"],
    [["--help=yes"], {}, "--help"],
  ])("refuses %j %j, naming %s", (args, env, option) => {
    expect(() => parseCliArgs(args, env)).toThrow(CliUsageError);
    try {
      parseCliArgs(args, env);
    } catch (error) {
      expect((error as CliUsageError).option).toBe(option);
    }
  });
});
