import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { EntityIdSchema } from "../entity-params.js";

/** Params of `entities.delete`. */
export const EntitiesDeleteParamsSchema = /* @__PURE__ */ outbound({
  /** The customer that owns the entity. */
  customerId: v.optional(CustomerIdSchema),
  /** The entity to delete. */
  entityId: EntityIdSchema,
});
/** Params of `entities.delete`. */
export type EntitiesDeleteParams = CatalogParams<v.InferInput<typeof EntitiesDeleteParamsSchema>>;

/** The answer to `entities.delete`. */
export const EntitiesDeleteResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `entities.delete`. */
export type EntitiesDeleteResponse = CatalogAnswer<v.InferOutput<typeof EntitiesDeleteResponseSchema>>;

/** @deprecated Use EntitiesDeleteParams. */
export type DeleteEntityParams = EntitiesDeleteParams;
/** @deprecated Use EntitiesDeleteParamsSchema. */
export const DeleteEntityParamsSchema: typeof EntitiesDeleteParamsSchema = EntitiesDeleteParamsSchema;
/** @deprecated Use EntitiesDeleteResponse. */
export type DeleteEntityResponse = EntitiesDeleteResponse;
/** @deprecated Use EntitiesDeleteResponseSchema. */
export const DeleteEntityResponseSchema: typeof EntitiesDeleteResponseSchema = EntitiesDeleteResponseSchema;
