import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { ResetIntervalParamSchema } from "../shared.js";

/** Params of `balances.update`. */
export const BalancesUpdateParamsSchema = /* @__PURE__ */ outbound({
  /** The customer whose balance changes. */
  customerId: CustomerIdSchema,
  /** The feature of the balance. */
  featureId: v.string(),
  /** The entity, for an entity-scoped balance. */
  entityId: v.optional(v.string()),
  /** Sets the units left. Use one of `remaining`, `addToBalance` and `usage`. */
  remaining: v.optional(v.number()),
  /** Adds units to the balance; negative subtracts. */
  addToBalance: v.optional(v.number()),
  /** Sets the units used. */
  usage: v.optional(v.number()),
  /** Targets the balance with this reset interval, when the feature has several. */
  interval: v.optional(ResetIntervalParamSchema),
  /** Sets the units granted. */
  includedGrant: v.optional(v.number()),
  /** Targets the balance with this id (set on create). */
  balanceId: v.optional(v.string()),
  /** Sets the epoch ms of the next reset. */
  nextResetAt: v.optional(v.number()),
  /** Sets the epoch ms when the balance expires. */
  expiresAt: v.optional(v.number()),
});
/** Params of `balances.update`. */
export type BalancesUpdateParams = CatalogParams<v.InferInput<typeof BalancesUpdateParamsSchema>>;

/** The answer to `balances.update`. */
export const BalancesUpdateResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `balances.update`. */
export type BalancesUpdateResponse = CatalogAnswer<v.InferOutput<typeof BalancesUpdateResponseSchema>>;

/** @deprecated Use BalancesUpdateParams. */
export type UpdateBalanceParams = BalancesUpdateParams;
/** @deprecated Use BalancesUpdateParamsSchema. */
export const UpdateBalanceParamsSchema: typeof BalancesUpdateParamsSchema = BalancesUpdateParamsSchema;
/** @deprecated Use BalancesUpdateResponse. */
export type UpdateBalanceResponse = BalancesUpdateResponse;
/** @deprecated Use BalancesUpdateResponseSchema. */
export const UpdateBalanceResponseSchema: typeof BalancesUpdateResponseSchema = BalancesUpdateResponseSchema;
