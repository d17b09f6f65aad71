/**
 * What the sandbox's dashboard costs with a big sandbox: 10,000 customers and 100,000 events, filled through
 * the SDK in a `node --expose-gc` child (bench/dashboard-probe.mjs) that runs the built sandbox alone.
 *
 * - First paint of the customer list: headless Chromium (Debian's, as the tests use) opens the dashboard in a
 *   fresh tab, and a MutationObserver installed before the page's own script notes `performance.now()` (ms
 *   from the navigation's start) when the list's first row is in the DOM: the HTML, the script, one JSON page
 *   of 50 customers and its drawing. Beside it, the same measure of a bare page: a `node:http` server's
 *   static HTML holding a table of 50 rows, so the ratio is what the dashboard adds to what any page costs.
 *   Alternating, after a warm-up each; median of the rounds.
 * - The data behind it: the sandbox's time for each JSON view the page asks for (a request from this
 *   process, keep-alive), against the API's own `customers.list` of 50 customers in the same run.
 * - Memory: the sandbox process's heap used and RSS after a full GC, once filled and before any page was
 *   opened, then with the dashboard open in three tabs (the list, user_0 with its 20,000 events, the
 *   webhooks) polling for a few seconds. The difference includes the code compiled for the dashboard's
 *   requests. Skipped, with a line, where Chromium is missing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { Chromium } from "../scripts/runtimes/cdp.js";
import { chromiumPath } from "../scripts/runtimes/pins.js";
import { fixed, median, quantile, type Report, ROOT } from "./lib.js";

const CUSTOMERS = 10_000;
const EVENTS = 100_000;
const ROUNDS = 9;
const DATA_ROUNDS = 30;
const OPEN_MS = 5_000;
const MB = 1024 * 1024;
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

// Notes when the first row of a table is in the DOM, in ms from the navigation's start.
const OBSERVER = `(() => {
  const seen = () => {
    if (window.__firstRow === undefined && document.querySelector("table tbody tr")) {
      window.__firstRow = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** The child's lines, one JSON value each, in order. */
function lines(child: ChildProcess): () => Promise<any> {
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else queue.push(line);
  });
  return () => new Promise((resolve) => (queue.length > 0 ? resolve(queue.shift()!) : waiting.push(resolve))).then((line) => JSON.parse(line as string));
}

/** The bare page: 50 rows of a table in static HTML, from a bare node:http server. */
async function barePage(): Promise<{ url: string; close: () => Promise<void> }> {
  const rows = Array.from({ length: 50 }, (_, index) => `<tr><td>User ${9999 - index}</td><td>user_${9999 - index}</td><td>Free</td></tr>`).join("");
  const html = `<!doctype html><meta charset="utf-8"><title>bare</title><table><thead><tr><th>Customer</th><th>Id</th><th>Plan</th></tr></thead><tbody>${rows}</tbody></table>`;
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(html) }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Opens `url` in a fresh tab and resolves to the ms from the navigation's start to the list's first row in the DOM. */
async function firstRow(browser: Chromium, url: string): Promise<number> {
  const { targetId } = await browser.send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await browser.send("Target.attachToTarget", { targetId, flatten: true });
  try {
    await browser.send("Page.enable", {}, sessionId);
    await browser.send("Page.addScriptToEvaluateOnNewDocument", { source: OBSERVER }, sessionId);
    await browser.send("Page.navigate", { url }, sessionId);
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(20)) {
      const at = await browser.evaluate<number | null>(sessionId, "window.__firstRow ?? null").catch(() => null);
      if (at !== null) return at;
    }
    throw new Error(`no table row at ${url} within 60 s`);
  } finally {
    await browser.send("Target.closeTarget", { targetId });
  }
}

/** ms for one GET (or POST with a JSON body) answered in full. */
async function timed(url: string, init?: RequestInit): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, init);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

