import { describe, expectTypeOf, it } from "vitest";
import type { AutumnCore } from "../../src/core.js";
import { balancesBatchTrack } from "../../src/funcs/balances-batch-track.js";
import { balancesCheck, type CheckResult } from "../../src/funcs/balances-check.js";
import { balancesTrack, type TrackResult } from "../../src/funcs/balances-track.js";
import type { RequestOptions } from "../../src/lib/config.js";
import type { Result } from "../../src/lib/result.js";
import type { Balance } from "../../src/models/balance.js";
import type { BalancesBatchTrackParams, BalancesBatchTrackResponse, BatchTrackEvent } from "../../src/models/operations/balances-batch-track.js";
import type { BalancesCheckParams, BalancesCheckResponse, CheckPreview } from "../../src/models/operations/balances-check.js";
import type { BalancesTrackParams } from "../../src/models/operations/balances-track.js";
import type { TrackResponse } from "../../src/models/track-response.js";

describe("balancesCheck types", () => {
  it("takes BalancesCheckParams and resolves to a Result of BalancesCheckResponse, marked when it failed open", () => {
    expectTypeOf<Parameters<typeof balancesCheck>>().toEqualTypeOf<[AutumnCore, BalancesCheckParams, (RequestOptions | undefined)?]>();
    expectTypeOf(balancesCheck).returns.resolves.toEqualTypeOf<Result<CheckResult>>();
    expectTypeOf<CheckResult["failedOpen"]>().toEqualTypeOf<true | undefined>();
    expectTypeOf<BalancesCheckResponse>().toMatchTypeOf<CheckResult>();
  });

  it("requires customerId and featureId, and leaves lock.enabled optional", () => {
    expectTypeOf<{ customerId: string; featureId: string }>().toExtend<BalancesCheckParams>();
    expectTypeOf<{ customerId: string }>().not.toExtend<BalancesCheckParams>();
    expectTypeOf<{ customerId: string; featureId: string; lock: { lockId: string } }>().toExtend<BalancesCheckParams>();
    // @ts-expect-error a misspelt field is refused in an object literal
    const typo: BalancesCheckParams = { customerId: "user_123", featureId: "messages", sendEvnt: true };
    expectTypeOf(typo).toEqualTypeOf<BalancesCheckParams>();
  });

  it("is a plain type a synthesised (fail-open) answer can be written as", () => {
    const failOpen: BalancesCheckResponse = { allowed: true, customerId: "user_123", balance: null, flag: null };
    expectTypeOf(failOpen.allowed).toEqualTypeOf<boolean>();
    expectTypeOf<BalancesCheckResponse["balance"]>().toEqualTypeOf<Balance | null>();
    expectTypeOf<BalancesCheckResponse["balances"]>().toEqualTypeOf<Record<string, Balance | null> | undefined>();
    expectTypeOf<BalancesCheckResponse["preview"]>().toEqualTypeOf<CheckPreview | undefined>();
    expectTypeOf<CheckPreview["scenario"]>().toExtend<string>();
    expectTypeOf<"usage_limit">().toExtend<CheckPreview["scenario"]>();
  });
});

describe("balancesTrack types", () => {
  it("takes BalancesTrackParams and resolves to a Result of TrackResponse, marked when it failed open", () => {
    expectTypeOf<Parameters<typeof balancesTrack>>().toEqualTypeOf<[AutumnCore, BalancesTrackParams, (RequestOptions | undefined)?]>();
    expectTypeOf(balancesTrack).returns.resolves.toEqualTypeOf<Result<TrackResult>>();
    expectTypeOf<TrackResponse>().toMatchTypeOf<TrackResult>();
  });

  it("keeps properties as free-form data and overageBehavior as a closed set", () => {
    expectTypeOf<BalancesTrackParams["properties"]>().toEqualTypeOf<Record<string, unknown> | undefined>();
    expectTypeOf<BalancesTrackParams["overageBehavior"]>().toEqualTypeOf<"cap" | "overflow" | undefined>();
  });

  it("is a plain type a synthesised answer can be written as", () => {
    const queued: TrackResponse = { customerId: "user_123", value: 1, balance: null };
    expectTypeOf(queued.value).toEqualTypeOf<number>();
    expectTypeOf<NonNullable<TrackResponse["deductions"]>[number]["planId"]>().toEqualTypeOf<string | null>();
  });
});

describe("balancesBatchTrack types", () => {
  it("takes a readonly array of events and resolves to a Result of BalancesBatchTrackResponse", () => {
    expectTypeOf<Parameters<typeof balancesBatchTrack>>().toEqualTypeOf<[AutumnCore, BalancesBatchTrackParams, (RequestOptions | undefined)?]>();
    expectTypeOf<readonly BatchTrackEvent[]>().toEqualTypeOf<BalancesBatchTrackParams>();
    expectTypeOf(balancesBatchTrack).returns.resolves.toEqualTypeOf<Result<BalancesBatchTrackResponse>>();
    expectTypeOf<BatchTrackEvent>().not.toHaveProperty("async");
  });
});
