import { describe, expectTypeOf, it } from "vitest";
import type { AutumnCore } from "../../src/core.js";
import { rewardsCreate } from "../../src/funcs/rewards-create.js";
import { rewardsGet } from "../../src/funcs/rewards-get.js";
import { rewardsUpdate } from "../../src/funcs/rewards-update.js";
import type { Result } from "../../src/lib/result.js";
import type { Coupon, CouponCreateParams, FeatureGrant, FeatureGrantCreateParams, Reward, RewardsCreateParams, SDKError } from "../../src/models/index.js";

declare const core: AutumnCore;
declare const coupon: CouponCreateParams;
declare const grant: FeatureGrantCreateParams;

describe("reward functions", () => {
  it("return a Result of the reward, a coupon or a feature grant", () => {
    expectTypeOf(rewardsGet).returns.toEqualTypeOf<Promise<Result<Reward, SDKError>>>();
    expectTypeOf<Reward["coupon"]>().toEqualTypeOf<Coupon | undefined>();
    expectTypeOf<Reward["featureGrant"]>().toEqualTypeOf<FeatureGrant | undefined>();
  });

  it("narrow to the coupon or the grant the answer holds", async () => {
    const result = await rewardsGet(core, { rewardId: "summer_sale" });
    if (!result.ok) return;
    const { coupon: found, featureGrant } = result.value;
    if (found) {
      expectTypeOf(found.duration.length).toEqualTypeOf<number | null>();
      expectTypeOf<"invoice_credits">().toExtend<typeof found.type>();
    } else if (featureGrant) {
      expectTypeOf(featureGrant.grants[0]!.included).toEqualTypeOf<number | null>();
    }
  });

  it("take exactly one of coupon and featureGrant to create, and narrow on the one given", () => {
    void rewardsCreate(core, { coupon });
    void rewardsCreate(core, { featureGrant: grant });
    // @ts-expect-error: a reward is one or the other
    void rewardsCreate(core, { coupon, featureGrant: grant });
    // @ts-expect-error: and not neither
    void rewardsCreate(core, {});
    const params = {} as RewardsCreateParams;
    if (params.coupon) expectTypeOf(params.featureGrant).toEqualTypeOf<undefined>();
    else expectTypeOf(params.featureGrant).toEqualTypeOf<FeatureGrantCreateParams>();
  });

  it("take closed coupon kinds and durations, and refuse invoice credits, which only answers carry", () => {
    expectTypeOf<CouponCreateParams["type"]>().toEqualTypeOf<"percentage_discount" | "fixed_discount">();
    expectTypeOf<CouponCreateParams["duration"]["type"]>().toEqualTypeOf<"one_off" | "months" | "forever">();
    expectTypeOf<CouponCreateParams["planIds"]>().toEqualTypeOf<readonly string[] | null>();
  });

  it("update one kind at a time, what can change of it", () => {
    void rewardsUpdate(core, { rewardId: "summer_sale", coupon: { promoCodes: [{ code: "SUMMER25" }] } });
    // @ts-expect-error: a coupon's value cannot change
    void rewardsUpdate(core, { rewardId: "summer_sale", coupon: { value: 25 } });
    // @ts-expect-error: one kind at a time
    void rewardsUpdate(core, { rewardId: "summer_sale", coupon: {}, featureGrant: {} });
  });
});
