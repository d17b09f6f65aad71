// `npm run test:runtimes`: build and pack the SDK once, install the tarball
// into a scratch app, then in each runtime import it the way that runtime's
// users do and check customersGetOrCreate and an error path against a
// loopback API, two calls with a caller's AbortSignal (one completed, one
// aborted mid-flight), and webhooksVerify against a webhook signed here. Then
// examples/nextjs, built by `next build` (webpack, then Turbopack) and served
// by `next start` against the sandbox; the installed `autumn-sandbox` bin
// on each Node; and the entitlement cache in workerd (over an async KV-like
// store) and in Chromium (over a customer's token) against the sandbox. One verdict line per runtime; exits 1
// if any failed. Runtime names as arguments run those only
// (`npm run test:runtimes -- edge-runtime nextjs`).
import { execFileSync, spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { build } from "esbuild";
import { autumnErrorBody, parseJsonOrUndefined, readText, sendJson, serveOnLoopback, writeAnswer } from "../../src/sandbox/loopback-http.js";
import { AutumnCore } from "../../src/core.js";
import { customersGetOrCreate } from "../../src/funcs/customers-get-or-create.js";
import { keysMint } from "../../src/funcs/keys-mint.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { prepareNextApp, runNextApp } from "./nextjs.js";
import { type AppName, appDir, apps, binaryPath, chromiumPath, pins, root, type RuntimeName } from "./pins.js";
import { runInstalledSandbox } from "./sandbox-bin.js";
import { runTokenPage } from "./token-page.js";
import { startWorker } from "./workerd.js";

interface Verdict {
  ok: boolean;
  detail: string;
}

const KEY = "am_sk_test_runtimes0123456789";
const customer = JSON.parse(readFileSync(`${root}test/fixtures/customer.json`, "utf8")) as Record<string, unknown>;
const seen = new Map<string, number>();
/** Long polls on /probe/seen/<id>, answered when that customer's request arrives. */
const waiting = new Map<string, (() => void)[]>();

/** A webhook signed with node:crypto, as Autumn signs them, for every runtime to verify: a UTF-8 body, and the time it was signed at. */
function webhookVector(): string {
  const key = randomBytes(24);
  const body = JSON.stringify({
    type: "balances.limit_reached",
    data: { customer_id: "rt_webhook", entity_id: "équipe_東京_🚀", feature_id: "messages", limit_type: "included" },
  });
  const [id, now] = ["msg_runtime_matrix", Date.now()];
  const timestamp = Math.floor(now / 1000);
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return JSON.stringify({
    secret: `whsec_${key.toString("base64")}`,
    body,
    headers: { "svix-id": id, "svix-timestamp": String(timestamp), "svix-signature": `v1,${signature}` },
    now,
    data: { customerId: "rt_webhook", entityId: "équipe_東京_🚀", featureId: "messages", limitType: "included" },
  });
}
const webhook = webhookVector();

/**
 * The loopback Autumn: customers.get_or_create only, with Autumn's headers, error bodies and CORS. A
 * request for a customer id ending in `_abort` is held unanswered (the probe aborts it), and
 * `GET /probe/seen/<id>` answers once a request for that id has arrived.
 */
function apiHandler(request: IncomingMessage, response: ServerResponse): void {
  const cors = {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "POST",
    "access-control-allow-headers": request.headers["access-control-request-headers"] ?? "",
    "access-control-expose-headers": "retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset",
  };
  const fail = (status: number, code: string, message: string) => sendJson(response, status, autumnErrorBody(code, message, "sandbox"), cors);
  if (request.method === "OPTIONS") {
    response.writeHead(204, cors);
    response.end();
    return;
  }
  void readText(request).then((text) => {
    if (request.method === "GET" && request.url?.startsWith("/probe/seen/")) {
      const id = decodeURIComponent(request.url.slice("/probe/seen/".length));
      const answer = () => sendJson(response, 200, { seen: true }, cors);
      if (seen.has(id)) answer();
      else waiting.set(id, [...(waiting.get(id) ?? []), answer]);
      return;
    }
    if (request.method !== "POST" || request.url !== "/v1/customers.get_or_create") {
      return fail(404, "not_found", `Route not found: ${request.method} ${request.url}`);
    }
    if (request.headers["authorization"] !== `Bearer ${KEY}`) return fail(401, "invalid_secret_key", "Invalid secret key");
    if (request.headers["x-api-version"] !== "2.3.0" || !request.headers["content-type"]?.startsWith("application/json")) {
      return fail(400, "invalid_request", "Missing x-api-version or JSON content type");
    }
    const body = parseJsonOrUndefined(text) as { customer_id?: unknown; name?: unknown; email?: unknown } | null | undefined;
    if (typeof body !== "object" || body === null) return fail(400, "invalid_request", "Request body must be a JSON object");
    if (typeof body.customer_id !== "string") return fail(400, "invalid_inputs", "customer_id is required");
    seen.set(body.customer_id, (seen.get(body.customer_id) ?? 0) + 1);
    for (const answer of waiting.get(body.customer_id) ?? []) answer();
    waiting.delete(body.customer_id);
    // Held until the client lets go, or the harness closes the server.
    if (body.customer_id.endsWith("_abort")) return;
    sendJson(response, 200, { ...customer, id: body.customer_id, name: body.name ?? null, email: body.email ?? null }, cors);
  });
}

/** Runs a probe process and reads the verdict it prints as its last line. */
function runProcess(command: string, args: string[], cwd: string, timeoutMs = 60_000): Promise<Verdict> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => resolve({ ok: false, detail: `could not start ${command}: ${error.message}` }));
    child.on("close", (code) => {
      clearTimeout(timer);
      const last = out.trim().split("\n").at(-1) ?? "";
      try {
        const verdict = JSON.parse(last) as Verdict;
        resolve(code === 0 ? verdict : { ok: false, detail: `exit ${code}: ${verdict.detail}` });
      } catch {
        resolve({ ok: false, detail: `exit ${code}, no verdict: ${out.trim().slice(-800)}` });
      }
    });
  });
}

