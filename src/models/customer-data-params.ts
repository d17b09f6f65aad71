import * as v from "valibot";
import type { CatalogParams } from "../lib/catalog.js";
import { outbound, withEntries } from "../lib/wire.js";
import { customerSettings } from "./customer-params.js";

/**
 * Details of a customer that an operation creates on the fly when the
 * customer does not exist yet (`customer_data` on the wire).
 */
export const CustomerDataSchema = /* @__PURE__ */ outbound(
  withEntries(customerSettings, {
    /** Create the Stripe customer now rather than at the first billing call. */
    createInStripe: v.optional(v.boolean()),
    /** A free plan to attach when the customer is created. */
    autoEnablePlanId: v.optional(v.string()),
  }),
);

/** Details of a customer to create if it does not exist yet. */
export type CustomerData = CatalogParams<v.InferInput<typeof CustomerDataSchema>>;
