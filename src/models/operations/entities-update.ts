import * as v from "valibot";
import { outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { EntityBillingControlsParamsSchema, EntityIdSchema } from "../entity-params.js";

export const UpdateEntityParamsSchema = /* @__PURE__ */ outbound({
  /** The customer that owns the entity. */
  customerId: v.optional(CustomerIdSchema),
  /** The entity to update. */
  entityId: EntityIdSchema,
  /** Billing controls to set; each list given replaces the stored one. */
  billingControls: v.optional(EntityBillingControlsParamsSchema),
});
/** Params of `entities.update`. */
export type UpdateEntityParams = v.InferInput<typeof UpdateEntityParamsSchema>;
