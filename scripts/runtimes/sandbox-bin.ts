// The `autumn-sandbox` command as a user runs it: the bin of the installed tarball, on a pinned Node, with
// an autumn.config-style catalog module. It must print where it listens, serve that catalog, and exit 0
// on SIGTERM.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";

interface Verdict {
  ok: boolean;
  detail: string;
}

const CATALOG = `export const messages = { id: "messages", name: "Messages", type: "metered", consumable: true };
export const free = { id: "free", name: "Free", autoEnable: true, items: [{ featureId: "messages", included: 3, reset: { interval: "month" } }] };
export const pro = { id: "pro", name: "Pro", price: { amount: 20, interval: "month" }, items: [{ featureId: "messages", included: 300, reset: { interval: "month" } }] };
`;

export function runInstalledSandbox(node: string, app: string, timeoutMs = 60_000): Promise<Verdict> {
  writeFileSync(`${app}/autumn.config.mjs`, CATALOG);
  return new Promise((resolve) => {
    const child = spawn(node, [`${app}/node_modules/.bin/autumn-sandbox`, "--port", "0", "--catalog", "autumn.config.mjs"], { cwd: app, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let out = "";
    let verdict: Verdict | undefined;
    const timer = setTimeout(() => {
      verdict ??= { ok: false, detail: `no answer within ${timeoutMs} ms: ${out.slice(-400)}` };
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stderr.on("data", (chunk) => (out += chunk));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (!url || verdict) return;
      verdict = { ok: false, detail: "checking" };
      fetch(`${url}/v1/plans.list`, { method: "POST", headers: { authorization: "Bearer am_sk_test_sandbox", "content-type": "application/json", "x-api-version": "2.3.0" }, body: "{}" })
        .then(async (response) => {
          const plans = ((await response.json()) as { list: { id: string }[] }).list.map((plan) => plan.id).join(", ");
          verdict = plans === "free, pro" ? { ok: true, detail: `served plans ${plans} from autumn.config.mjs` } : { ok: false, detail: `served plans ${plans}` };
        })
        .catch((error: unknown) => (verdict = { ok: false, detail: `plans.list failed: ${String(error)}` }))
        .finally(() => child.kill("SIGTERM"));
    });
    child.on("error", (error) => resolve({ ok: false, detail: `could not start: ${error.message}` }));
    child.on("close", (code) => {
      clearTimeout(timer);
      const result = verdict ?? { ok: false, detail: `exited ${code} before listening: ${out.slice(-400)}` };
      resolve(result.ok && code !== 0 ? { ok: false, detail: `${result.detail}, but exit ${code} on SIGTERM` } : result.ok ? { ...result, detail: `${result.detail}, exit 0 on SIGTERM` } : result);
    });
  });
}
