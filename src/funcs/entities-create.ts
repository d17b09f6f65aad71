import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Entity, EntitySchema } from "../models/entity.js";
import { type EntitiesCreateParams, EntitiesCreateParamsSchema } from "../models/operations/entities-create.js";

const operation: Operation<EntitiesCreateParams, Entity> = {
  path: "entities.create",
  params: EntitiesCreateParamsSchema,
  response: EntitySchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Creates an entity (a seat, workspace, …) under a customer, counting towards `featureId`.
 *
 * @example
 * ```ts
 * const res = await entitiesCreate(autumn, { customerId: "user_123", entityId: "seat_42", featureId: "seats", name: "Ada" });
 * if (res.ok) console.log(res.value.balances["messages"]?.remaining);
 * ```
 */
export function entitiesCreate(core: AutumnCore, params: EntitiesCreateParams, options?: RequestOptions): Promise<Result<Entity>> {
  return send(core, operation, params, options);
}
