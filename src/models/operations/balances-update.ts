import * as v from "valibot";
import { inbound, outbound } from "../../lib/wire.js";
import { BalanceIntervalSchema } from "../balance-params.js";
import { CustomerIdSchema } from "../customer-params.js";

export const UpdateBalanceParamsSchema = /* @__PURE__ */ outbound({
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
  interval: v.optional(BalanceIntervalSchema),
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
export type UpdateBalanceParams = v.InferInput<typeof UpdateBalanceParamsSchema>;

export const UpdateBalanceResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `balances.update`. */
export type UpdateBalanceResponse = v.InferOutput<typeof UpdateBalanceResponseSchema>;
