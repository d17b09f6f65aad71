import type { AutumnCore } from "../core.js";
import { customersDelete } from "../funcs/customers-delete.js";
import { customersGet } from "../funcs/customers-get.js";
import { customersGetOrCreate } from "../funcs/customers-get-or-create.js";
import { customersList } from "../funcs/customers-list.js";
import { customersListItems } from "../funcs/customers-list-items.js";
import { customersListPages } from "../funcs/customers-list-pages.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync, unwrapPages } from "../lib/result.js";
import type { Customer } from "../models/customer.js";
import type { CustomersDeleteParams, CustomersDeleteResponse } from "../models/operations/customers-delete.js";
import type { CustomersGetParams } from "../models/operations/customers-get.js";
import type { CustomersGetOrCreateParams } from "../models/operations/customers-get-or-create.js";
import type { CustomerPage, CustomersListParams } from "../models/operations/customers-list.js";
import type { CustomersUpdateParams } from "../models/operations/customers-update.js";
import { customersUpdate } from "../funcs/customers-update.js";

/** Customers: the people or organisations that use and pay for your product. Methods throw on error. */
export class Customers {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Creates the customer if your id is new, or returns the existing one. */
  getOrCreate(params: CustomersGetOrCreateParams, options?: RequestOptions): Promise<Customer> {
    return unwrapAsync(customersGetOrCreate(this.#core, params, options));
  }

  /** Gets a customer by your id. */
  get(params: CustomersGetParams, options?: RequestOptions): Promise<Customer> {
    return unwrapAsync(customersGet(this.#core, params, options));
  }

  /** Lists one page of customers. */
  list(params?: CustomersListParams, options?: RequestOptions): Promise<CustomerPage> {
    return unwrapAsync(customersList(this.#core, params, options));
  }

  /** Walks every page of customers; throws the first error. */
  listPages(params?: CustomersListParams, options?: RequestOptions): AsyncGenerator<CustomerPage, void, undefined> {
    return unwrapPages(customersListPages(this.#core, params, options));
  }

  /** Every customer across the pages, for `for await`; throws the first error. */
  listItems(params?: CustomersListParams, options?: RequestOptions): AsyncGenerator<CustomerPage["list"][number], void, undefined> {
    return unwrapPages(customersListItems(this.#core, params, options));
  }

  /** Updates a customer; metadata is merged and a key set to null is deleted. */
  update(params: CustomersUpdateParams, options?: RequestOptions): Promise<Customer> {
    return unwrapAsync(customersUpdate(this.#core, params, options));
  }

  /** Deletes a customer. */
  delete(params: CustomersDeleteParams, options?: RequestOptions): Promise<CustomersDeleteResponse> {
    return unwrapAsync(customersDelete(this.#core, params, options));
  }
}
