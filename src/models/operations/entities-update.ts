import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { EntityBillingControlsParamsSchema, EntityIdSchema } from "../entity-params.js";

/** Params of `entities.update`. */
export const EntitiesUpdateParamsSchema = /* @__PURE__ */ outbound({
  /** The customer that owns the entity. */
  customerId: v.optional(CustomerIdSchema),
  /** The entity to update. */
  entityId: EntityIdSchema,
  /** Billing controls to set; each list given replaces the stored one. */
  billingControls: v.optional(EntityBillingControlsParamsSchema),
});
/** Params of `entities.update`. */
export type EntitiesUpdateParams = CatalogParams<v.InferInput<typeof EntitiesUpdateParamsSchema>>;

/** @deprecated Use EntitiesUpdateParams. */
export type UpdateEntityParams = EntitiesUpdateParams;
/** @deprecated Use EntitiesUpdateParamsSchema. */
export const UpdateEntityParamsSchema: typeof EntitiesUpdateParamsSchema = EntitiesUpdateParamsSchema;
