import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type EntitiesDeleteParams,
  EntitiesDeleteParamsSchema,
  type EntitiesDeleteResponse,
  EntitiesDeleteResponseSchema,
} from "../models/operations/entities-delete.js";

const operation: Operation<EntitiesDeleteParams, EntitiesDeleteResponse> = {
  path: "entities.delete",
  params: EntitiesDeleteParamsSchema,
  response: EntitiesDeleteResponseSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Deletes an entity.
 *
 * @example
 * ```ts
 * const res = await entitiesDelete(autumn, { customerId: "user_123", entityId: "seat_42" });
 * if (res.ok) console.log(res.value.success);
 * ```
 */
export function entitiesDelete(core: AutumnCore, params: EntitiesDeleteParams, options?: RequestOptions): Promise<Result<EntitiesDeleteResponse>> {
  return send(core, operation, params, options);
}
