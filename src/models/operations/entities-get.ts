import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { EntityIdSchema } from "../entity-params.js";

/** Params of `entities.get`. */
export const EntitiesGetParamsSchema = /* @__PURE__ */ outbound({
  /** The customer that owns the entity. */
  customerId: v.optional(CustomerIdSchema),
  /** Your id for the entity. */
  entityId: EntityIdSchema,
});
/** Params of `entities.get`. */
export type EntitiesGetParams = CatalogParams<v.InferInput<typeof EntitiesGetParamsSchema>>;

/** @deprecated Use EntitiesGetParams. */
export type GetEntityParams = EntitiesGetParams;
/** @deprecated Use EntitiesGetParamsSchema. */
export const GetEntityParamsSchema: typeof EntitiesGetParamsSchema = EntitiesGetParamsSchema;
