import { describe, expectTypeOf, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import type { AutumnCore } from "../../src/core.js";
import { licensesAttach } from "../../src/funcs/licenses-attach.js";
import { licensesList } from "../../src/funcs/licenses-list.js";
import { licensesListAssignments } from "../../src/funcs/licenses-list-assignments.js";
import type { Result } from "../../src/lib/result.js";
import type { Customer, License, LicenseAssignment, LicenseList, LicensesAttachParams, LicensesReleaseParams, SDKError } from "../../src/models/index.js";

declare const core: AutumnCore;

describe("license functions", () => {
  it("return a Result of the pools the customer carries too", () => {
    expectTypeOf(licensesList).returns.toEqualTypeOf<Promise<Result<LicenseList, SDKError>>>();
    expectTypeOf<LicenseList["list"][number]>().toEqualTypeOf<License>();
    expectTypeOf<Customer["licenses"][number]>().toEqualTypeOf<License>();
    expectTypeOf<Autumn["licenses"]["listAssignments"]>().returns.toEqualTypeOf<Promise<{ list: LicenseAssignment[] }>>();
  });

  it("narrow to the assignments on ok, a held seat having no end", async () => {
    const result = await licensesListAssignments(core, { customerId: "org_42" });
    if (result.ok) expectTypeOf(result.value.list[0]!.endedAt).toEqualTypeOf<number | null>();
    else expectTypeOf(result.error.name).toExtend<string>();
  });

  it("need a customer and at least the entity ids; attach names the plan planId, release licensePlanId", () => {
    expectTypeOf<{ customerId: string; planId: string; entities: [{ entityId: string }] }>().toExtend<LicensesAttachParams>();
    expectTypeOf<{ customerId: string; entities: [{ entityId: string }] }>().not.toExtend<LicensesAttachParams>();
    expectTypeOf<{ customerId: string; entityIds: readonly string[]; licensePlanId: string }>().toExtend<LicensesReleaseParams>();
    expectTypeOf<LicensesReleaseParams>().not.toHaveProperty("planId");
    // @ts-expect-error: entities take entityId, not id
    void licensesAttach(core, { customerId: "org_42", planId: "seat", entities: [{ id: "user_ada" }] });
  });
});
