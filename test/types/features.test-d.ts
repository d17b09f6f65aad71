import { describe, expectTypeOf, it } from "vitest";
import type { AutumnCore } from "../../src/core.js";
import { featuresCreate } from "../../src/funcs/features-create.js";
import { featuresGet } from "../../src/funcs/features-get.js";
import { featuresList } from "../../src/funcs/features-list.js";
import type { Result } from "../../src/lib/result.js";
import type { Feature } from "../../src/models/feature.js";
import type { FeaturesCreateParams } from "../../src/models/operations/features-create.js";
import type { FeatureList } from "../../src/models/operations/features-list.js";

declare const core: AutumnCore;

describe("feature types", () => {
  it("featuresCreate takes a picklist type and resolves to a Feature", () => {
    expectTypeOf<FeaturesCreateParams["type"]>().toEqualTypeOf<"boolean" | "metered" | "credit_system" | "ai_credit_system">();
    expectTypeOf(featuresCreate(core, { featureId: "seats", name: "Seats", type: "metered" })).resolves.toEqualTypeOf<Result<Feature>>();
    // @ts-expect-error single_use is not a type the API accepts
    void featuresCreate(core, { featureId: "seats", name: "Seats", type: "single_use" });
  });

  it("featuresGet returns a Feature whose type stays open to new values", () => {
    expectTypeOf(featuresGet).returns.resolves.toEqualTypeOf<Result<Feature>>();
    expectTypeOf<"boolean">().toMatchTypeOf<Feature["type"]>();
    expectTypeOf<"metered_v2">().toMatchTypeOf<Feature["type"]>();
  });

  it("featuresList needs no params", () => {
    expectTypeOf(featuresList(core)).resolves.toEqualTypeOf<Result<FeatureList>>();
    expectTypeOf<FeatureList["list"]>().toEqualTypeOf<Feature[]>();
  });
});
