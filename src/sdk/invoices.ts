import type { AutumnCore } from "../core.js";
import { invoicesInsert } from "../funcs/invoices-insert.js";
import { invoicesList } from "../funcs/invoices-list.js";
import { invoicesListItems } from "../funcs/invoices-list-items.js";
import { invoicesListPages } from "../funcs/invoices-list-pages.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync, unwrapPages } from "../lib/result.js";
import type { InvoicesInsertParams, InvoicesInsertResponse } from "../models/operations/invoices-insert.js";
import type { InvoicePage, InvoicesListParams } from "../models/operations/invoices-list.js";

/** Invoices: list them across customers, or record historical ones. Methods throw on error. */
export class Invoices {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Records up to 500 historical invoices, or updates those with the same processor id. */
  insert(params: InvoicesInsertParams, options?: RequestOptions): Promise<InvoicesInsertResponse> {
    return unwrapAsync(invoicesInsert(this.#core, params, options));
  }

  /** Lists one page of invoices. */
  list(params?: InvoicesListParams, options?: RequestOptions): Promise<InvoicePage> {
    return unwrapAsync(invoicesList(this.#core, params, options));
  }

  /** Walks every page of invoices; throws the first error. */
  listPages(params?: InvoicesListParams, options?: RequestOptions): AsyncGenerator<InvoicePage, void, undefined> {
    return unwrapPages(invoicesListPages(this.#core, params, options));
  }

  /** Every invoice across the pages, for `for await`; throws the first error. */
  listItems(params?: InvoicesListParams, options?: RequestOptions): AsyncGenerator<InvoicePage["list"][number], void, undefined> {
    return unwrapPages(invoicesListItems(this.#core, params, options));
  }
}
