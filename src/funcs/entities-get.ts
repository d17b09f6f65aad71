import type { AutumnCore } from "../core.js";
import type { Client, CustomerClient, ForCustomer } from "../lib/client.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Entity, EntitySchema } from "../models/entity.js";
import { type GetEntityParams, GetEntityParamsSchema } from "../models/operations/entities-get.js";

const operation: Operation<GetEntityParams, Entity> = {
  path: "entities.get",
  params: GetEntityParamsSchema,
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
export function entitiesGet(core: CustomerClient, params: ForCustomer<GetEntityParams>, options?: RequestOptions): Promise<Result<Entity>>;
export function entitiesGet(core: AutumnCore, params: GetEntityParams, options?: RequestOptions): Promise<Result<Entity>>;
export function entitiesGet(core: Client, params: GetEntityParams | ForCustomer<GetEntityParams>, options?: RequestOptions): Promise<Result<Entity>> {
  return send(core, operation, params as GetEntityParams, options);
}
