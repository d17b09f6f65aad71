import { afterEach } from "vitest";
import { AutumnCore, type AutumnOptions } from "../../src/core.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import { customersGetOrCreate } from "../../src/funcs/customers-get-or-create.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import type { UsageQueue } from "../../src/usage-queue/types.js";

/** A catalog whose one feature every customer has a billion of, so that every unit tracked shows in `usage`. */
export const LEDGER_CATALOG = {
  features: [{ featureId: "api_calls", name: "API calls", type: "metered", consumable: true }],
  plans: [{ planId: "metered", name: "Metered", group: "main", autoEnable: true, items: [{ featureId: "api_calls", included: 1_000_000_000, reset: { interval: "month" } }] }],
} as const;

/** Retry delays small enough that a test's backoffs take milliseconds; the logic is the same. */
export const FAST = { retry: { initialDelayMs: 2, maxDelayMs: 20 }, flushIntervalMs: 0 } as const;

/** Starts a sandbox with the ledger catalog and `customers` created, closed (with every queue made by `queue`) after each test. */
export function queueSandboxes() {
  const open: { sandbox: Sandbox; queues: UsageQueue[] }[] = [];
  afterEach(async () => {
    for (const { sandbox, queues } of open.splice(0)) {
      await Promise.all(queues.map((queue) => queue.close({ deadlineMs: 1_000 })));
      await sandbox.close();
    }
  });
  return async (customers: readonly string[] = ["user_1"], options: AutumnOptions = {}) => {
    // Every request kept: the tests count them all (the ledger test sends over 10,000).
    const sandbox = await startSandbox({ catalog: LEDGER_CATALOG as never, keepRequests: Infinity });
    const core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url, ...options });
    for (const customerId of customers) {
      const created = await customersGetOrCreate(core, { customerId });
      if (!created.ok) throw created.error;
    }
    const entry = { sandbox, queues: [] as UsageQueue[] };
    open.push(entry);
    return { sandbox, core, keep: <Q extends UsageQueue>(queue: Q): Q => (entry.queues.push(queue), queue) };
  };
}

/** The track requests the sandbox received under `key`. */
export function tracksUnder(sandbox: Sandbox, key: string) {
  return sandbox.requests.filter((request) => request.path === "balances.track" && request.idempotencyKey === key);
}

/** How many of the sandbox's events carry each `properties.n`. */
export function eventsByN(sandbox: Sandbox): Map<number, number> {
  const seen = new Map<number, number>();
  for (const event of sandbox.events) {
    const n = event.properties["n"] as number;
    seen.set(n, (seen.get(n) ?? 0) + 1);
  }
  return seen;
}

/** The units of `api_calls` a customer has used, as Autumn's balance says. */
export async function usageOf(core: AutumnCore, customerId: string): Promise<number> {
  const customer = await customersGet(core, { customerId });
  if (!customer.ok) throw customer.error;
  return customer.value.balances["api_calls"]!.usage;
}
