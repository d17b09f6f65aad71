import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/request.js";
import * as retryPolicy from "../lib/retry-policy.js";
import type { Result } from "../lib/result.js";
import { type Entity, EntitySchema } from "../models/entity.js";
import { type GetEntityParams, GetEntityParamsSchema } from "../models/operations/entities-get.js";

const operation: Operation<GetEntityParams, Entity> = {
  path: "entities.get",
  params: GetEntityParamsSchema,
  response: EntitySchema,
  retry: retryPolicy.entitiesGet,
};

/**
 * Gets an entity with its subscriptions, balances and flags.
 *
 * @example
 * ```ts
 * const res = await entitiesGet(autumn, { customerId: "user_123", entityId: "seat_42" });
 * if (res.ok) console.log(res.value.flags["sso"] !== undefined);
 * ```
 */
export function entitiesGet(core: AutumnCore, params: GetEntityParams, options?: RequestOptions): Promise<Result<Entity>> {
  return send(core, operation, params, options);
}
