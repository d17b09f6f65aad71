import * as v from "valibot";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";

export const DeleteCustomerParamsSchema = /* @__PURE__ */ outbound({
  /** The customer to delete. */
  customerId: CustomerIdSchema,
  /** Also delete the Stripe customer. */
  deleteInStripe: v.optional(v.boolean()),
});
/** Params of `customers.delete`. */
export type DeleteCustomerParams = v.InferInput<typeof DeleteCustomerParamsSchema>;


export const DeleteCustomerResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `customers.delete`. */
export type DeleteCustomerResponse = v.InferOutput<typeof DeleteCustomerResponseSchema>;
