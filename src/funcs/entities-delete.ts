import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type DeleteEntityParams,
  DeleteEntityParamsSchema,
  type DeleteEntityResponse,
  DeleteEntityResponseSchema,
} from "../models/operations/entities-delete.js";

const operation: Operation<DeleteEntityParams, DeleteEntityResponse> = {
  path: "entities.delete",
  params: DeleteEntityParamsSchema,
  response: DeleteEntityResponseSchema,
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
export function entitiesDelete(core: AutumnCore, params: DeleteEntityParams, options?: RequestOptions): Promise<Result<DeleteEntityResponse>> {
  return send(core, operation, params, options);
}
