import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CatalogIdSchema } from "../billing-params.js";
import { CustomerIdSchema } from "../customer-params.js";
import { EntityIdSchema } from "../entity-params.js";
import { LicenseAssignmentSchema } from "../license.js";

/** Params of `licenses.listAssignments`. */
export const LicensesListAssignmentsParamsSchema = /* @__PURE__ */ outbound({
  /** The customer whose seat assignments are listed. */
  customerId: CustomerIdSchema,
  /** Only the seats of this entity. */
  entityId: v.optional(EntityIdSchema),
  /** Only the seats of this license plan. */
  planId: v.optional(CatalogIdSchema),
  /** Whether to list only the seats held now (the default); false lists released ones too. */
  active: v.optional(v.boolean()),
});
/** Params of `licenses.listAssignments`. */
export type LicensesListAssignmentsParams = CatalogParams<v.InferInput<typeof LicensesListAssignmentsParamsSchema>>;

/** Seat assignments of a customer; the list is not paginated. */
export const LicenseAssignmentListSchema = /* @__PURE__ */ inbound({
  /** The assignments. */
  list: v.array(LicenseAssignmentSchema),
});
/** Seat assignments of a customer. */
export type LicenseAssignmentList = CatalogAnswer<v.InferOutput<typeof LicenseAssignmentListSchema>>;
/** The answer to `licenses.listAssignments`: seat assignments of a customer. */
export type LicensesListAssignmentsResponse = LicenseAssignmentList;
