import { describe, expectTypeOf, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import type { AutumnCore } from "../../src/core.js";
import { invoicesInsert } from "../../src/funcs/invoices-insert.js";
import { invoicesList } from "../../src/funcs/invoices-list.js";
import { invoicesListItems } from "../../src/funcs/invoices-list-items.js";
import { invoicesListPages } from "../../src/funcs/invoices-list-pages.js";
import type { Result } from "../../src/lib/result.js";
import type { Customer, Invoice, InvoicePage, InvoiceRecord, InvoicesInsertParams, InvoicesInsertResponse, InvoicesListParams, SDKError } from "../../src/models/index.js";

declare const core: AutumnCore;

describe("invoice functions", () => {
  it("return a Result of a page, of each invoice, or of the recorded invoices", () => {
    expectTypeOf(invoicesList).returns.toEqualTypeOf<Promise<Result<InvoicePage, SDKError>>>();
    expectTypeOf(invoicesListPages).returns.toEqualTypeOf<AsyncGenerator<Result<InvoicePage, SDKError>, void, undefined>>();
    expectTypeOf(invoicesListItems).returns.toEqualTypeOf<AsyncGenerator<Result<InvoiceRecord, SDKError>, void, undefined>>();
    expectTypeOf(invoicesInsert).returns.toEqualTypeOf<Promise<Result<InvoicesInsertResponse, SDKError>>>();
    expectTypeOf<Autumn["invoices"]["listItems"]>().returns.toEqualTypeOf<AsyncGenerator<InvoiceRecord, void, undefined>>();
  });

  it("narrow to the invoice on ok, with nullable owner and amount and an open status", async () => {
    const result = await invoicesList(core, { customerId: "user_123" });
    if (!result.ok) {
      expectTypeOf(result.error).toEqualTypeOf<SDKError>();
      return;
    }
    const invoice = result.value.list[0]!;
    expectTypeOf(invoice.customerId).toEqualTypeOf<string | null>();
    expectTypeOf(invoice.entityId).toEqualTypeOf<string | null>();
    expectTypeOf(invoice.amountPaid).toEqualTypeOf<number | null>();
    expectTypeOf<"paid">().toExtend<InvoiceRecord["status"]>();
    expectTypeOf<"partially_refunded">().toExtend<InvoiceRecord["status"]>();
    expectTypeOf<InvoicesInsertResponse["invoices"][number]["customerId"]>().toEqualTypeOf<string>();
  });

  it("share the summary with a customer's expanded invoices", () => {
    expectTypeOf<NonNullable<Customer["invoices"]>[number]>().toEqualTypeOf<Invoice>();
    expectTypeOf<InvoiceRecord>().toExtend<Invoice>();
  });

  it("take closed statuses and processors, and readonly lists, in params", () => {
    expectTypeOf<{ status: ["open"]; processorTypes: ["revenuecat"] }>().toExtend<InvoicesListParams>();
    expectTypeOf<{ status: ["refunded"] }>().not.toExtend<InvoicesListParams>();
    const invoices = [{ customerId: "user_123", stripeId: "in_1", status: "paid", total: 1, createdAt: 0 }] as const;
    void invoicesInsert(core, { invoices });
    expectTypeOf<{ invoices: [{ customerId: string; stripeId: string; total: number; createdAt: number }] }>().not.toExtend<InvoicesInsertParams>();
    // @ts-expect-error: invoices are required
    void invoicesInsert(core, {});
  });
});