export async function runDashboard(report: Report): Promise<void> {
  if (!existsSync(chromiumPath)) {
    report.line(`Skipped: no Chromium at ${chromiumPath} (apt-get install chromium).`);
    return;
  }
  const child = spawn(process.execPath, ["--expose-gc", join(ROOT, "bench/dashboard-probe.mjs"), String(CUSTOMERS), String(EVENTS)], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  const next = lines(child);
  const measure = async (): Promise<{ heapUsed: number; rss: number }> => {
    child.stdin!.write("measure\n");
    return next();
  };
  const profile = mkdtempSync(join(tmpdir(), "autumn-bench-chromium-"));
  const bare = await barePage();
  let browser: Chromium | undefined;
  try {
    const { url, fillMs } = (await next()) as { url: string; fillMs: number };
    const filled = await measure();

    // The JSON views, from this process, as the page asks for them.
    const api = (name: string, query = "") => `${url}/_dashboard/api/${name}${query}`;
    const views: [string, () => Promise<number>][] = [
      ["customers.list, limit 50 (the API, baseline)", () => timed(`${url}/v1/customers.list`, { method: "POST", headers: { authorization: "Bearer am_sk_test_bench", "content-type": "application/json", "x-api-version": "2.3.0" }, body: '{"limit":50}' })],
      ["customers, first page of 50", () => timed(api("customers"))],
      ["customers, search user_4242", () => timed(api("customers", "?q=user_4242"))],
      ["customer user_0 (20,000 events)", () => timed(api("customer", "?key=user_0"))],
      ["usage of user_0, 30 days by day", () => timed(api("usage", "?key=user_0&range=30d"))],
      ["events of user_0, first 20", () => timed(api("events", "?key=user_0&limit=20"))],
      ["webhooks, first 50", () => timed(api("webhooks"))],
      ["summary (polled every second)", () => timed(api("summary"))],
    ];
    const dataTimes = new Map<string, number[]>(views.map(([name]) => [name, []]));
    for (let round = -1; round < DATA_ROUNDS; round++) {
      for (const [name, run] of views) {
        const ms = await run();
        if (round >= 0) dataTimes.get(name)!.push(ms);
      }
    }

    browser = new Chromium(profile, FLAGS);
    const paints: Record<"dashboard" | "bare", number[]> = { dashboard: [], bare: [] };
    for (let round = -1; round < ROUNDS; round++) {
      for (const kind of round % 2 === 0 ? (["dashboard", "bare"] as const) : (["bare", "dashboard"] as const)) {
        const ms = await firstRow(browser, kind === "bare" ? bare.url : `${url}/`);
        if (round >= 0) paints[kind].push(ms);
      }
    }

    // The dashboard left open: the list, a customer with 20,000 events, the webhooks, each polling.
    const tabs: string[] = [];
    for (const hash of ["#/customers", "#/customers/user_0", "#/webhooks"]) {
      const { targetId } = await browser.send("Target.createTarget", { url: `${url}/${hash}` });
      tabs.push(targetId);
    }
    await sleep(OPEN_MS);
    const open = await measure();
    for (const targetId of tabs) await browser.send("Target.closeTarget", { targetId });

    report.line(`Sandbox with ${CUSTOMERS.toLocaleString("en-US")} customers and ${EVENTS.toLocaleString("en-US")} events (filled through the SDK in ${fixed(fillMs / 1000)} s), in a node --expose-gc child`);
    report.line();
    report.line(`First paint of the customer list: ms from navigation start to the list's first row in the DOM (headless Chromium, fresh tab, median of ${ROUNDS})`);
    report.table(
      ["page", "median ms", "p90 ms", "× bare"],
      (["dashboard", "bare"] as const).map((kind) => [
        kind === "dashboard" ? "dashboard: HTML, script, 50 customers as JSON, drawn" : "bare page: static HTML table of 50 rows (baseline)",
        fixed(median(paints[kind])),
        fixed(quantile(paints[kind], 0.9)),
        fixed(median(paints[kind]) / median(paints.bare), 2),
      ]),
    );
    report.line();
    report.line(`The page's JSON views: ms per request answered, from a keep-alive client (median of ${DATA_ROUNDS})`);
    const baseline = median(dataTimes.get(views[0]![0])!);
    report.table(
      ["request", "median ms", "p90 ms", "× customers.list"],
      views.map(([name]) => [name, fixed(median(dataTimes.get(name)!), 2), fixed(quantile(dataTimes.get(name)!, 0.9), 2), fixed(median(dataTimes.get(name)!) / baseline, 2)]),
    );
    report.line();
    report.line(`The sandbox's memory after a full GC (MB = 1024² bytes)`);
    report.table(
      ["state", "heap used MB", "RSS MB"],
      [
        ["filled, no page opened yet", fixed(filled.heapUsed / MB), fixed(filled.rss / MB)],
        [`dashboard open in 3 tabs for ${OPEN_MS / 1000} s`, fixed(open.heapUsed / MB), fixed(open.rss / MB)],
        ["difference", fixed((open.heapUsed - filled.heapUsed) / MB), fixed((open.rss - filled.rss) / MB)],
      ],
    );
  } finally {
    browser?.close();
    child.stdin!.write("quit\n");
    await new Promise((resolve) => child.once("exit", resolve));
    await bare.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
