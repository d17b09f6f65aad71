import { afterAll, beforeAll, beforeEach, vi } from "vitest";
import { AutumnCore } from "../../src/core.js";
import type { EntitlementCacheOptions } from "../../src/entitlements/index.js";
import { customersGetOrCreate } from "../../src/funcs/customers-get-or-create.js";
import { createEntitlementCache, type EntitlementCache } from "../../src/entitlements/index.js";
import type { Result } from "../../src/lib/result.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../src/sandbox/index.js";

/** A sandbox, a client of it without retries, and a cache over the client on the sandbox's clock. */
export interface Harness {
  readonly sandbox: Sandbox;
  readonly core: AutumnCore;
  readonly cache: EntitlementCache<AutumnCore>;
  /** A new customer of the sandbox's catalog (on its auto-enabled plans), with an id no other test uses. */
  newCustomer(): Promise<string>;
  close(): Promise<void>;
}

export async function harness(options: SandboxOptions = {}, cacheOptions: EntitlementCacheOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox(options);
  const core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } });
  const cache = createEntitlementCache(core, { now: () => sandbox.now(), ...cacheOptions });
  let made = 0;
  const newCustomer = async () => {
    const customerId = `user_${++made}`;
    const created = await customersGetOrCreate(core, { customerId });
    if (!created.ok) throw created.error;
    return customerId;
  };
  return { sandbox, core, cache, newCustomer, close: () => sandbox.close() };
}

/** A harness for the whole test file, started before its first test and closed after its last, each test on `stillClock`. */
export function useHarness(options: SandboxOptions = {}, cacheOptions: EntitlementCacheOptions = {}): Harness {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await harness(options, cacheOptions);
  });
  afterAll(async () => {
    await current?.close();
  });
  beforeEach(stillClock);
  const started = (): Harness => {
    if (!current) throw new Error("the harness starts in beforeAll");
    return current;
  };
  return {
    get sandbox() {
      return started().sandbox;
    },
    get core() {
      return started().core;
    },
    get cache() {
      return started().cache;
    },
    newCustomer: () => started().newCustomer(),
    close: () => started().close(),
  };
}

/** The requests the sandbox received to one route since `from` (an index into `sandbox.requests`). */
export function requestsTo(sandbox: Sandbox, path: string, from = 0): number {
  return sandbox.requests.slice(from).filter((request) => request.path === path).length;
}

/**
 * A check's answer in a form two answers can be compared in: where it came from left out, and the
 * breakdown in id order (the sandbox lists a customer's grants in the order they were made, and a
 * check's in the order it spends them; Autumn uses one order for both).
 */
export function comparable(result: Result<object>): unknown {
  if (!result.ok) return { error: result.error.name, status: (result.error as { status?: number }).status, code: (result.error as { code?: string }).code };
  const { source: _source, ageMs: _age, ...value } = result.value as Record<string, unknown>;
  const balance = value["balance"] as { breakdown?: { id?: string }[] } | null;
  if (balance?.breakdown) value["balance"] = { ...balance, breakdown: [...balance.breakdown].sort((a, b) => String(a.id).localeCompare(String(b.id))) };
  return value;
}

/**
 * Stops real time for `Date` (timers stay real, so requests still travel): the sandbox's clock and the
 * cache's then move only with `advanceClock`, however slow the machine. test/setup.ts restores it after
 * each test; call it in `beforeEach`.
 */
export function stillClock(): void {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
}
