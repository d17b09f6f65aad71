import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound, withEntries } from "../../lib/wire.js";
import { CustomerIdSchema, customerSettings } from "../customer-params.js";

/** Params of `customers.update`. Metadata is merged; a key set to null is deleted. `stripeId: null` unlinks Stripe. */
export const CustomersUpdateParamsSchema = /* @__PURE__ */ outbound(
  withEntries(customerSettings, {
    /** The customer to update. */
    customerId: CustomerIdSchema,
    /** A new id for the customer. Fails with 409 `customer_already_exists` if taken. */
    newCustomerId: v.optional(CustomerIdSchema),
  }),
);
/** Params of `customers.update`. Metadata is merged; a key set to null is deleted. `stripeId: null` unlinks Stripe. */
export type CustomersUpdateParams = CatalogParams<v.InferInput<typeof CustomersUpdateParamsSchema>>;

/** @deprecated Use CustomersUpdateParams. */
export type UpdateCustomerParams = CustomersUpdateParams;
/** @deprecated Use CustomersUpdateParamsSchema. */
export const UpdateCustomerParamsSchema: typeof CustomersUpdateParamsSchema = CustomersUpdateParamsSchema;
