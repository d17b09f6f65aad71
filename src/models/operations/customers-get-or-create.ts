import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { type ObjectInput, outbound, type WireObject, withEntries } from "../../lib/wire.js";
import { CustomerIdSchema, customerSettings, ExpandListSchema } from "../customer-params.js";

const getOrCreateEntries = /* @__PURE__ */ withEntries(customerSettings, {
  /** Your id for the customer; null creates a customer without one, matched by email. */
  customerId: v.nullable(CustomerIdSchema),
  /** Create the Stripe customer now rather than at the first billing call. */
  createInStripe: v.optional(v.boolean()),
  /** A free plan to attach when the customer is created. */
  autoEnablePlanId: v.optional(v.string()),
  /** Related data to include in the response. */
  expand: ExpandListSchema,
});

type GetOrCreateInput = ObjectInput<typeof getOrCreateEntries>;

/**
 * Params of `customers.getOrCreate`. `id` is accepted as an alias of
 * `customerId`, as older Autumn examples spell it.
 */
export type CustomersGetOrCreateParams = CatalogParams<
  | GetOrCreateInput
  | (Omit<GetOrCreateInput, "customerId"> & {
      /** Alias of `customerId`. */
      id: string | null;
    })
>;

/** Renames the legacy `id` to `customerId`; with both given, `id` is reported as an unknown field. */
function aliasLegacyId(input: unknown): unknown {
  if (input === null || typeof input !== "object" || !("id" in input) || "customerId" in input) return input;
  const { id, ...rest } = input as { id: unknown };
  return { ...rest, customerId: id };
}

/** Params of `customers.getOrCreate`; a legacy `id` is renamed to `customerId` before the check. */
export const CustomersGetOrCreateParamsSchema = /* @__PURE__ */ v.pipe(
  v.unknown(),
  v.transform(aliasLegacyId),
  outbound(getOrCreateEntries),
) as unknown as v.GenericSchema<CustomersGetOrCreateParams, WireObject>;

/** @deprecated Use CustomersGetOrCreateParams. */
export type GetOrCreateCustomerParams = CustomersGetOrCreateParams;
/** @deprecated Use CustomersGetOrCreateParamsSchema. */
export const GetOrCreateCustomerParamsSchema: typeof CustomersGetOrCreateParamsSchema = CustomersGetOrCreateParamsSchema;
