// The runtime matrix's check of examples/browser-tokens: the Hono example's
// backend mints a token pair for the signed-in user, and the page, bundled from
// the packed SDK, checks and tracks with it straight against the sandbox in
// headless Chromium, in two tabs, across a refresh forced by the sandbox's clock.
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { gzipSync } from "node:zlib";
import { serve } from "@hono/node-server";
import { build } from "esbuild";
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { startSandbox } from "../../src/sandbox/server.js";
import { Chromium } from "./cdp.js";
import { root } from "./pins.js";

const SECRET = "am_sk_test_tokenpage0123456789";
const USER = "rt_token_page_user";
/** Any Autumn secret key, this one or another. */
const SECRET_KEY = /am_sk_(?:test|live)_[A-Za-z0-9]/;
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];
// How long one step (a page load, a click and its answers) may take: many times what it takes on a loaded machine.
const STEP_MS = 60_000;
const TOTAL_MS = 5 * STEP_MS;

/** The screen of a tab: the status line, and whether the page is done (its button enabled, or it gave up). */
interface Screen {
  text: string;
  settled: boolean;
}

/** What a token says (its JWT claims: the customer, and the generation of the pair), from `Bearer am_jwt_…`. */
function claims(authorization: string | undefined): { sub?: string; gen?: number } {
  const payload = authorization?.replace(/^Bearer am_jwt_/, "").split(".")[1];
  try {
    return JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as { sub?: string; gen?: number };
  } catch {
    return {};
  }
}

/**
 * Runs the check with the SDK installed in `app` (the packed tarball); resolves to a verdict, never rejects.
 * Needs the SDK built (`npm run build`), which the backend imports from this repository.
 */
