/**
 * Per-call overhead: sequential calls against a local `node:http` server that
 * answers every request with test/fixtures/customer.json over keep-alive.
 *
 * The server runs in a forked child process, not in this one. In the same
 * process it would share this event loop, and its parsing and writing would
 * add the same microseconds to every variant, pulling all ratios towards 1;
 * in a child it runs on its own loop (on a 2-core machine, mostly on the
 * other core), so the client-side time of each variant stands out.
 *
 * Variants, interleaved call by call (the order rotates every call) so that
 * GC pauses, JIT and machine noise hit all of them alike:
 * - raw fetch: `fetch` POST + `JSON.parse(await res.text())` — the floor;
 * - fetch(Request) + clone: what ky does before any logic of its own (it
 *   builds a `Request` and clones it so that a retry can resend the body);
 * - bare ky: `ky.post(url, { json }).json()` with ky's defaults;
 * - fetch + schema: raw fetch, then the SDK's customer schema on the body —
 *   the floor plus validation, to split validation from pipeline cost;
 * - SDK: `customersGetOrCreate(core, params)` from dist, default settings
 *   (so a generated Idempotency-Key, a time budget timer, retries armed).
 *
 * How to read it: µs per call, median and p95, each median as a ratio to the
 * raw fetch median and to the bare ky median. The goal is SDK ≤ 1.05× bare ky
 * (the SDK adds at most 5% to the HTTP layer it is built on).
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import ky from "ky";
import * as v from "valibot";
import type { AutumnCore as AutumnCoreClass } from "../src/core.js";
import type { customersGetOrCreate as CustomersGetOrCreate } from "../src/funcs/customers-get-or-create.js";
import type { CustomerSchema as CustomerSchemaValue } from "../src/models/customer.js";
import { fixed, median, quantile, type Report, ROOT, rootURL } from "./lib.js";

const WARMUP = 300;
const CALLS = 2000;
const GOAL_RATIO = 1.05;

const SECRET_KEY = "am_sk_test_bench0123456789";
const params = { customerId: "user_123", name: "Patrick", email: "patrick@example.com" };
const wireParams = { customer_id: "user_123", name: "Patrick", email: "patrick@example.com" };

/** The built package, loaded at run time so that the bench measures dist/ (the types come from src/). */
async function loadBuilt() {
  const [{ AutumnCore }, { customersGetOrCreate }, { CustomerSchema }] = await Promise.all([
    import(rootURL("dist/core.js")) as Promise<{ AutumnCore: typeof AutumnCoreClass }>,
    import(rootURL("dist/funcs/customers-get-or-create.js")) as Promise<{ customersGetOrCreate: typeof CustomersGetOrCreate }>,
    import(rootURL("dist/models/customer.js")) as Promise<{ CustomerSchema: typeof CustomerSchemaValue }>,
  ]);
  return { AutumnCore, customersGetOrCreate, CustomerSchema };
}

