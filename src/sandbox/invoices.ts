import { randomBytes } from "node:crypto";
import { require400 } from "./errors.js";
import { findCustomer } from "./lookups.js";
import { cursorPage } from "./pages.js";
import type { Route, SandboxState, StoredCustomer, StoredInvoice } from "./state.js";

/**
 * Invoices as Autumn keeps them for the organisation: `invoices.insert`
 * records historical ones (500 at most per call, all or none, touching no
 * processor) and updates one sent again with the same processor id;
 * `invoices.list` pages through them newest first. A customer's `invoices`
 * expansion shows the same invoices.
 */

const STATUSES = ["draft", "open", "void", "paid", "uncollectible"];
const PROCESSORS = ["stripe", "revenuecat"];
const INSERT_LIMIT = 500;

/** The wire form of an invoice of `customer`, as invoices.list answers it. */
function renderInvoice(customer: StoredCustomer, invoice: StoredInvoice): Record<string, unknown> {
  return { ...invoice, customer_id: customer.id, entity_id: null };
}

/** The summary a customer's `invoices` expansion carries. */
export function renderInvoiceSummary(invoice: StoredInvoice): Record<string, unknown> {
  const { id: _id, amount_paid: _paid, refunded_amount: _refunded, ...summary } = invoice;
  return summary;
}

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** Checks one invoice of an insert, and the customer it belongs to. */
function checkInsert(state: SandboxState, input: unknown, index: number): { customer: StoredCustomer; input: Record<string, unknown> } {
  require400(typeof input === "object" && input !== null && !Array.isArray(input), `invoices[${index}] must be an object`);
  const invoice = input as Record<string, unknown>;
  const customer = findCustomer(state, invoice["customer_id"]);
  require400(typeof invoice["stripe_id"] === "string" && invoice["stripe_id"] !== "", `invoices[${index}].stripe_id is required`);
  require400(STATUSES.includes(invoice["status"] as string), `invoices[${index}].status must be one of ${STATUSES.join(", ")}`);
  require400(invoice["processor_type"] === undefined || PROCESSORS.includes(invoice["processor_type"] as string), `invoices[${index}].processor_type must be stripe or revenuecat`);
  require400(isNumber(invoice["total"]), `invoices[${index}].total must be a number`);
  require400(isNumber(invoice["created_at"]), `invoices[${index}].created_at must be epoch milliseconds`);
  return { customer, input: invoice };
}

/** The customer holding the invoice with this processor and id, and where. */
function findInvoice(state: SandboxState, processor: string, stripeId: string): { holder: StoredCustomer; index: number } | undefined {
  for (const holder of state.customers.values()) {
    const index = holder.invoices.findIndex((invoice) => invoice.processor_type === processor && invoice.stripe_id === stripeId);
    if (index >= 0) return { holder, index };
  }
  return undefined;
}

const insert: Route = (state, body) => {
  const invoices = body["invoices"];
  require400(Array.isArray(invoices), "invoices must be a list");
  require400(invoices.length <= INSERT_LIMIT, `invoices takes at most ${INSERT_LIMIT} invoices`);
  // Every invoice is checked before any is written: an insert is all or none.
  const checked = invoices.map((input, index) => checkInsert(state, input, index));
  const answer = checked.map(({ customer, input }) => {
    const processor = (input["processor_type"] as string | undefined) ?? "stripe";
    const existing = findInvoice(state, processor, input["stripe_id"] as string);
    const invoice: StoredInvoice = {
      id: existing ? existing.holder.invoices[existing.index]!.id : `inv_${randomBytes(8).toString("hex")}`,
      plan_ids: (input["plan_ids"] as string[] | undefined) ?? [],
      stripe_id: input["stripe_id"] as string,
      processor_type: processor,
      status: input["status"] as string,
      total: input["total"] as number,
      amount_paid: (input["amount_paid"] as number | null | undefined) ?? null,
      refunded_amount: (input["refunded_amount"] as number | undefined) ?? 0,
      currency: (input["currency"] as string | undefined) ?? "usd",
      created_at: input["created_at"] as number,
      hosted_invoice_url: (input["hosted_invoice_url"] as string | null | undefined) ?? null,
    };
    // Sent again, an invoice is updated where it is, or moved to the customer it now names.
    if (existing) existing.holder.invoices.splice(existing.index, 1);
    customer.invoices.push(invoice);
    const { entity_id: _entity, ...inserted } = renderInvoice(customer, invoice);
    return inserted;
  });
  return { invoices: answer };
};

function listFilter(body: Record<string, unknown>, name: string, allowed: readonly string[]): string[] | undefined {
  const values = body[name];
  if (values === undefined) return undefined;
  require400(Array.isArray(values) && values.every((value) => allowed.includes(value)), `${name} takes ${allowed.join(", ")}`);
  return values as string[];
}

const list: Route = (state, body) => {
  const statuses = listFilter(body, "status", STATUSES);
  const processors = listFilter(body, "processor_types", PROCESSORS);
  require400(body["entity_id"] === undefined || body["customer_id"] !== undefined, "entity_id needs customer_id");
  const customers = body["customer_id"] === undefined ? [...state.customers.values()] : [findCustomer(state, body["customer_id"])];
  // invoices.insert takes no entity, so no invoice of the sandbox is an entity's.
  const owned = body["entity_id"] === undefined ? customers.flatMap((customer) => customer.invoices.map((invoice) => ({ customer, invoice }))) : [];
  const all = owned
    .filter(({ invoice }) => (!statuses || statuses.includes(invoice.status)) && (!processors || processors.includes(invoice.processor_type)))
    .sort((a, b) => b.invoice.created_at - a.invoice.created_at || a.invoice.id.localeCompare(b.invoice.id));
  const { page, next_cursor } = cursorPage(all, body, 5000);
  return { list: page.map(({ customer, invoice }) => renderInvoice(customer, invoice)), next_cursor };
};

export const invoiceRoutes: Record<string, Route> = {
  "invoices.insert": insert,
  "invoices.list": list,
};
