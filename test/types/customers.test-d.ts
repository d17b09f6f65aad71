import { describe, expectTypeOf, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import type { AutumnCore } from "../../src/core.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import { customersGetOrCreate } from "../../src/funcs/customers-get-or-create.js";
import { customersList } from "../../src/funcs/customers-list.js";
import { customersListPages } from "../../src/funcs/customers-list-pages.js";
import type { Result } from "../../src/lib/result.js";
import type { Customer, CustomerPage, CustomersGetOrCreateParams, CustomersUpdateParams, SDKError } from "../../src/models/index.js";

declare const core: AutumnCore;

describe("standalone functions", () => {
  it("return a Result of the value or the closed error union", () => {
    expectTypeOf(customersGet).returns.toEqualTypeOf<Promise<Result<Customer, SDKError>>>();
    expectTypeOf(customersList).returns.toEqualTypeOf<Promise<Result<CustomerPage, SDKError>>>();
  });

  it("narrow the result on ok, and the error on its literal name", async () => {
    const result = await customersGet(core, { customerId: "u1" });
    if (result.ok) {
      expectTypeOf(result.value).toEqualTypeOf<Customer>();
      expectTypeOf(result.error).toEqualTypeOf<undefined>();
    } else {
      expectTypeOf(result.error.name).toEqualTypeOf<
        | "AutumnAPIError"
        | "CustomerTokenError"
        | "RequestAlreadyAcceptedError"
        | "ConnectionError"
        | "RequestTimeoutError"
        | "RequestAbortedError"
        | "RequestValidationError"
        | "ResponseValidationError"
        | "ResponseTooLargeError"
        | "ConfigurationError"
        | "UnexpectedClientError"
      >();
      if (result.error.name === "AutumnAPIError") {
        expectTypeOf(result.error.status).toEqualTypeOf<number>();
        expectTypeOf(result.error.code).toEqualTypeOf<string | undefined>();
      }
      if (result.error.name === "RequestValidationError") expectTypeOf(result.error.field).toEqualTypeOf<string>();
    }
  });

  it("type the params: required customerId, nullable on getOrCreate, enums for expand", () => {
    expectTypeOf(customersGetOrCreate).parameter(1).toEqualTypeOf<CustomersGetOrCreateParams>();
    expectTypeOf<{ customerId: null }>().toMatchTypeOf<CustomersGetOrCreateParams>();
    expectTypeOf<{ id: "cus_123"; name: string }>().toMatchTypeOf<CustomersGetOrCreateParams>();
    expectTypeOf<{ name: string }>().not.toMatchTypeOf<CustomersGetOrCreateParams>();
    expectTypeOf<{ customerId: "u"; expand: ["subscriptions.plan"] }>().toMatchTypeOf<Parameters<typeof customersGet>[1]>();
    expectTypeOf<{ customerId: "u"; expand: ["everything"] }>().not.toMatchTypeOf<Parameters<typeof customersGet>[1]>();
    expectTypeOf<{ customerId: "u"; metadata: { a: null } }>().toMatchTypeOf<CustomersUpdateParams>();
  });

  it("take readonly arrays, so `as const` params type-check", () => {
    const expand = ["invoices", "subscriptions.plan"] as const;
    void customersGet(core, { customerId: "u", expand });
    void customersGetOrCreate(core, { customerId: "u", expand } as const);
  });

  it("type the customer in camelCase, with data-keyed records and open enums", () => {
    expectTypeOf<Customer["createdAt"]>().toEqualTypeOf<number>();
    expectTypeOf<Customer["balances"][string]["featureId"]>().toEqualTypeOf<string>();
    expectTypeOf<"staging">().toMatchTypeOf<Customer["env"]>();
    expectTypeOf<Customer["invoices"]>().toMatchTypeOf<unknown[] | undefined>();
  });

  it("walk pages as an async iterable of results", () => {
    expectTypeOf(customersListPages(core)).toMatchTypeOf<AsyncIterable<Result<CustomerPage, SDKError>>>();
  });
});

describe("the Autumn class", () => {
  it("returns plain values", () => {
    const autumn = new Autumn();
    expectTypeOf(autumn.customers.getOrCreate({ customerId: "u" })).toEqualTypeOf<Promise<Customer>>();
    expectTypeOf(autumn).toMatchTypeOf<AutumnCore>();
  });
});
