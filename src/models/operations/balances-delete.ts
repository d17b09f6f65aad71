import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { ResetIntervalParamSchema } from "../shared.js";

/** Params of `balances.delete`. A balance with a price attached cannot be deleted. */
export const BalancesDeleteParamsSchema = /* @__PURE__ */ outbound({
  /** The customer whose balance is deleted. */
  customerId: CustomerIdSchema,
  /** The entity, for an entity-scoped balance. */
  entityId: v.optional(v.string()),
  /** The feature of the balance. */
  featureId: v.optional(v.string()),
  /** Targets the balance with this id (set on create). */
  balanceId: v.optional(v.string()),
  /** Take the deleted balance's remaining units off the customer's other balances of the feature. */
  recalculateBalances: v.optional(v.boolean()),
  /** Targets the balance with this reset interval, when the feature has several. */
  interval: v.optional(ResetIntervalParamSchema),
});
/** Params of `balances.delete`. A balance with a price attached cannot be deleted. */
export type BalancesDeleteParams = CatalogParams<v.InferInput<typeof BalancesDeleteParamsSchema>>;

/** The answer to `balances.delete`. */
export const BalancesDeleteResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `balances.delete`. */
export type BalancesDeleteResponse = CatalogAnswer<v.InferOutput<typeof BalancesDeleteResponseSchema>>;

/** @deprecated Use BalancesDeleteParams. */
export type DeleteBalanceParams = BalancesDeleteParams;
/** @deprecated Use BalancesDeleteParamsSchema. */
export const DeleteBalanceParamsSchema: typeof BalancesDeleteParamsSchema = BalancesDeleteParamsSchema;
/** @deprecated Use BalancesDeleteResponse. */
export type DeleteBalanceResponse = BalancesDeleteResponse;
/** @deprecated Use BalancesDeleteResponseSchema. */
export const DeleteBalanceResponseSchema: typeof BalancesDeleteResponseSchema = BalancesDeleteResponseSchema;
