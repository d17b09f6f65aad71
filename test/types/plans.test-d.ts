import { describe, expectTypeOf, it } from "vitest";
import type { AutumnCore } from "../../src/core.js";
import { plansCreate } from "../../src/funcs/plans-create.js";
import { plansList } from "../../src/funcs/plans-list.js";
import { plansUpdate } from "../../src/funcs/plans-update.js";
import type { Result } from "../../src/lib/result.js";
import type { PlansCreateParams } from "../../src/models/operations/plans-create.js";
import type { PlanList } from "../../src/models/operations/plans-list.js";
import type { PlansUpdateParams } from "../../src/models/operations/plans-update.js";
import type { Plan } from "../../src/models/plan.js";

declare const core: AutumnCore;

describe("plan types", () => {
  it("plansCreate needs planId and name and resolves to a Plan", () => {
    expectTypeOf(plansCreate).parameter(1).toEqualTypeOf<PlansCreateParams>();
    expectTypeOf<PlansCreateParams["planId"]>().toEqualTypeOf<string>();
    expectTypeOf<PlansCreateParams["name"]>().toEqualTypeOf<string>();
    expectTypeOf(plansCreate(core, { planId: "pro", name: "Pro" })).resolves.toEqualTypeOf<Result<Plan>>();
    // @ts-expect-error name is required
    void plansCreate(core, { planId: "pro" });
    // @ts-expect-error create cannot null the price; only update removes it
    void plansCreate(core, { planId: "pro", name: "Pro", price: null });
  });

  it("plansCreate types item prices with picklists and the 'inf' tier bound", () => {
    type Item = NonNullable<PlansCreateParams["items"]>[number];
    type Price = NonNullable<Item["price"]>;
    expectTypeOf<Price["billingMethod"]>().toEqualTypeOf<"prepaid" | "usage_based">();
    expectTypeOf<NonNullable<Price["tiers"]>[number]["to"]>().toEqualTypeOf<number | "inf">();
  });

  it("plansUpdate accepts null to remove price, trial and base plan", () => {
    expectTypeOf<null>().toMatchTypeOf<PlansUpdateParams["price"]>();
    expectTypeOf<null>().toMatchTypeOf<PlansUpdateParams["freeTrial"]>();
    expectTypeOf<null>().toMatchTypeOf<PlansUpdateParams["basePlanId"]>();
    expectTypeOf(plansUpdate).returns.resolves.toEqualTypeOf<Result<Plan>>();
  });

  it("plansList params are optional and the result has a list of plans without a cursor", () => {
    expectTypeOf(plansList(core)).resolves.toEqualTypeOf<Result<PlanList>>();
    expectTypeOf<PlanList>().toEqualTypeOf<{ list: Plan[] }>();
    expectTypeOf<Plan["metadata"]>().toEqualTypeOf<Record<string, unknown>>();
  });
});
