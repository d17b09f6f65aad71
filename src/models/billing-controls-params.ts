import * as v from "valibot";
import type { CatalogParams } from "../lib/catalog.js";
import { dataRecord, outbound } from "../lib/wire.js";
import {
  PURCHASE_LIMIT_INTERVALS,
  SPEND_LIMIT_TYPES,
  USAGE_ALERT_THRESHOLD_TYPES,
  USAGE_LIMIT_ANCHORS,
  USAGE_LIMIT_INTERVALS,
} from "./shared.js";

// @__NO_SIDE_EFFECTS__
function atLeast(minimum: number) {
  return v.pipe(v.number(), v.minValue(minimum));
}

/** Billing controls to set on a customer or entity. Each list replaces the stored one. */
export const BillingControlsParamsSchema = /* @__PURE__ */ outbound({
  /** Automatic credit purchases when a balance runs low. */
  autoTopups: v.optional(
    v.array(
      outbound({
        /** The credit feature to top up. */
        featureId: v.string(),
        /** Whether the top-up is active. */
        enabled: v.optional(v.boolean()),
        /** Balance below which a top-up is bought. */
        threshold: v.number(),
        /** Credits per top-up. */
        quantity: atLeast(1),
        /** A cap on top-ups per window; `count` sets the current window's count. */
        purchaseLimit: v.optional(
          outbound({
            interval: v.picklist(PURCHASE_LIMIT_INTERVALS),
            intervalCount: v.optional(atLeast(1)),
            limit: atLeast(1),
            count: v.optional(atLeast(0)),
          }),
        ),
        /** Send an invoice instead of charging. */
        invoiceMode: v.optional(v.boolean()),
      }),
    ),
  ),
  /** Caps on overage spend. */
  spendLimits: v.optional(
    v.array(
      outbound({
        featureId: v.optional(v.string()),
        enabled: v.optional(v.boolean()),
        limitType: v.optional(v.picklist(SPEND_LIMIT_TYPES)),
        overageLimit: v.optional(atLeast(0)),
        skipOverageBilling: v.optional(v.boolean()),
      }),
    ),
  ),
  /** Hard caps on usage per interval. */
  usageLimits: v.optional(
    v.array(
      outbound({
        featureId: v.string(),
        enabled: v.optional(v.boolean()),
        limit: atLeast(0),
        interval: v.picklist(USAGE_LIMIT_INTERVALS),
        anchor: v.optional(v.picklist(USAGE_LIMIT_ANCHORS)),
        /** Count only usage from events with these properties. */
        filter: v.optional(
          outbound({
            properties: dataRecord(
              v.union([v.pipe(v.string(), v.minLength(1), v.maxLength(128)), v.number(), v.boolean()]),
              v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
            ),
          }),
        ),
      }),
    ),
  ),
  /** Alerts sent when usage crosses a threshold. */
  usageAlerts: v.optional(
    v.array(
      outbound({
        featureId: v.optional(v.string()),
        enabled: v.optional(v.boolean()),
        threshold: atLeast(0),
        thresholdType: v.picklist(USAGE_ALERT_THRESHOLD_TYPES),
        name: v.optional(v.string()),
      }),
    ),
  ),
  /** Per-feature switches letting usage exceed the balance. */
  overageAllowed: v.optional(v.array(outbound({ featureId: v.string(), enabled: v.optional(v.boolean()) }))),
});

/** Billing controls to set. */
export type BillingControlsParams = CatalogParams<v.InferInput<typeof BillingControlsParamsSchema>>;
