import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerSchema } from "../customer.js";
import { LinkedProcessorParamSchema, SubscriptionStatusParamSchema } from "../customer-params.js";

/** Params of `customers.list`. */
export const CustomersListParamsSchema = /* @__PURE__ */ outbound({
  /** The cursor from the previous page's `nextCursor`; omit for the first page. */
  startCursor: v.optional(v.string()),
  /** Customers per page, 1 to 1000 (the server's ceiling). Defaults to 50. */
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
  /** Only customers subscribed to one of these plans (and versions). */
  plans: v.optional(v.array(outbound({ id: v.string(), versions: v.optional(v.array(v.number())) }))),
  /** Only customers whose plans have this status. Defaults to active and scheduled. */
  subscriptionStatus: v.optional(SubscriptionStatusParamSchema),
  /** Matches id, name or email. */
  search: v.optional(v.string()),
  /** Only customers linked to these processors. */
  processors: v.optional(v.array(LinkedProcessorParamSchema)),
  /** By creation time; newest first by default. */
  sortOrder: v.optional(v.picklist(["asc", "desc"])),
  /** Only customers created within these epoch-ms bounds (inclusive). */
  createdAtRange: v.optional(outbound({ start: v.optional(v.number()), end: v.optional(v.number()) })),
});
/** Params of `customers.list`. */
export type CustomersListParams = CatalogParams<v.InferInput<typeof CustomersListParamsSchema>>;

/** One page of customers. */
export const CustomerPageSchema = /* @__PURE__ */ inbound({
  /** The customers on this page. */
  list: v.array(CustomerSchema),
  /** The cursor of the next page; null on the last page. */
  nextCursor: v.nullable(v.string()),
});
/** One page of customers. */
export type CustomerPage = CatalogAnswer<v.InferOutput<typeof CustomerPageSchema>>;
/** The answer to `customers.list`: one page of customers. */
export type CustomersListResponse = CustomerPage;

/** @deprecated Use CustomersListParams. */
export type ListCustomersParams = CustomersListParams;
/** @deprecated Use CustomersListParamsSchema. */
export const ListCustomersParamsSchema: typeof CustomersListParamsSchema = CustomersListParamsSchema;
