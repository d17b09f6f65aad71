import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Entity, EntitySchema } from "../models/entity.js";
import { type EntitiesUpdateParams, EntitiesUpdateParamsSchema } from "../models/operations/entities-update.js";

const operation: Operation<EntitiesUpdateParams, Entity> = {
  path: "entities.update",
  params: EntitiesUpdateParamsSchema,
  response: EntitySchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Updates an entity's billing controls.
 *
 * @example
 * ```ts
 * const res = await entitiesUpdate(autumn, {
 *   customerId: "user_123",
 *   entityId: "seat_42",
 *   billingControls: { usageLimits: [{ featureId: "messages", limit: 500, interval: "month" }] },
 * });
 * ```
 */
export function entitiesUpdate(core: AutumnCore, params: EntitiesUpdateParams, options?: RequestOptions): Promise<Result<Entity>> {
  return send(core, operation, params, options);
}
