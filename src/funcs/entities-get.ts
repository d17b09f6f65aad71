import type { AutumnCore } from "../core.js";
import type { Client, CustomerClient, ForCustomer } from "../lib/client.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Entity, EntitySchema } from "../models/entity.js";
import { type EntitiesGetParams, EntitiesGetParamsSchema } from "../models/operations/entities-get.js";

const operation: Operation<EntitiesGetParams, Entity> = {
  path: "entities.get",
  params: EntitiesGetParamsSchema,
  response: EntitySchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Gets an entity with its subscriptions, balances and flags.
 *
 * With a `CustomerCore` (a customer's token), leave `customerId` out: it is the token's customer.
 *
 * @example
 * ```ts
 * const res = await entitiesGet(autumn, { customerId: "user_123", entityId: "seat_42" });
 * if (res.ok) console.log(res.value.flags["sso"] !== undefined);
 * ```
 */
export function entitiesGet(core: CustomerClient, params: ForCustomer<EntitiesGetParams>, options?: RequestOptions): Promise<Result<Entity>>;
export function entitiesGet(core: AutumnCore, params: EntitiesGetParams, options?: RequestOptions): Promise<Result<Entity>>;
export function entitiesGet(core: Client, params: EntitiesGetParams | ForCustomer<EntitiesGetParams>, options?: RequestOptions): Promise<Result<Entity>> {
  return send(core, operation, params as EntitiesGetParams, options);
}
