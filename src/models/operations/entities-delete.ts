import * as v from "valibot";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { EntityIdSchema } from "../entity-params.js";

export const DeleteEntityParamsSchema = /* @__PURE__ */ outbound({
  /** The customer that owns the entity. */
  customerId: v.optional(CustomerIdSchema),
  /** The entity to delete. */
  entityId: EntityIdSchema,
});
/** Params of `entities.delete`. */
export type DeleteEntityParams = v.InferInput<typeof DeleteEntityParamsSchema>;

export const DeleteEntityResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `entities.delete`. */
export type DeleteEntityResponse = v.InferOutput<typeof DeleteEntityResponseSchema>;
