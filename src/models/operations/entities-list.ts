import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema, LinkedProcessorParamSchema, SubscriptionStatusParamSchema } from "../customer-params.js";
import { EntitySchema } from "../entity.js";

/** Params of `entities.list`. */
export const EntitiesListParamsSchema = /* @__PURE__ */ outbound({
  /** The cursor from the previous page's `nextCursor`; omit for the first page. */
  startCursor: v.optional(v.string()),
  /** Entities per page, 1 to 1000 (the server's ceiling). Defaults to 50. */
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
  /** Only entities of this customer. */
  customerId: v.optional(CustomerIdSchema),
  /** Only entities subscribed to one of these plans (and versions), including plans inherited from the customer. */
  plans: v.optional(v.array(outbound({ id: v.string(), versions: v.optional(v.array(v.number())) }))),
  /** Which subscriptions count, for the response and the `plans` filter. Defaults to active and scheduled. */
  subscriptionStatus: v.optional(SubscriptionStatusParamSchema),
  /** Matches the entity's id or name. */
  search: v.optional(v.string()),
  /** Only entities whose customer is linked to these processors. */
  processors: v.optional(v.array(LinkedProcessorParamSchema)),
});
/** Params of `entities.list`. */
export type EntitiesListParams = CatalogParams<v.InferInput<typeof EntitiesListParamsSchema>>;

/** One page of entities. */
export const EntityPageSchema = /* @__PURE__ */ inbound({
  /** The entities on this page. */
  list: v.array(EntitySchema),
  /** The cursor of the next page; null on the last page. */
  nextCursor: v.nullable(v.string()),
});
/** One page of entities. */
export type EntityPage = CatalogAnswer<v.InferOutput<typeof EntityPageSchema>>;
/** The answer to `entities.list`: one page of entities. */
export type EntitiesListResponse = EntityPage;

/** @deprecated Use EntitiesListParams. */
export type ListEntitiesParams = EntitiesListParams;
/** @deprecated Use EntitiesListParamsSchema. */
export const ListEntitiesParamsSchema: typeof EntitiesListParamsSchema = EntitiesListParamsSchema;
