import { describe, expectTypeOf, it } from "vitest";
import type { AutumnCore } from "../../src/core.js";
import type { CustomerCore } from "../../src/customer-core.js";
import {
  applyTrackAnswer,
  type CachedCheckResult,
  cachedCheck,
  cachedTrack,
  createEntitlementCache,
  type EntitlementCache,
  type WebhookApplied,
} from "../../src/entitlements/index.js";
import type { CheckResult } from "../../src/funcs/balances-check.js";
import type { TrackResult } from "../../src/funcs/balances-track.js";
import type { Result } from "../../src/lib/result.js";

declare const autumn: AutumnCore;
declare const browser: CustomerCore;

describe("entitlement cache types", () => {
  it("keeps the client's kind, so a token's cache takes params without customerId", async () => {
    const server = createEntitlementCache(autumn);
    const page = createEntitlementCache(browser);
    expectTypeOf(server).toEqualTypeOf<EntitlementCache<AutumnCore>>();
    expectTypeOf(await cachedCheck(server, { customerId: "user_123", featureId: "messages" })).toEqualTypeOf<Result<CachedCheckResult>>();
    expectTypeOf(await cachedCheck(page, { featureId: "messages" })).toEqualTypeOf<Result<CachedCheckResult>>();
    // @ts-expect-error a server's cache needs the customer
    await cachedCheck(server, { featureId: "messages" });
    // @ts-expect-error a token acts for its own customer only
    await cachedCheck(page, { customerId: "user_123", featureId: "messages" });
    expectTypeOf(await cachedTrack(page, { featureId: "messages" })).toEqualTypeOf<Result<TrackResult>>();
  });

  it("answers balancesCheck's value with where it came from", () => {
    expectTypeOf<CachedCheckResult>().toExtend<CheckResult>();
    expectTypeOf<CachedCheckResult["source"]>().toEqualTypeOf<"cache" | "network" | "stale">();
    expectTypeOf<CachedCheckResult["ageMs"]>().toEqualTypeOf<number>();
    expectTypeOf<WebhookApplied["action"]>().toEqualTypeOf<"dropped" | "marked" | "reloaded" | "ignored" | "duplicate">();
  });

  it("applies a track answer and a check answer alike", () => {
    expectTypeOf<TrackResult>().toExtend<Parameters<typeof applyTrackAnswer>[1]>();
    expectTypeOf<CheckResult>().toExtend<Parameters<typeof applyTrackAnswer>[1]>();
  });
});
