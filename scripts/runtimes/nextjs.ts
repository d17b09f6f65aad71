// examples/nextjs as a user runs it: `next build` (webpack or Turbopack), then
// `next start` against the local sandbox, calling the Node route, the edge
// route and the page. Used by run.ts; Next.js and the app's dependencies are
// in .runtimes/ (`npm run runtimes:install`).
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { freePort } from "./ports.js";
import { join } from "node:path";
import { readText, serveOnLoopback, writeAnswer } from "../../src/sandbox/loopback-http.js";
import type { Sandbox } from "../../src/sandbox/server.js";
import { appDir, root } from "./pins.js";

interface Verdict {
  ok: boolean;
  detail: string;
}

const KEY = "am_sk_test_nextjs";
/** What only the SDK's code holds: a browser chunk with one of these carries the SDK. */
const SDK_MARKERS = ["x-api-version", "autumn-sdk-typescript", "balances.check", "balances.track", "api.useautumn.com", "am_sk_"];
/**
 * What `next build` prints that is expected: the edge route's own notices, and, where CI is set (as
 * .ci/run has it), that the build has no cache from a previous CI run.
 */
const EXPECTED_WARNINGS = [/The Edge Runtime is deprecated/, /Using edge runtime on a page currently disables static generation/, /No build cache found/];
// A build takes under a minute on an idle 2-core machine; these only end one that hangs.
const BUILD_LIMIT_MS = 10 * 60_000;
const START_LIMIT_MS = 2 * 60_000;

/**
 * A route the harness adds to the app: what the edge runtime that serves the
 * example's edge route lacks, so that its pass is known to be one without
 * `AbortSignal.any`.
 */
const EDGE_PROBE_ROUTE = `export const runtime = "edge";
export function GET(): Response {
  const edge = typeof (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime === "string";
  return Response.json({ edge, abortSignalAny: typeof (AbortSignal as { any?: unknown }).any === "function" });
}
`;

/**
 * Lays the app out in its install folder: the example's files, fresh, the
 * harness's probe route, and the packed SDK unpacked into
 * node_modules/@useautumn/sdk, where `npm install` of the tarball would put it
 * (its dependencies are installed there already).
 */
