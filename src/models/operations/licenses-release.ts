import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CatalogIdSchema } from "../billing-params.js";
import { CustomerIdSchema } from "../customer-params.js";
import { EntityIdSchema } from "../entity-params.js";
import { distinct } from "../rules.js";

/** Params of `licenses.release`. */
export const LicensesReleaseParamsSchema = /* @__PURE__ */ outbound({
  /** The customer whose seats are freed. */
  customerId: CustomerIdSchema,
  /** Only the seats of this license plan, for entities holding seats of several. */
  licensePlanId: v.optional(CatalogIdSchema),
  /** The entities whose seats are freed, at least one, each once. */
  entityIds: v.pipe(v.array(EntityIdSchema), v.minLength(1, "give at least one entity"), distinct<string>("give each entity once")),
});
/** Params of `licenses.release`. */
export type LicensesReleaseParams = CatalogParams<v.InferInput<typeof LicensesReleaseParamsSchema>>;

/** The answer to `licenses.release`. */
export const LicensesReleaseResponseSchema = /* @__PURE__ */ inbound({
  /** Whether the seats were freed. */
  success: v.boolean(),
});
/** The answer to `licenses.release`. */
export type LicensesReleaseResponse = CatalogAnswer<v.InferOutput<typeof LicensesReleaseResponseSchema>>;
