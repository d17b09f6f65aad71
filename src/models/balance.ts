import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { inbound } from "../lib/wire.js";
import { FeatureSchema } from "./feature.js";
import { openEnumOf } from "./open-enum.js";
import { BillingMethodSchema, PriceTierSchema, type RESET_INTERVALS, type TIER_BEHAVIORS } from "./shared.js";

/** When a balance resets. `interval` is `"multiple"` when grants with different intervals are merged. */
export const BalanceResetSchema = /* @__PURE__ */ inbound({
  interval: openEnumOf<readonly [...typeof RESET_INTERVALS, "multiple"]>(),
  intervalCount: v.optional(v.number()),
  /** Epoch ms of the next reset. */
  resetsAt: v.nullable(v.number()),
});

/** What one usage event took from one balance row (a grant or a rollover). */
export const DeductionSchema = /* @__PURE__ */ inbound({
  /** The balance row drawn from. */
  balanceId: v.string(),
  /** The feature the row belongs to. */
  featureId: v.string(),
  /** The plan that granted the row; null when it cannot be tied to one plan. */
  planId: v.nullable(v.string()),
  /** When the row resets; null when it does not. */
  reset: v.nullable(BalanceResetSchema),
  /** Units taken; negative when credit was given back. */
  value: v.number(),
});

/** One grant that makes up a balance. */
export const BalanceBreakdownSchema = /* @__PURE__ */ inbound({
  /** The grant's id. */
  id: v.optional(v.string()),
  /** The plan that granted it, if any. */
  planId: v.nullable(v.string()),
  /** Units included with the plan. */
  includedGrant: v.number(),
  /** Units bought in advance. */
  prepaidGrant: v.number(),
  /** Units left. */
  remaining: v.number(),
  /** Units used. */
  usage: v.number(),
  /** Whether the grant is unlimited. */
  unlimited: v.boolean(),
  /** When the grant resets, if it does. `interval` is `"multiple"` when grants with different intervals are merged. */
  reset: v.nullable(BalanceResetSchema),
  /** The usage price, if the grant has one. */
  price: v.nullable(
    inbound({
      amount: v.optional(v.number()),
      tiers: v.optional(v.array(PriceTierSchema)),
      tierBehavior: v.optional(openEnumOf<typeof TIER_BEHAVIORS>()),
      billingUnits: v.number(),
      billingMethod: BillingMethodSchema,
      maxPurchase: v.nullable(v.number()),
    }),
  ),
  /** Epoch ms when the grant expires. */
  expiresAt: v.nullable(v.number()),
});

/** A customer's or entity's balance of one feature. */
export const BalanceSchema = /* @__PURE__ */ inbound({
  /** The feature the balance is for. */
  featureId: v.string(),
  /** The feature itself, when expanded with `balances.feature`. */
  feature: v.optional(FeatureSchema),
  /** Units granted in the current period. */
  granted: v.number(),
  /** Units left. */
  remaining: v.number(),
  /** Units used in the current period. */
  usage: v.number(),
  /** Whether the balance is unlimited. */
  unlimited: v.boolean(),
  /** Whether usage may go past the balance. */
  overageAllowed: v.boolean(),
  /** The most units that may be bought, if capped. */
  maxPurchase: v.nullable(v.number()),
  /** Epoch ms of the next reset. */
  nextResetAt: v.nullable(v.number()),
  /** The grants that make up the balance. */
  breakdown: v.optional(v.array(BalanceBreakdownSchema)),
  /** Units rolled over from earlier periods. */
  rollovers: v.optional(
    v.array(
      inbound({
        granted: v.number(),
        balance: v.number(),
        /** Epoch ms when the rollover expires. */
        expiresAt: v.number(),
      }),
    ),
  ),
});

/** A balance of one feature. */
export type Balance = CatalogAnswer<v.InferOutput<typeof BalanceSchema>>;
/** What one usage event took from one balance row. */
export type Deduction = CatalogAnswer<v.InferOutput<typeof DeductionSchema>>;
/** One grant within a balance. */
export type BalanceBreakdown = CatalogAnswer<v.InferOutput<typeof BalanceBreakdownSchema>>;
