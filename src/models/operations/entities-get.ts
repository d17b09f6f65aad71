import * as v from "valibot";
import { outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { EntityIdSchema } from "../entity-params.js";

export const GetEntityParamsSchema = /* @__PURE__ */ outbound({
  /** The customer that owns the entity. */
  customerId: v.optional(CustomerIdSchema),
  /** Your id for the entity. */
  entityId: EntityIdSchema,
});
/** Params of `entities.get`. */
export type GetEntityParams = v.InferInput<typeof GetEntityParamsSchema>;