export function prepareNextApp(tarball: string): string {
  const dir = appDir("nextjs");
  if (!existsSync(`${dir}/node_modules/next`)) throw new Error(`${dir} has no Next.js: run npm run runtimes:install`);
  for (const entry of readdirSync(dir)) {
    if (!["node_modules", "package.json", ".installed.json"].includes(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
  }
  cpSync(`${root}examples/nextjs`, dir, { recursive: true });
  mkdirSync(`${dir}/app/api/matrix-probe`, { recursive: true });
  writeFileSync(`${dir}/app/api/matrix-probe/route.ts`, EDGE_PROBE_ROUTE);
  const sdk = `${dir}/node_modules/@useautumn/sdk`;
  rmSync(sdk, { recursive: true, force: true });
  mkdirSync(sdk, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", sdk, "--strip-components=1"]);
  return dir;
}

/**
 * Autumn as the app sees it: the sandbox behind a pass-through that holds
 * every request for a customer id ending in `_gone` unanswered, and tells when
 * the app let go of it (the call was aborted).
 */
async function startFront(sandbox: Sandbox) {
  const held: { arrived: true; closed: boolean }[] = [];
  const front = await serveOnLoopback((request, response) => {
    void readText(request).then(async (body) => {
      if (body.includes('_gone"')) {
        const hold = { arrived: true as const, closed: false };
        held.push(hold);
        response.on("close", () => (hold.closed = true));
        return;
      }
      // What the sandbox reads; hop-by-hop headers stay with this hop.
      const headers = Object.fromEntries(
        ["authorization", "x-api-version", "content-type", "idempotency-key"].flatMap((name) => (typeof request.headers[name] === "string" ? [[name, request.headers[name]]] : [])),
      );
      const answer = await fetch(`${sandbox.url}${request.url}`, { method: request.method, headers, body: request.method === "POST" ? body : undefined });
      writeAnswer(response, answer.status, await answer.text(), { "content-type": answer.headers.get("content-type") ?? "application/json" });
    }).catch(() => response.destroy());
  });
  return { url: front.url, held, close: front.close };
}

/** Resolves true once `condition` holds, false if it has not within `limitMs` (which only ends a check that would hang). */
async function until(condition: () => boolean, limitMs = 20_000): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** Builds the prepared app with one bundler and serves it; every check's failure is in the verdict. */
export async function runNextApp(dir: string, bundler: "webpack" | "turbopack", sandbox: Sandbox, customerId: string): Promise<Verdict> {
  const failures: string[] = [];
  const front = await startFront(sandbox);
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NO_COLOR: "1", AUTUMN_SECRET_KEY: KEY, AUTUMN_SERVER_URL: front.url };
  const next = `${dir}/node_modules/next/dist/bin/next`;
  rmSync(`${dir}/.next`, { recursive: true, force: true });

  const built = await runToEnd(process.execPath, [next, "build", `--${bundler}`], dir, env, BUILD_LIMIT_MS);
  if (built.code !== 0) return { ok: false, detail: `next build --${bundler} exited ${built.code}: ${built.output.slice(-1500)}` };
  const warnings = built.output.split("\n").filter((line) => /⚠|warn/i.test(line) && !EXPECTED_WARNINGS.some((expected) => expected.test(line)));
  if (warnings.length > 0) failures.push(`next build warned: ${warnings.join(" | ")}`);

  // What the browser can load holds none of the SDK: the page imports a type only, the routes stay on the server.
  const browserFiles = jsFiles(`${dir}/.next/static`);
  const leaking = browserFiles.filter((file) => SDK_MARKERS.some((marker) => readFileSync(file, "utf8").includes(marker)));
  if (browserFiles.length === 0) failures.push("no JavaScript under .next/static");
  if (leaking.length > 0) failures.push(`SDK code in browser chunks: ${leaking.map((file) => file.slice(dir.length + 1)).join(", ")}`);
  // The same markers in the server output, or the check above proves nothing.
  const serverHasSdk = jsFiles(`${dir}/.next/server`).some((file) => readFileSync(file, "utf8").includes("balances.check"));
  if (!serverHasSdk) failures.push("the server output holds no SDK code either: the marker check is blind");

  const port = await freePort();
  const server = spawn(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: dir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  const origin = `http://127.0.0.1:${port}`;
  try {
    if (!(await ready(origin, server))) return { ok: false, detail: `next start did not answer: ${output.slice(-1500)}` };
    await signUp(sandbox, customerId);
    const as = (user: string | null, init: RequestInit = {}) => ({ ...init, headers: { ...(user && { "x-user-id": user }), "content-type": "application/json" } });
    const call = async (path: string, init: RequestInit) => {
      const response = await fetch(`${origin}${path}`, init);
      return `${response.status} ${await response.text()}`;
    };
    const check = async (label: string, answer: Promise<string>, expected: string) => {
      const got = await answer;
      if (got !== expected) failures.push(`${label}: ${got} (expected ${expected})`);
    };
    await check("GET /api/usage (Node)", call("/api/usage?feature=messages", as(customerId)), '200 {"allowed":true,"remaining":5}');
    await check("POST /api/usage (Node)", call("/api/usage", as(customerId, { method: "POST", body: JSON.stringify({ feature: "messages", value: 2 }) })), '200 {"remaining":3}');
    await check("GET /api/usage-edge (edge)", call("/api/usage-edge?feature=messages", as(customerId)), '200 {"allowed":true,"remaining":3}');
    await check("GET /api/usage-edge, unknown customer", call("/api/usage-edge?feature=messages", as(`${customerId}_nobody`)), '404 {"error":"customer_not_found"}');
    await check("GET /api/usage-edge, signed out", call("/api/usage-edge", as(null)), '401 {"error":"sign in first"}');
    await check("the edge runtime serving it", call("/api/matrix-probe", {}), '200 {"edge":true,"abortSignalAny":false}');
    // A browser that goes away: Next.js aborts request.signal, which the edge route passes to the call.
    const browser = new AbortController();
    const gone = fetch(`${origin}/api/usage-edge?feature=messages`, { ...as(`${customerId}_gone`), signal: browser.signal }).catch(() => undefined);
    if (!(await until(() => front.held.length === 1))) failures.push("the edge route's call for a departing browser never reached Autumn");
    browser.abort();
    await gone;
    if (!(await until(() => front.held[0]?.closed === true))) failures.push("the browser went away, but the edge route's call to Autumn was still open 20 s later");
    const page = await fetch(`${origin}/`);
    const html = await page.text();
    if (page.status !== 200 || !html.includes("<main>")) failures.push(`GET /: ${page.status} ${html.slice(0, 200)}`);
    if (SDK_MARKERS.some((marker) => html.includes(marker))) failures.push("GET /: the page's HTML holds SDK code");
    const checksSeen = sandbox.requests.filter((request) => request.path === "balances.check" && JSON.stringify(request.body).includes(`"${customerId}"`)).length;
    if (checksSeen !== 2) failures.push(`the sandbox saw ${checksSeen} balances.check calls for ${customerId}, expected 2 (Node, edge)`);
  } finally {
    try {
      process.kill(-server.pid!, "SIGKILL");
    } catch {}
    await front.close();
  }
  return failures.length === 0
    ? { ok: true, detail: `next build --${bundler} clean; next start: the Node route and the edge route (AbortSignal.any missing) answered, a departed browser ended the edge route's call; no SDK code in ${browserFiles.length} browser chunks` }
    : { ok: false, detail: failures.join("; ") };
}

/** A customer on the sandbox's free plan: 5 messages. */
async function signUp(sandbox: Sandbox, customerId: string): Promise<void> {
  for (const [path, body] of [
    ["customers.get_or_create", { customer_id: customerId }],
    ["billing.attach", { customer_id: customerId, plan_id: "free" }],
  ] as const) {
    const response = await fetch(`${sandbox.url}/v1/${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "x-api-version": "2.3.0", "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox ${path}: ${response.status} ${await response.text()}`);
  }
}

function runToEnd(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, limitMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
    child.on("error", (error) => resolve({ code: null, output: `${output}\n${error.message}` }));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Polls the server until it answers, it exits, or the limit passes. */
async function ready(origin: string, server: ReturnType<typeof spawn>): Promise<boolean> {
  const until = Date.now() + START_LIMIT_MS;
  while (Date.now() < until && server.exitCode === null) {
    try {
      await fetch(`${origin}/favicon.ico`);
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return false;
}

function jsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".js"))
    .map((entry) => join(entry.parentPath, entry.name));
}