async function startServer(): Promise<{ origin: string; stop(): void }> {
  const child = fork(`${ROOT}bench/fixture-server.mjs`, [`${ROOT}test/fixtures/customer.json`], {
    execArgv: [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [message] = (await once(child, "message")) as [{ port: number }];
  return { origin: `http://127.0.0.1:${message.port}`, stop: () => child.kill() };
}

export async function runPerCall(report: Report): Promise<void> {
  const { AutumnCore, customersGetOrCreate, CustomerSchema } = await loadBuilt();
  const server = await startServer();
  try {
    const url = `${server.origin}/v1/customers.get_or_create`;
    const core = new AutumnCore({ secretKey: SECRET_KEY, serverURL: server.origin });
    const headers = { authorization: `Bearer ${SECRET_KEY}`, "x-api-version": "2.3.0" };

    const rawFetch = async (): Promise<unknown> => {
      const response = await fetch(url, {
        method: "POST",
        headers: { ...headers, accept: "application/json", "content-type": "application/json" },
        body: JSON.stringify(wireParams),
      });
      if (!response.ok) throw new Error(`raw fetch got HTTP ${response.status}`);
      return JSON.parse(await response.text());
    };
    const variants: { label: string; call: () => Promise<unknown> }[] = [
      { label: "raw fetch + JSON.parse", call: rawFetch },
      {
        // What ky does before any of its own logic: a Request, cloned so that a retry can resend it.
        label: "fetch(Request) + clone",
        call: async () => {
          const request = new Request(url, {
            method: "POST",
            headers: { ...headers, accept: "application/json", "content-type": "application/json" },
            body: JSON.stringify(wireParams),
          });
          const spare = request.clone();
          const response = await fetch(request);
          if (!response.ok || spare.bodyUsed) throw new Error(`fetch(Request) got HTTP ${response.status}`);
          return JSON.parse(await response.text());
        },
      },
      { label: "bare ky.post().json()", call: () => ky.post(url, { json: wireParams, headers }).json() },
      {
        // Bare ky plus the validation the SDK promises: what is left of SDK − this is the pipeline itself.
        label: "bare ky + customer schema",
        call: async () => {
          const parsed = v.safeParse(CustomerSchema, await ky.post(url, { json: wireParams, headers }).json());
          if (!parsed.success) throw new Error("the customer fixture failed the SDK's schema");
          return parsed.output;
        },
      },
      {
        label: "raw fetch + customer schema",
        call: async () => {
          const parsed = v.safeParse(CustomerSchema, await rawFetch());
          if (!parsed.success) throw new Error("the customer fixture failed the SDK's schema");
          return parsed.output;
        },
      },
      {
        label: "SDK customersGetOrCreate",
        call: async () => {
          const result = await customersGetOrCreate(core, params);
          if (!result.ok) throw result.error;
          return result.value;
        },
      },
    ];

    const times = variants.map(() => [] as number[]);
    for (let i = 0; i < WARMUP + CALLS; i++) {
      for (let k = 0; k < variants.length; k++) {
        const index = (i + k) % variants.length;
        const started = performance.now();
        await variants[index]!.call();
        const elapsed = (performance.now() - started) * 1000;
        if (i >= WARMUP) times[index]!.push(elapsed);
      }
    }

    const rawMedian = median(times[0]!);
    const rawP95 = quantile(times[0]!, 0.95);
    const kyMedian = median(times[variants.findIndex((variant) => variant.label.startsWith("bare ky"))]!);
    report.line(`Per-call time, server in a child process (${CALLS} calls per variant after ${WARMUP} warm-up, interleaved)`);
    report.table(
      ["variant", "median µs", "p95 µs", "× raw (median)", "× raw (p95)", "× bare ky (median)", "goal (SDK ≤ 1.05× ky)"],
      variants.map((variant, index) => {
        const med = median(times[index]!);
        const ratio = med / rawMedian;
        const kyRatio = med / kyMedian;
        const goal =
          variant.label.startsWith("SDK") ? (kyRatio <= GOAL_RATIO ? "met" : `missed by ${fixed(kyRatio - GOAL_RATIO, 2)}×`) : "";
        return [variant.label, fixed(med, 0), fixed(quantile(times[index]!, 0.95), 0), fixed(ratio, 2), fixed(quantile(times[index]!, 0.95) / rawP95, 2), fixed(kyRatio, 2), goal];
      }),
    );
    const medianOf = (prefix: string) => median(times[variants.findIndex((variant) => variant.label.startsWith(prefix))]!);
    const sdk = medianOf("SDK");
    const bareKy = medianOf("bare ky");
    const withSchema = medianOf("raw fetch + customer");
    const kyWithSchema = medianOf("bare ky + customer");
    report.line(
      `SDK − bare ky: ${fixed(sdk - bareKy, 0)} µs per call; validation share (fetch + schema − raw fetch): ${fixed(withSchema - rawMedian, 0)} µs; ` +
        `SDK ÷ (bare ky + schema): ${fixed(sdk / kyWithSchema, 2)}.`,
    );
  } finally {
    server.stop();
  }
}