/** Opens `entry` (a probe of the app, bundled for the browser) in headless Chromium, with `query`, and reads the verdict it posts back. */
async function runChromium(app: string, entry: string, query: Record<string, string>): Promise<Verdict> {
  const bundled = await build({
    entryPoints: [`${app}/${entry}`],
    absWorkingDir: app,
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const script = bundled.outputFiles[0]!.text;
  let settle!: (verdict: Verdict) => void;
  const verdict = new Promise<Verdict>((resolve) => (settle = resolve));
  // The page comes from another origin than the API, as in a real app, so the SDK's requests need CORS.
  const page = await serveOnLoopback((request, response) => {
    if (request.url?.startsWith("/verdict")) {
      void readText(request).then((text) => {
        response.end();
        settle(JSON.parse(text) as Verdict);
      });
    } else if (request.url === "/probe.js") {
      writeAnswer(response, 200, script, { "content-type": "text/javascript" });
    } else {
      writeAnswer(response, 200, '<!doctype html><script type="module" src="/probe.js"></script>', { "content-type": "text/html" });
    }
  });
  const profile = mkdtempSync(`${tmpdir()}/autumn-chromium-`);
  const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];
  const child = spawn(chromiumPath, [...flags, `--user-data-dir=${profile}`, `${page.url}/?${new URLSearchParams(query)}`], {
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<Verdict>((resolve) => child.once("exit", (code) => resolve({ ok: false, detail: `chromium exited (${code}): ${stderr.slice(-800)}` })));
  const timeout = new Promise<Verdict>((resolve) => setTimeout(() => resolve({ ok: false, detail: "no verdict from the page within 30 s" }), 30_000).unref());
  try {
    return await Promise.race([verdict, exited, timeout]);
  } finally {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {}
    await page.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The Worker probe of the entitlement cache, against the sandbox; it must have loaded its customer exactly once. */
async function runCachedWorker(app: string, sandbox: Sandbox): Promise<Verdict> {
  const customerId = "rt_workerd_cache";
  const core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
  await customersGetOrCreate(core, { customerId });
  const worker = await startWorker({
    entry: "./worker-cache.mjs",
    resolveDir: app,
    bindings: { AUTUMN_SERVER_URL: sandbox.url, SECRET_KEY: sandbox.secretKey, CUSTOMER_ID: customerId },
    upstream: new URL(sandbox.url).host,
  });
  try {
    const response = await fetch(worker.url);
    if (!response.ok) return { ok: false, detail: `worker answered ${response.status}: ${await response.text()} ${worker.output()}` };
    const verdict = (await response.json()) as Verdict;
    const loads = sandbox.requests.filter((request) => request.path === "customers.get" && (request.body as { customer_id?: string }).customer_id === customerId).length;
    return verdict.ok && loads !== 1 ? { ok: false, detail: `the sandbox saw ${loads} customers.get for ${customerId}, expected 1` } : verdict;
  } finally {
    await worker.close();
  }
}

/** The page probe of the entitlement cache, with a token minted for a customer of the sandbox. */
async function runCachedPage(app: string, sandbox: Sandbox): Promise<Verdict> {
  const customerId = "rt_chromium_cache";
  const core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
  await customersGetOrCreate(core, { customerId });
  const tokens = await keysMint(core, { customerId });
  if (!tokens.ok) return { ok: false, detail: `keys.mint: ${tokens.error.message}` };
  return runChromium(app, "browser-cache.mjs", { api: sandbox.url, tokens: JSON.stringify(tokens.value) });
}

function version(name: RuntimeName | AppName | "chromium"): string {
  if (name === "edge-runtime" || name === "nextjs") return apps[name].version;
  if (name === "chromium") return execFileSync(chromiumPath, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().replace(/^Chromium /, "").split(" ")[0]!;
  return pins[name].version;
}

const only = process.argv.slice(2);
const started = Date.now();
const scratch = mkdtempSync(`${tmpdir()}/autumn-runtimes-`);
const api = await serveOnLoopback(apiHandler);
const sandbox = await startSandbox();
const results: { runtime: string; format: string; verdict: Verdict; ms: number }[] = [];
try {
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", scratch, "--loglevel=error"], { cwd: root, encoding: "utf8" })) as { filename: string }[];
  const app = `${scratch}/app`;
  cpSync(`${root}scripts/runtimes/probes`, app, { recursive: true });
  writeFileSync(`${app}/package.json`, JSON.stringify({ name: "autumn-runtime-app", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", `${scratch}/${packed!.filename}`], { cwd: app, stdio: "inherit" });

  const matrix: { runtime: RuntimeName | AppName | "chromium"; format: string; customerId: string; probe: boolean; run: (customerId: string) => Promise<Verdict> }[] = [];
  const add = (runtime: RuntimeName | AppName | "chromium", format: string, run: (customerId: string) => Promise<Verdict>, probe = true) =>
    matrix.push({ runtime, format, customerId: `rt_${runtime.replace(/\W/g, "")}_${format.split(" ")[0]!.replace(/\W/g, "")}`, probe, run });
  for (const name of ["node20", "node22", "node24"] as const) {
    add(name, "ESM import", (id) => runProcess(binaryPath(name), ["node.mjs", api.url, id, webhook], app));
    add(name, "CJS require", (id) => runProcess(binaryPath(name), ["node.cjs", api.url, id, webhook], app));
  }
  for (const name of ["node20", "node22", "node24"] as const) add(name, "autumn-sandbox bin, installed", () => runInstalledSandbox(binaryPath(name), app), false);
  add("bun", "ESM import", (id) => runProcess(binaryPath("bun"), ["node.mjs", api.url, id, webhook], app));
  add("deno", "ESM import, node_modules", (id) =>
    runProcess(binaryPath("deno"), ["run", "--no-prompt", "--node-modules-dir=manual", "--allow-net=127.0.0.1", "node.mjs", api.url, id, webhook], app),
  );
  add("workerd", "ESM, esbuild bundle", async (id) => {
    const worker = await startWorker({ entry: "./worker.mjs", resolveDir: app, bindings: { AUTUMN_SERVER_URL: api.url, CUSTOMER_ID: id, WEBHOOK_VECTOR: webhook }, upstream: `127.0.0.1:${api.port}` });
    try {
      const response = await fetch(worker.url);
      return response.ok ? ((await response.json()) as Verdict) : { ok: false, detail: `worker answered ${response.status}: ${await response.text()} ${worker.output()}` };
    } finally {
      await worker.close();
    }
  });
  add("chromium", "ESM, esbuild bundle", (id) => runChromium(app, "browser.mjs", { api: api.url, customer: id, webhook }));
  // The entitlement cache against the sandbox: in a Worker over an async KV-like store, in a page over a customer's token.
  add("workerd", "entitlement cache, KV store", () => runCachedWorker(app, sandbox), false);
  add("chromium", "entitlement cache, token", () => runCachedPage(app, sandbox), false);
  // examples/browser-tokens against the sandbox, which it checks itself: no customer on the loopback API.
  matrix.push({ runtime: "chromium", format: "token page, Hono backend", customerId: "", probe: false, run: () => runTokenPage(app) });
  add("edge-runtime", "esbuild bundle, EdgeRuntime VM", async (id) => {
    // As Next.js bundles an edge route: the edge-light, worker and browser conditions, one script.
    await build({
      entryPoints: [`${app}/edge.mjs`],
      absWorkingDir: app,
      bundle: true,
      format: "iife",
      platform: "neutral",
      conditions: ["edge-light", "worker", "browser"],
      mainFields: ["module", "main"],
      outfile: `${app}/edge.bundle.js`,
      logLevel: "silent",
    });
    return runProcess(process.execPath, ["edge-host.mjs", appDir("edge-runtime"), `${app}/edge.bundle.js`, api.url, id, webhook], app);
  });
  const nextApp = only.length === 0 || only.includes("nextjs") ? prepareNextApp(`${scratch}/${packed!.filename}`) : "";
  add("nextjs", "webpack build, next start", (id) => runNextApp(nextApp, "webpack", sandbox, id), false);
  add("nextjs", "turbopack build, next start", (id) => runNextApp(nextApp, "turbopack", sandbox, id), false);

  for (const entry of matrix.filter((row) => only.length === 0 || only.includes(row.runtime))) {
    const t0 = Date.now();
    let verdict = await entry.run(entry.customerId).catch((error: unknown): Verdict => ({ ok: false, detail: String(error) }));
    // The probe's three customers each reached the API once: the plain call, the one with a signal, the aborted one.
    const counts = ["", "_signal", "_abort"].map((suffix) => `${entry.customerId}${suffix}`).map((id) => [id, seen.get(id) ?? 0] as const);
    const wrong = counts.filter(([, count]) => count !== 1);
    if (verdict.ok && entry.probe && wrong.length > 0) {
      verdict = { ok: false, detail: `the API saw ${wrong.map(([id, count]) => `${count} requests for ${id}`).join(", ")}, expected 1 each` };
    }
    results.push({ runtime: entry.runtime, format: entry.format, verdict, ms: Date.now() - t0 });
    const label = `${entry.runtime} ${version(entry.runtime)}`;
    console.log(`${verdict.ok ? "PASS" : "FAIL"}  ${label.padEnd(24)} ${entry.format.padEnd(31)} ${verdict.detail} (${Date.now() - t0} ms)`);
  }
} finally {
  await api.close();
  await sandbox.close();
  rmSync(scratch, { recursive: true, force: true });
}
const failed = results.filter((result) => !result.verdict.ok).length;
console.log(`${failed === 0 ? "all" : `${failed} of`} ${results.length} runtime checks ${failed === 0 ? "passed" : "failed"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = failed === 0 ? 0 : 1;
