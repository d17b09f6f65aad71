import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound, type WireObject } from "../../lib/wire.js";
import { CatalogIdSchema } from "../billing-params.js";
import { CustomerIdSchema } from "../customer-params.js";
import { EntityIdSchema } from "../entity-params.js";
import { distinct } from "../rules.js";

/** An entity to give a seat to; created if it does not exist yet. */
export const LicenseEntityParamsSchema = /* @__PURE__ */ outbound({
  /** The entity that takes the seat. */
  entityId: EntityIdSchema,
  /** The entity's name, used when it is created. */
  name: v.optional(v.nullable(v.string())),
  /** The feature the entity counts towards (e.g. `seats`); needed when the entity does not exist yet. */
  featureId: v.optional(CatalogIdSchema),
});

/** Params of `licenses.attach`. */
export const LicensesAttachParamsSchema = /* @__PURE__ */ outbound({
  /** The customer whose seats are assigned. */
  customerId: CustomerIdSchema,
  /** The license plan whose seats are assigned. */
  planId: CatalogIdSchema,
  /** The entities that each take a seat, at least one, each once. */
  entities: v.pipe(
    v.array(LicenseEntityParamsSchema),
    v.minLength(1, "give at least one entity"),
    distinct("each entity takes one seat: give each entityId once", (entity: WireObject) => entity["entity_id"]),
  ),
});
/** Params of `licenses.attach`. */
export type LicensesAttachParams = CatalogParams<v.InferInput<typeof LicensesAttachParamsSchema>>;

/** The answer to `licenses.attach`. */
export const LicensesAttachResponseSchema = /* @__PURE__ */ inbound({
  /** Whether the seats were assigned. */
  success: v.boolean(),
});
/** The answer to `licenses.attach`. */
export type LicensesAttachResponse = CatalogAnswer<v.InferOutput<typeof LicensesAttachResponseSchema>>;
