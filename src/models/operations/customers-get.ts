import type * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { CustomerIdSchema, ExpandListSchema } from "../customer-params.js";

/** Params of `customers.get`. */
export const CustomersGetParamsSchema = /* @__PURE__ */ outbound({
  /** Your id for the customer. */
  customerId: CustomerIdSchema,
  /** Related data to include in the response. */
  expand: ExpandListSchema,
});
/** Params of `customers.get`. */
export type CustomersGetParams = CatalogParams<v.InferInput<typeof CustomersGetParamsSchema>>;

/** @deprecated Use CustomersGetParams. */
export type GetCustomerParams = CustomersGetParams;
/** @deprecated Use CustomersGetParamsSchema. */
export const GetCustomerParamsSchema: typeof CustomersGetParamsSchema = CustomersGetParamsSchema;
