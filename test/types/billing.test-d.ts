import { describe, expectTypeOf, it } from "vitest";
import type { AutumnCore } from "../../src/core.js";
import { billingAttach } from "../../src/funcs/billing-attach.js";
import { billingPreviewAttach } from "../../src/funcs/billing-preview-attach.js";
import { billingImport } from "../../src/funcs/billing-import.js";
import type { Result } from "../../src/lib/result.js";
import type { BillingResult } from "../../src/models/billing.js";
import type { AttachPreview } from "../../src/models/billing-preview.js";
import type { BillingAttachParams } from "../../src/models/operations/billing-attach.js";
import type { BillingImport } from "../../src/models/operations/billing-import.js";
import { Billing } from "../../src/sdk/billing.js";

declare const core: AutumnCore;

describe("billing types", () => {
  it("requires customerId and planId to attach, and types the customisation", () => {
    expectTypeOf<BillingAttachParams["customerId"]>().toEqualTypeOf<string>();
    expectTypeOf<BillingAttachParams["planId"]>().toEqualTypeOf<string>();
    expectTypeOf<{ customerId: string }>().not.toMatchTypeOf<BillingAttachParams>();
    expectTypeOf<NonNullable<BillingAttachParams["redirectMode"]>>().toEqualTypeOf<"always" | "if_required" | "never">();
    expectTypeOf<NonNullable<NonNullable<BillingAttachParams["customize"]>["freeTrial"]>>().toMatchTypeOf<{ durationLength: number } | null>();
    expectTypeOf(billingAttach).parameter(1).toEqualTypeOf<BillingAttachParams>();
    expectTypeOf(billingAttach(core, { customerId: "u", planId: "pro" })).toEqualTypeOf<Promise<Result<BillingResult>>>();
  });

  it("returns camelCase results with open enums", () => {
    expectTypeOf<BillingResult["paymentUrl"]>().toEqualTypeOf<string | null>();
    expectTypeOf<AttachPreview["checkoutType"]>().toMatchTypeOf<"stripe_checkout" | "autumn_checkout" | (string & {}) | null>();
    expectTypeOf<"stripe_checkout">().toMatchTypeOf<AttachPreview["checkoutType"]>();
    expectTypeOf<AttachPreview["lineItems"][number]["featureId"]>().toEqualTypeOf<string | null>();
    expectTypeOf(billingPreviewAttach(core, { customerId: "u", planId: "pro" })).resolves.toEqualTypeOf<Result<AttachPreview>>();
  });

  it("types the import result and the facade's `import` method", () => {
    expectTypeOf<BillingImport["customer"]>().toMatchTypeOf<{ id: string | null } | null>();
    expectTypeOf(billingImport).returns.resolves.toEqualTypeOf<Result<BillingImport>>();
    expectTypeOf<Billing["import"]>().returns.resolves.toEqualTypeOf<BillingImport>();
  });
});
