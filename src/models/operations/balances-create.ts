import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";
import { ResetIntervalParamSchema, ROLLOVER_DURATIONS } from "../shared.js";

/** Params of `balances.create`. */
export const BalancesCreateParamsSchema = /* @__PURE__ */ outbound({
  /** The customer to grant the balance to. */
  customerId: CustomerIdSchema,
  /** The feature of the balance. */
  featureId: v.string(),
  /** The entity, for an entity-scoped balance. */
  entityId: v.optional(v.string()),
  /** Units granted. Not with `unlimited`. */
  includedGrant: v.optional(v.number()),
  /** Unlimited usage. Not with `includedGrant`. */
  unlimited: v.optional(v.boolean()),
  /** How often the balance resets; without it the grant is one-off. Not with `expiresAt`. */
  reset: v.optional(
    outbound({
      interval: ResetIntervalParamSchema,
      /** Intervals between resets; defaults to 1. */
      intervalCount: v.optional(v.number()),
    }),
  ),
  /** How unused units carry over to the next period. */
  rollover: v.optional(
    outbound({
      /** Most units carried over; null for no cap. */
      max: v.optional(v.nullable(v.number())),
      /** Most units carried over, as a percentage of the grant. */
      maxPercentage: v.optional(v.nullable(v.number())),
      /** The unit of `length`. */
      duration: v.optional(v.picklist(ROLLOVER_DURATIONS)),
      /** How long rolled-over units last. */
      length: v.number(),
    }),
  ),
  /** Epoch ms when the balance expires. Not with `reset`. */
  expiresAt: v.optional(v.number()),
  /** Epoch ms of the first reset, for a custom first period. Needs `reset`. */
  nextResetAt: v.optional(v.number()),
  /** Your id for the balance, to target it in later updates and deletes. */
  balanceId: v.optional(v.string()),
});
/** Params of `balances.create`. */
export type BalancesCreateParams = CatalogParams<v.InferInput<typeof BalancesCreateParamsSchema>>;

/** The answer to `balances.create`. */
export const BalancesCreateResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `balances.create`. */
export type BalancesCreateResponse = CatalogAnswer<v.InferOutput<typeof BalancesCreateResponseSchema>>;

/** @deprecated Use BalancesCreateParams. */
export type CreateBalanceParams = BalancesCreateParams;
/** @deprecated Use BalancesCreateParamsSchema. */
export const CreateBalanceParamsSchema: typeof BalancesCreateParamsSchema = BalancesCreateParamsSchema;
/** @deprecated Use BalancesCreateResponse. */
export type CreateBalanceResponse = BalancesCreateResponse;
/** @deprecated Use BalancesCreateResponseSchema. */
export const CreateBalanceResponseSchema: typeof BalancesCreateResponseSchema = BalancesCreateResponseSchema;
