import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { CustomerDataSchema } from "../customer-data-params.js";
import { EntityBillingControlsParamsSchema, EntityIdSchema } from "../entity-params.js";

/** Params of `entities.create`. */
export const EntitiesCreateParamsSchema = /* @__PURE__ */ outbound({
  /** The customer that will own the entity. */
  customerId: CustomerIdSchema,
  /** Your id for the new entity. */
  entityId: EntityIdSchema,
  /** The feature the entity counts towards (e.g. `seats`). */
  featureId: v.pipe(v.string(), v.minLength(1, "must not be empty")),
  /** The entity's name. */
  name: v.optional(v.nullable(v.string())),
  /** Spend limits, usage limits, alerts and overage switches for the entity. */
  billingControls: v.optional(EntityBillingControlsParamsSchema),
  /** Details used to create the customer if it does not exist yet. */
  customerData: v.optional(CustomerDataSchema),
});
/** Params of `entities.create`. */
export type EntitiesCreateParams = CatalogParams<v.InferInput<typeof EntitiesCreateParamsSchema>>;

/** @deprecated Use EntitiesCreateParams. */
export type CreateEntityParams = EntitiesCreateParams;
/** @deprecated Use EntitiesCreateParamsSchema. */
export const CreateEntityParamsSchema: typeof EntitiesCreateParamsSchema = EntitiesCreateParamsSchema;
