import type * as v from "valibot";
import { outbound } from "../../lib/wire.js";
import { CustomerIdSchema, ExpandListSchema } from "../customer-params.js";

export const GetCustomerParamsSchema = /* @__PURE__ */ outbound({
  /** Your id for the customer. */
  customerId: CustomerIdSchema,
  /** Related data to include in the response. */
  expand: ExpandListSchema,
});
/** Params of `customers.get`. */
export type GetCustomerParams = v.InferInput<typeof GetCustomerParamsSchema>;
