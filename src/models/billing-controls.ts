import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { dataRecord, inbound, openEnum } from "../lib/wire.js";
import { openEnumOf } from "./open-enum.js";
import type {
  PURCHASE_LIMIT_INTERVALS,
  SPEND_LIMIT_TYPES,
  USAGE_ALERT_THRESHOLD_TYPES,
  USAGE_LIMIT_ANCHORS,
  USAGE_LIMIT_INTERVALS,
} from "./shared.js";

/** Where a control comes from: set on the customer, or inherited from a plan. */
const SourceSchema = /* @__PURE__ */ openEnum(["customer", "plan"]);

/** A cap on how often auto top-ups happen. Expanded, it also reports the current window. */
export const PurchaseLimitSchema = /* @__PURE__ */ inbound({
  /** The window's interval; null when no limit is configured. */
  interval: v.nullable(openEnumOf<typeof PURCHASE_LIMIT_INTERVALS>()),
  /** Intervals per window. */
  intervalCount: v.optional(v.nullable(v.number())),
  /** Most top-ups per window; null when no limit is configured. */
  limit: v.nullable(v.number()),
  /** Top-ups used in the current window (expanded only). */
  count: v.optional(v.number()),
  /** Epoch ms when the current window ends (expanded only). */
  nextResetAt: v.optional(v.number()),
});

/** Billing controls: auto top-ups, spend limits, usage limits, alerts, overage. */
export const BillingControlsSchema = /* @__PURE__ */ inbound({
  /** Automatic credit purchases when a balance runs low. */
  autoTopups: v.optional(
    v.array(
      inbound({
        featureId: v.string(),
        enabled: v.optional(v.boolean()),
        /** Balance below which a top-up is bought. */
        threshold: v.number(),
        /** Credits added per top-up. */
        quantity: v.number(),
        purchaseLimit: v.optional(PurchaseLimitSchema),
        /** Whether a top-up sends an invoice instead of charging. */
        invoiceMode: v.optional(v.boolean()),
        source: v.optional(SourceSchema),
      }),
    ),
  ),
  /** Caps on overage spend. */
  spendLimits: v.optional(
    v.array(
      inbound({
        featureId: v.optional(v.string()),
        enabled: v.optional(v.boolean()),
        limitType: v.optional(openEnumOf<typeof SPEND_LIMIT_TYPES>()),
        overageLimit: v.optional(v.number()),
        skipOverageBilling: v.optional(v.boolean()),
        source: v.optional(SourceSchema),
      }),
    ),
  ),
  /** Hard caps on usage per interval. */
  usageLimits: v.optional(
    v.array(
      inbound({
        featureId: v.string(),
        enabled: v.optional(v.boolean()),
        limit: v.number(),
        interval: openEnumOf<typeof USAGE_LIMIT_INTERVALS>(),
        anchor: v.optional(openEnumOf<typeof USAGE_LIMIT_ANCHORS>()),
        /** Only usage from events with these properties counts. Keys are event property names. */
        filter: v.optional(inbound({ properties: dataRecord(v.union([v.string(), v.number(), v.boolean()])) })),
        /** Usage counted in the current window. */
        usage: v.optional(v.number()),
        source: v.optional(SourceSchema),
      }),
    ),
  ),
  /** Alerts sent when usage crosses a threshold. */
  usageAlerts: v.optional(
    v.array(
      inbound({
        featureId: v.optional(v.string()),
        enabled: v.optional(v.boolean()),
        threshold: v.number(),
        thresholdType: openEnumOf<typeof USAGE_ALERT_THRESHOLD_TYPES>(),
        name: v.optional(v.string()),
        source: v.optional(SourceSchema),
      }),
    ),
  ),
  /** Per-feature switches letting usage exceed the balance. */
  overageAllowed: v.optional(
    v.array(
      inbound({
        featureId: v.string(),
        enabled: v.optional(v.boolean()),
        source: v.optional(SourceSchema),
      }),
    ),
  ),
});

/** Billing controls of a customer, entity or plan. */
export type BillingControls = CatalogAnswer<v.InferOutput<typeof BillingControlsSchema>>;
