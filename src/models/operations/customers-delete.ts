import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";

/** Params of `customers.delete`. */
export const CustomersDeleteParamsSchema = /* @__PURE__ */ outbound({
  /** The customer to delete. */
  customerId: CustomerIdSchema,
  /** Also delete the Stripe customer. */
  deleteInStripe: v.optional(v.boolean()),
});
/** Params of `customers.delete`. */
export type CustomersDeleteParams = CatalogParams<v.InferInput<typeof CustomersDeleteParamsSchema>>;


/** The answer to `customers.delete`. */
export const CustomersDeleteResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `customers.delete`. */
export type CustomersDeleteResponse = CatalogAnswer<v.InferOutput<typeof CustomersDeleteResponseSchema>>;

/** @deprecated Use CustomersDeleteParams. */
export type DeleteCustomerParams = CustomersDeleteParams;
/** @deprecated Use CustomersDeleteParamsSchema. */
export const DeleteCustomerParamsSchema: typeof CustomersDeleteParamsSchema = CustomersDeleteParamsSchema;
/** @deprecated Use CustomersDeleteResponse. */
export type DeleteCustomerResponse = CustomersDeleteResponse;
/** @deprecated Use CustomersDeleteResponseSchema. */
export const DeleteCustomerResponseSchema: typeof CustomersDeleteResponseSchema = CustomersDeleteResponseSchema;
