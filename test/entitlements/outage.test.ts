import { describe, expect, it } from "vitest";
import { AutumnCore } from "../../src/core.js";
import { cachedCheck, cachedTrack, cacheStats, createEntitlementCache } from "../../src/entitlements/index.js";
import { balancesCheck } from "../../src/funcs/balances-check.js";
import type { SandboxFault } from "../../src/sandbox/index.js";
import { comparable, useHarness } from "./helpers.js";


/**
 * An outage (the sandbox failing every request): with stale answers allowed,
 * checks keep answering from the last snapshot, marked; without, they fail,
 * or fail open when asked, exactly as balancesCheck does.
 */
const MAX_AGE = 10_000;
const MAX_STALE = 600_000;
const h = useHarness({}, { maxAgeMs: MAX_AGE, maxStaleMs: MAX_STALE });


const FAULTS: [string, SandboxFault][] = [
  ["503", { kind: "status", status: 503 }],
  ["500", { kind: "status", status: 500 }],
  ["a cut connection", { kind: "reset" }],
];

describe.each(FAULTS)("during an outage (%s)", (_name, fault) => {
  it("answers from a snapshot past maxAgeMs, marked stale, and only from one younger than maxStaleMs", async () => {
    const customerId = await h.newCustomer();
    await cachedTrack(h.cache, { customerId, featureId: "messages", value: 2 });
    await cachedCheck(h.cache, { customerId, featureId: "messages" });
    h.sandbox.advanceClock(MAX_AGE + 1);
    h.sandbox.fail(fault, { times: 1_000 });
    try {
      const from = h.sandbox.requests.length;
      const allowed = await cachedCheck(h.cache, { customerId, featureId: "messages", requiredBalance: 3 });
      expect(allowed.value).toMatchObject({ source: "stale", allowed: true, balance: { remaining: 3 } });
      expect(allowed.value!.ageMs).toBeGreaterThan(MAX_AGE);
      expect((await cachedCheck(h.cache, { customerId, featureId: "messages", requiredBalance: 4 })).value).toMatchObject({ source: "stale", allowed: false });
      // Each check tried a load, and nothing else.
      expect(h.sandbox.requests.slice(from).map((request) => request.path)).toEqual(["customers.get", "customers.get"]);

      h.sandbox.advanceClock(MAX_STALE);
      const tooOld = await cachedCheck(h.cache, { customerId, featureId: "messages" });
      expect(comparable(tooOld)).toEqual(comparable(await balancesCheck(h.core, { customerId, featureId: "messages" })));
    } finally {
      h.sandbox.clearFaults();
    }
    expect((await cachedCheck(h.cache, { customerId, featureId: "messages" })).value).toMatchObject({ source: "cache", allowed: true });
  });

  it("without stale answers, fails as balancesCheck fails, and with failOpen answers what balancesCheck answers", async () => {
    const customerId = await h.newCustomer();
    const cache = createEntitlementCache(h.core, { now: () => h.sandbox.now(), maxAgeMs: MAX_AGE });
    await cachedCheck(cache, { customerId, featureId: "messages" });
    h.sandbox.advanceClock(MAX_AGE + 1);
    h.sandbox.fail(fault, { times: 1_000 });
    try {
      const params = { customerId, featureId: "messages" };
      const failed = await cachedCheck(cache, params);
      expect(failed.ok).toBe(false);
      expect(comparable(failed)).toEqual(comparable(await balancesCheck(h.core, params)));
      const openCore = new AutumnCore({ secretKey: h.sandbox.secretKey, serverURL: h.sandbox.url, retryConfig: { limit: 0 }, failOpen: true });
      const open = createEntitlementCache(openCore, { now: () => h.sandbox.now() });
      const opened = await cachedCheck(open, params);
      const direct = await balancesCheck(openCore, params);
      expect(opened.value).toMatchObject({ source: "network", allowed: true, failedOpen: true, balance: null, flag: null });
      const { failOpenCause: cause, source: _source, ageMs: _age, ...value } = opened.value!;
      const { failOpenCause: directCause, ...directValue } = direct.value!;
      expect(value).toEqual(directValue);
      expect(cause?.name).toBe(directCause?.name);
      // Per call, as balancesCheck takes it.
      expect((await cachedCheck(cache, params, { failOpen: true })).value).toMatchObject({ allowed: true, failedOpen: true });
    } finally {
      h.sandbox.clearFaults();
    }
  });
});

it("never answers from before a reset, even stale", async () => {
  const customerId = await h.newCustomer();
  await cachedTrack(h.cache, { customerId, featureId: "messages", value: 5 });
  const spent = await cachedCheck(h.cache, { customerId, featureId: "messages" });
  expect(spent.value).toMatchObject({ allowed: false, source: "cache" });
  h.sandbox.advanceClock(spent.value!.balance!.nextResetAt! - h.sandbox.now() + 1);
  h.sandbox.fail({ kind: "status", status: 503 }, { times: 2 });
  try {
    const after = await cachedCheck(h.cache, { customerId, featureId: "messages" });
    expect(after.error).toMatchObject({ name: "AutumnAPIError", status: 503 });
  } finally {
    h.sandbox.clearFaults();
  }
  expect(cacheStats(h.cache).staleAnswers).toBeGreaterThan(0);
});
