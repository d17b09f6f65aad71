import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type EntitiesListParams,
  EntitiesListParamsSchema,
  type EntityPage,
  EntityPageSchema,
} from "../models/operations/entities-list.js";

const operation: Operation<EntitiesListParams, EntityPage> = {
  path: "entities.list",
  params: EntitiesListParamsSchema,
  response: EntityPageSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Lists one page of entities, optionally of one customer.
 * Pass `nextCursor` as `startCursor` for the next page, or use `entitiesListPages` to walk them all.
 *
 * @example
 * ```ts
 * const res = await entitiesList(autumn, { customerId: "user_123", limit: 100 });
 * if (res.ok) console.log(res.value.list.length, res.value.nextCursor);
 * ```
 */
export function entitiesList(core: AutumnCore, params: EntitiesListParams = {}, options?: RequestOptions): Promise<Result<EntityPage>> {
  return send(core, operation, params, options);
}
