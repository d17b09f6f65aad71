import { describe, expect, it } from "vitest";
import { invoicesInsert } from "../../src/funcs/invoices-insert.js";
import { invoicesList } from "../../src/funcs/invoices-list.js";
import { invoicesListItems } from "../../src/funcs/invoices-list-items.js";
import { invoicesListPages } from "../../src/funcs/invoices-list-pages.js";
import { Invoices } from "../../src/sdk/invoices.js";
import { api, expectMalformed, expectRefused, fixture, recordRequests, testCore } from "../helpers.js";

const page = fixture<{ list: Record<string, unknown>[]; next_cursor: string | null }>("invoices-page");
const inserted = fixture<{ invoices: Record<string, unknown>[] }>("invoices-insert");
const legacy = { customerId: "user_123", stripeId: "in_legacy_2016_001", status: "paid", total: 29.99, createdAt: 1451606400000 } as const;

describe("invoices.insert", () => {
  it("sends the invoices in snake_case to /v1/invoices.insert under an Idempotency-Key and returns them camelCased, in order", async () => {
    const scope = api().post("/v1/invoices.insert").reply(200, inserted);
    const seen = recordRequests(scope);
    const result = await invoicesInsert(testCore(), {
      invoices: [
        { ...legacy, planIds: ["pro"], processorType: "stripe", amountPaid: 29.99, refundedAmount: 0, currency: "usd", hostedInvoiceUrl: "https://billing.example.com/invoices/legacy-2016-001" },
        { customerId: "user_456", stripeId: "in_legacy_2016_002", status: "void", total: 10, createdAt: 1454284800000, amountPaid: null },
      ],
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.path).toBe("/v1/invoices.insert");
    expect(seen[0]?.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]?.body).toEqual({
      invoices: [
        {
          customer_id: "user_123",
          stripe_id: "in_legacy_2016_001",
          status: "paid",
          total: 29.99,
          created_at: 1451606400000,
          plan_ids: ["pro"],
          processor_type: "stripe",
          amount_paid: 29.99,
          refunded_amount: 0,
          currency: "usd",
          hosted_invoice_url: "https://billing.example.com/invoices/legacy-2016-001",
        },
        { customer_id: "user_456", stripe_id: "in_legacy_2016_002", status: "void", total: 10, created_at: 1454284800000, amount_paid: null },
      ],
    });
    if (!result.ok) throw result.error;
    expect(result.value.invoices).toEqual([
      {
        id: "inv_4d5e6f7g8h9i0j",
        customerId: "user_123",
        planIds: ["pro"],
        stripeId: "in_legacy_2016_001",
        processorType: "stripe",
        status: "paid",
        total: 29.99,
        amountPaid: 29.99,
        refundedAmount: 0,
        currency: "usd",
        createdAt: 1451606400000,
        hostedInvoiceUrl: "https://billing.example.com/invoices/legacy-2016-001",
      },
      expect.objectContaining({ id: "inv_5e6f7g8h9i0j1k", customerId: "user_456", planIds: [], status: "void", amountPaid: null, hostedInvoiceUrl: null }),
    ]);
  });

  it("sends 500 invoices, and refuses 501 on `invoices` with a message that gives the limit, sending nothing", async () => {
    const scope = api().post("/v1/invoices.insert").reply(200, { invoices: [] });
    const many = (count: number) => Array.from({ length: count }, (_, n) => ({ ...legacy, stripeId: `in_legacy_${n}` }));
    const refused = await invoicesInsert(testCore(), { invoices: many(501) });
    if (refused.ok || refused.error.name !== "RequestValidationError") throw new Error("expected a RequestValidationError");
    expect(refused.error.field).toBe("invoices");
    expect(refused.error.message).toContain("at most 500 invoices per call");
    expect(scope.isDone()).toBe(false);
    expect((await invoicesInsert(testCore(), { invoices: many(500) })).ok).toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it("refuses what the server refuses, and fields it does not take, without sending anything", async () => {
    const scope = api().post("/v1/invoices.insert").reply(200, inserted);
    await expectRefused((params) => invoicesInsert(testCore(), params), [
      [{}, "invoices"],
      [{ invoices: [{ ...legacy, status: undefined }] }, "invoices.0.status"],
      [{ invoices: [{ ...legacy, status: "refunded" }] }, "invoices.0.status"],
      [{ invoices: [{ ...legacy, customerId: "ada@example.com" }] }, "invoices.0.customerId"],
      [{ invoices: [{ ...legacy, stripeId: "" }] }, "invoices.0.stripeId"],
      [{ invoices: [{ ...legacy, processorType: "paddle" }] }, "invoices.0.processorType"],
      [{ invoices: [{ ...legacy, createdAt: -1 }] }, "invoices.0.createdAt"],
      [{ invoices: [{ ...legacy, total: "29.99" }] }, "invoices.0.total"],
      [{ invoices: [{ ...legacy, entityId: "seat_42" }] }, "invoices.0.entityId"],
    ]);
    expect(scope.isDone()).toBe(false);
  });

  it("retries a 503 under the same Idempotency-Key", async () => {
    const scope = api()
      .post("/v1/invoices.insert")
      .reply(503, { message: "busy", code: "service_unavailable" }, { "retry-after": "0" })
      .post("/v1/invoices.insert")
      .reply(200, inserted);
    const seen = recordRequests(scope);
    expect((await invoicesInsert(testCore(), { invoices: [legacy] })).ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.headers["idempotency-key"]).toBe(seen[0]?.headers["idempotency-key"]);
  });

  it("reports an unknown customer as an AutumnAPIError with its code", async () => {
    api().post("/v1/invoices.insert").reply(404, { message: "Customer user_9 not found", code: "customer_not_found", env: "sandbox" });
    const result = await invoicesInsert(testCore(), { invoices: [{ ...legacy, customerId: "user_9" }] });
    expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", status: 404, code: "customer_not_found" });
  });

  it("reports an answer without an invoice's id as a ResponseValidationError with the raw body", async () => {
    const { id: _id, ...withoutId } = inserted.invoices[0]!;
    await expectMalformed("invoices.insert", { invoices: [withoutId] }, () => invoicesInsert(testCore(), { invoices: [legacy] }), "invoices.0.id");
  });
});

describe("invoices.list", () => {
  it("sends the filters in snake_case without an idempotency key and returns the camelCase page", async () => {
    const scope = api().post("/v1/invoices.list").reply(200, page);
    const seen = recordRequests(scope);
    const result = await invoicesList(testCore(), {
      startCursor: "",
      limit: 5000,
      customerId: "user_123",
      entityId: "seat_42",
      status: ["open", "paid"],
      processorTypes: ["stripe", "revenuecat"],
    });
    expect(seen[0]?.path).toBe("/v1/invoices.list");
    expect(seen[0]?.body).toEqual({ start_cursor: "", limit: 5000, customer_id: "user_123", entity_id: "seat_42", status: ["open", "paid"], processor_types: ["stripe", "revenuecat"] });
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    if (!result.ok) throw result.error;
    expect(result.value.nextCursor).toBe("eyJjcmVhdGVkX2F0IjoxNzY5MDAwMDAwMDAwfQ");
    expect(result.value.list).toEqual([
      {
        id: "inv_2b3c4d5e6f7g8h",
        customerId: "user_123",
        entityId: null,
        planIds: ["pro"],
        stripeId: "in_1T2u3v4w5x6y7z",
        processorType: "stripe",
        status: "paid",
        total: 29.99,
        amountPaid: 29.99,
        refundedAmount: 0,
        currency: "usd",
        createdAt: 1771409161016,
        hostedInvoiceUrl: "https://invoice.stripe.com/i/acct_1Q2w3E/test_YWNjdF8xUTJ3M0U",
      },
      expect.objectContaining({ id: "inv_3c4d5e6f7g8h9i", customerId: null, entityId: "seat_42", processorType: "revenuecat", amountPaid: null, refundedAmount: 20 }),
    ]);
  });

  it("sends an empty body when called without params", async () => {
    const scope = api().post("/v1/invoices.list", {}).reply(200, { list: [], next_cursor: null });
    const result = await invoicesList(testCore());
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ ok: true, value: { list: [], nextCursor: null }, response: expect.any(Response) });
  });

  it("refuses an entity without its customer, a limit outside 1..5000, and unknown statuses or processors, without sending", async () => {
    const scope = api().post("/v1/invoices.list").reply(200, page);
    await expectRefused((params) => invoicesList(testCore(), params), [
      [{ entityId: "seat_42" }, "entityId"],
      [{ limit: 0 }, "limit"],
      [{ limit: 5001 }, "limit"],
      [{ limit: 2.5 }, "limit"],
      [{ status: ["refunded"] }, "status.0"],
      [{ status: "paid" }, "status"],
      [{ processorTypes: ["paddle"] }, "processorTypes.0"],
      [{ processors: ["stripe"] }, "processors"],
    ]);
    expect(scope.isDone()).toBe(false);
  });

  it("accepts unknown fields and enum values, and shows the new values", async () => {
    api()
      .post("/v1/invoices.list")
      .reply(200, { ...page, total_count: 2, list: [{ ...page.list[0], status: "partially_refunded", processor_type: "paddle", tax: 5 }] });
    const result = await invoicesList(testCore());
    if (!result.ok) throw result.error;
    expect(result.value.list[0]).toMatchObject({ status: "partially_refunded", processorType: "paddle" });
    expect(result.value.list[0]).not.toHaveProperty("tax");
    expect(result.value).not.toHaveProperty("totalCount");
  });

  it("reports an invoice without its required entity_id, or with a total that is not a number, as a ResponseValidationError with the raw body", async () => {
    const { entity_id: _entity, ...withoutEntity } = page.list[0]!;
    await expectMalformed("invoices.list", { list: [withoutEntity], next_cursor: null }, () => invoicesList(testCore()), "list.0.entity_id");
    await expectMalformed("invoices.list", { list: [{ ...page.list[0], total: "29.99" }], next_cursor: null }, () => invoicesList(testCore()), "list.0.total");
  });

  it("walks every page, keeping the filters, and every invoice across them", async () => {
    const second = { list: [{ ...page.list[0], id: "inv_last" }], next_cursor: null };
    api()
      .post("/v1/invoices.list", { customer_id: "user_123" })
      .reply(200, page)
      .post("/v1/invoices.list", { customer_id: "user_123", start_cursor: page.next_cursor! })
      .reply(200, second);
    const pages: number[] = [];
    for await (const result of invoicesListPages(testCore(), { customerId: "user_123" })) {
      if (!result.ok) throw result.error;
      pages.push(result.value.list.length);
    }
    expect(pages).toEqual([2, 1]);

    api().post("/v1/invoices.list").reply(200, page).post("/v1/invoices.list").reply(400, { message: "Bad cursor", code: "invalid_cursor" });
    const items = [];
    for await (const item of invoicesListItems(testCore())) items.push(item.ok ? item.value.id : item.error.name);
    expect(items).toEqual(["inv_2b3c4d5e6f7g8h", "inv_3c4d5e6f7g8h9i", "AutumnAPIError"]);
  });
});

describe("Invoices facade", () => {
  it("returns the values, walks the items, and throws the error", async () => {
    api()
      .post("/v1/invoices.list")
      .reply(200, page)
      .post("/v1/invoices.list")
      .reply(200, { list: [], next_cursor: null })
      .post("/v1/invoices.insert")
      .reply(404, { message: "Customer user_9 not found", code: "customer_not_found" });
    const invoices = new Invoices(testCore());
    const ids: string[] = [];
    for await (const invoice of invoices.listItems()) ids.push(invoice.id);
    expect(ids).toEqual(["inv_2b3c4d5e6f7g8h", "inv_3c4d5e6f7g8h9i"]);
    await expect(invoices.insert({ invoices: [{ ...legacy, customerId: "user_9" }] })).rejects.toMatchObject({ name: "AutumnAPIError", code: "customer_not_found" });
  });
});
