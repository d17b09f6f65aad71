import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { inbound } from "../lib/wire.js";

/**
 * A license pool: the seats of a license plan that one of the customer's
 * plans offers. A customer carries these as `licenses`; `licenses.list`
 * answers the same objects.
 */
export const LicenseSchema = /* @__PURE__ */ inbound({
  /** The plan offered as an assignable seat. */
  licensePlanId: v.string(),
  /** The plan that offers the seats. */
  parentPlanId: v.string(),
  /** The license plan's display name. */
  licensePlanName: v.string(),
  /** The seats the customer has: those included plus those paid for. */
  granted: v.number(),
  /** The seats assigned to entities. */
  usage: v.number(),
  /** The seats still free to assign. */
  remaining: v.number(),
  /** The seats paid for on top of those the plan includes. */
  paidQuantity: v.number(),
});
/** A license pool of a customer. */
export type License = CatalogAnswer<v.InferOutput<typeof LicenseSchema>>;

/** One seat of a license plan assigned to an entity, current or ended. */
export const LicenseAssignmentSchema = /* @__PURE__ */ inbound({
  /** The assignment's id. */
  id: v.string(),
  /** The entity holding the seat. */
  entityId: v.string(),
  /** The license plan the seat is of. */
  licensePlanId: v.string(),
  /** Epoch ms of the assignment. */
  startedAt: v.number(),
  /** Epoch ms of the release; null while the seat is held. */
  endedAt: v.nullable(v.number()),
});
/** One seat assigned to an entity. */
export type LicenseAssignment = CatalogAnswer<v.InferOutput<typeof LicenseAssignmentSchema>>;
