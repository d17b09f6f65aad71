import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { EntityIdSchema } from "../entity-params.js";
import { LicenseSchema } from "../license.js";

/** Params of `licenses.list`. */
export const LicensesListParamsSchema = /* @__PURE__ */ outbound({
  /** The customer whose seat pools are listed. */
  customerId: CustomerIdSchema,
  /** The pools as this entity of the customer sees them. */
  entityId: v.optional(EntityIdSchema),
});
/** Params of `licenses.list`. */
export type LicensesListParams = CatalogParams<v.InferInput<typeof LicensesListParamsSchema>>;

/** A customer's seat pools; the list is not paginated. */
export const LicenseListSchema = /* @__PURE__ */ inbound({
  /** The pools, one per license plan a plan of the customer offers. */
  list: v.array(LicenseSchema),
});
/** A customer's seat pools. */
export type LicenseList = CatalogAnswer<v.InferOutput<typeof LicenseListSchema>>;
/** The answer to `licenses.list`: a customer's seat pools. */
export type LicensesListResponse = LicenseList;