export async function runTokenPage(app: string): Promise<{ ok: boolean; detail: string }> {
  const steps: (() => unknown)[] = [];
  let finished = false;
  // What to undo at the end; once the check has ended (timed out), whatever it still starts is undone at once.
  const cleanup = { push: (step: () => unknown) => void (finished ? Promise.resolve(step()).catch(() => {}) : steps.push(step)) };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${TOTAL_MS / 1000} s`)), TOTAL_MS);
  });
  try {
    return await Promise.race([check(app, cleanup), timeout]);
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
    finished = true;
    for (const step of steps.reverse()) await Promise.resolve(step()).catch(() => {});
  }
}

async function check(app: string, cleanup: { push(step: () => unknown): void }): Promise<{ ok: boolean; detail: string }> {
  // The page as an app ships it: bundled and minified by esbuild, against the packed SDK.
  const page = mkdtempSync(`${app}/browser-tokens-`);
  cpSync(`${root}examples/browser-tokens`, page, { recursive: true });
  const bundled = await build({ entryPoints: [`${page}/main.ts`], absWorkingDir: app, bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "silent" });
  const script = bundled.outputFiles[0]!.text;
  const gzip = gzipSync(script, { level: 9 }).length;

  const sandbox = await startSandbox();
  cleanup.push(() => sandbox.close());
  const html = readFileSync(`${page}/index.html`, "utf8").replace(/(name="autumn-server-url" content=")[^"]*/, `$1${sandbox.url}`);
  if (!html.includes(sandbox.url)) throw new Error("examples/browser-tokens/index.html has no autumn-server-url meta tag to point at the sandbox");

  // The backend: the Hono example, with the secret key, and a customer on the free plan (5 messages).
  const { AutumnCore } = await import("@useautumn/sdk/core.js");
  const { customersGetOrCreate } = await import("@useautumn/sdk/funcs/customers-get-or-create.js");
  const { billingAttach } = await import("@useautumn/sdk/funcs/billing-attach.js");
  const { createApp } = await import("../../examples/hono/app.js");
  const autumn = new AutumnCore({ secretKey: SECRET, serverURL: sandbox.url });
  for (const step of [() => customersGetOrCreate(autumn, { customerId: USER }), () => billingAttach(autumn, { customerId: USER, planId: "free" })]) {
    const done = await step();
    if (!done.ok) throw new Error(`setting up ${USER}: ${done.error.message}`);
  }
  const backend = createApp(autumn);
  const site = new Hono();
  // Stands in for the app's sign-in and session middleware: loading the page signs the browser in as
  // USER (an HttpOnly cookie), and API calls carry the user it names as x-user-id, which is what the
  // example's userId() reads. An x-user-id sent by the browser itself is dropped.
  site.get("/", (c) => {
    setCookie(c, "session", USER, { path: "/", httpOnly: true, sameSite: "Lax" });
    return c.html(html);
  });
  site.get("/main.js", (c) => c.body(script, 200, { "content-type": "text/javascript; charset=utf-8" }));
  site.all("/api/*", (c) => {
    const headers = new Headers(c.req.raw.headers);
    headers.delete("x-user-id");
    const user = getCookie(c, "session");
    if (user) headers.set("x-user-id", user);
    return backend.fetch(new Request(c.req.raw, { headers }));
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: site.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
  });
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  const siteURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  // The browser, and everything that crosses its network boundary.
  const profile = mkdtempSync(`${tmpdir()}/autumn-chromium-tokens-`);
  cleanup.push(() => rmSync(profile, { recursive: true, force: true }));
  const browser = new Chromium(profile, FLAGS);
  cleanup.push(() => browser.close());
  // Response headers and bodies, as text, with the URL they came from.
  const received: { url: string; text: string }[] = [];
  const sent: string[] = [];
  const unread: string[] = [];
  const problems: string[] = [];
  const reads: Promise<unknown>[] = [];
  const responses = new Map<string, { url: string; status: number }>();
  browser.on(({ method, params, sessionId }) => {
    if (!params || !sessionId) return;
    const key = `${sessionId}:${params["requestId"]}`;
    if (method === "Network.requestWillBeSent") sent.push(JSON.stringify(params["request"]));
    else if (method === "Network.requestWillBeSentExtraInfo") sent.push(JSON.stringify(params["headers"]));
    else if (method === "Network.responseReceived") {
      const { url, status, headers } = params["response"];
      responses.set(key, { url, status });
      received.push({ url, text: JSON.stringify(headers) });
    } else if (method === "Network.loadingFinished") {
      const response = responses.get(key);
      reads.push(
        browser.send("Network.getResponseBody", { requestId: params["requestId"] }, sessionId).then(
          ({ body, base64Encoded }) => received.push({ url: response?.url ?? "?", text: base64Encoded ? Buffer.from(body, "base64").toString("utf8") : body }),
          (error: Error) => response && response.status !== 204 && unread.push(`${response.url}: ${error.message}`),
        ),
      );
    } else if (method === "Runtime.exceptionThrown") problems.push(params["exceptionDetails"]?.exception?.description ?? params["exceptionDetails"]?.text);
    // An HTTP error status is logged too; the 401s of the forced refresh are expected, and the sandbox's record is checked below.
    else if (method === "Log.entryAdded" && params["entry"].level === "error" && !params["entry"].text.startsWith("Failed to load resource: the server responded with a status")) {
      problems.push(`${params["entry"].text} ${params["entry"].url ?? ""}`);
    }
  });

  const open = async (): Promise<string> => {
    const session = await browser.openTab();
    for (const domain of ["Network", "Runtime", "Log"]) await browser.send(`${domain}.enable`, {}, session);
    await browser.send("Page.navigate", { url: siteURL }, session);
    return session;
  };
  const screen = (session: string) =>
    browser.evaluate<Screen>(session, `({ text: document.querySelector("#status")?.textContent ?? "", settled: document.querySelector("#send")?.disabled === false || /^Could not/.test(document.querySelector("#status")?.textContent ?? "") })`);
  /** Waits for the page to be done, then compares what it shows. */
  const expectScreen = async (session: string, step: string, expected: (text: string) => boolean): Promise<string> => {
    const deadline = Date.now() + STEP_MS;
    let seen: Screen = { text: "(nothing yet)", settled: false };
    while (Date.now() < deadline) {
      // The page may be between documents while it loads; ask again.
      seen = await screen(session).catch(() => seen);
      if (seen.settled) break;
      await sleep(100);
    }
    if (!seen.settled || !expected(seen.text)) throw new Error(`${step}: the page shows "${seen.text}"${seen.settled ? "" : ` after ${STEP_MS / 1000} s`}; ${problems.join("; ") || "no error in the page"}`);
    return seen.text;
  };
  const click = (session: string) => browser.evaluate(session, `document.querySelector("#send").click()`);
  const left = (count: number) => (text: string) => text === `${count} messages left`;

  const first = await open();
  await expectScreen(first, "first tab, loaded", left(5));
  await click(first);
  await expectScreen(first, "first tab, one sent", left(4));
  const second = await open();
  await expectScreen(second, "second tab, loaded", left(4));
  const mints = () => sandbox.requests.filter((request) => request.path === "keys.mint");
  if (mints().length !== 1) throw new Error(`the second tab did not start from the stored pair: ${mints().length} keys.mint`);

  // Autumn's clock passes the access token's expiry (the browser's does not): both tabs' next calls are
  // refused with 401 and renewed, at the same moment, from one pair.
  sandbox.advanceClock(65 * 60_000);
  await Promise.all([click(first), click(second)]);
  const after = await Promise.all([first, second].map((session, tab) => expectScreen(session, `tab ${tab + 1}, one sent after the refresh`, (text) => left(3)(text) || left(2)(text))));
  if (!after.includes("2 messages left")) throw new Error(`after three sent, the tabs show ${after.join(" and ")}`);
  const stored = await browser.evaluate<string>(first, "JSON.stringify({ ...localStorage })");
  await Promise.all(reads);

  // What Autumn (the sandbox) saw.
  const failures: string[] = [];
  const expect = (condition: unknown, message: string) => condition || failures.push(message);
  const [mint] = mints();
  expect(mints().length === 1 && mint?.authorization === `Bearer ${SECRET}` && (mint.body as { customer_id?: unknown }).customer_id === USER, `keys.mint: ${mints().length}, ${mint?.authorization?.slice(0, 14)}…`);
  const usage = sandbox.requests.filter((request) => request.path === "balances.check" || request.path === "balances.track");
  const count = (path: string) => usage.filter((request) => request.path === path).length;
  expect(count("balances.check") >= 5 && count("balances.track") >= 3, `${count("balances.check")} checks and ${count("balances.track")} tracks reached the sandbox`);
  for (const request of usage) {
    const customer = (request.body as { customer_id?: unknown }).customer_id;
    expect(request.authorization?.startsWith("Bearer am_jwt_") && claims(request.authorization).sub === USER && customer === USER, `${request.path} with ${request.authorization?.slice(0, 14)}… for ${String(customer)}`);
  }
  const usageOf = () => sandbox.state.customers.get(USER)?.rows.filter((row) => row.feature_id === "messages").reduce((sum, row) => sum + row.usage, 0);
  expect(usageOf() === 3, `usage ${usageOf()}, expected 3`);
  const refreshes = sandbox.requests.filter((request) => request.path === "keys.refresh");
  // Web Locks let one tab refresh at a time. Chromium may hand the lock to the second tab before the first
  // tab's localStorage write reaches it; the first tab's lock marking its refresh token spent makes the second
  // wait for the new pair instead of refreshing the same one again. So exactly one refresh, and no revocation.
  const generations = refreshes.map((request) => claims(request.authorization).gen).join(", ");
  expect(refreshes.length === 1 && refreshes.every((request) => claims(request.authorization).sub === USER), `${refreshes.length} keys.refresh (refresh tokens of generations ${generations}), expected 1 for the two tabs`);
  expect(sandbox.state.tokens.customers.get(USER)?.epoch === 0, "the sandbox revoked the customer's tokens (refresh token reuse)");
  const other = sandbox.requests.filter((request) => !["customers.get_or_create", "billing.attach", "keys.mint", "keys.refresh", "balances.check", "balances.track"].includes(request.path));
  expect(other.length === 0, `unexpected requests: ${other.map((request) => request.path).join(", ")}`);

  // No secret key reached the browser: not in its bundle, nor anything it received, sent or stored.
  expect(!SECRET_KEY.test(script) && !script.includes(SECRET), "the page's bundle holds a secret key");
  for (const { url, text } of received) expect(!SECRET_KEY.test(text), `a secret key reached the browser in ${url}`);
  for (const request of sent) expect(!SECRET_KEY.test(request), `the browser sent a secret key: ${request.slice(0, 120)}`);
  expect(!SECRET_KEY.test(stored) && stored.includes("am_jwt_"), "localStorage does not hold the token pair alone");
  expect(unread.length === 0, `response bodies not read: ${unread.join("; ")}`);
  // The capture saw what it had to: the bundle, and the pair from the backend.
  expect(received.some(({ text }) => text === script), "the page's bundle is not among the responses captured");
  expect(received.some(({ url, text }) => url.endsWith("/api/autumn-tokens") && text.includes("am_jwt_")), "the backend's pair is not among the responses captured");
  expect(problems.length === 0, `errors in the page: ${problems.join("; ")}`);

  return failures.length === 0
    ? {
        ok: true,
        detail:
          `page ${gzip.toLocaleString("en-US")} B gzip; pair minted by the Hono route with the secret key; ${count("balances.check")} checks, ${count("balances.track")} tracks ` +
          `sent by the page with ${USER}'s am_jwt_ token; 2 tabs through a forced refresh (${refreshes.length} keys.refresh, no revocation); no am_sk_ in the bundle or ${responses.size} responses`,
      }
    : { ok: false, detail: failures.join("; ") };
}
