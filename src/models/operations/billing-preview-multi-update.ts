import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound, withEntries } from "../../lib/wire.js";
import { multiUpdateEntries } from "../billing-params.js";
import { previewEntries } from "../billing-preview.js";

/** Params of `billing.previewMultiUpdate`: those of `billing.multiUpdate`. */
export const BillingPreviewMultiUpdateParamsSchema = /* @__PURE__ */ outbound(multiUpdateEntries);
/** Params of `billing.previewMultiUpdate`: those of `billing.multiUpdate`. */
export type BillingPreviewMultiUpdateParams = CatalogParams<v.InferInput<typeof BillingPreviewMultiUpdateParamsSchema>>;

/** What several subscription updates would charge, one preview per Stripe subscription. */
export const MultiUpdatePreviewSchema = /* @__PURE__ */ inbound({
  /** The customer. */
  customerId: v.string(),
  /** The currency code of `total`. */
  currency: v.string(),
  /** Charged now across all subscriptions. */
  total: v.number(),
  /** One preview per affected subscription; free plans have none. */
  subscriptions: v.array(
    inbound(
      withEntries(previewEntries, {
        /** The plans updated on this subscription. */
        planIds: v.array(v.string()),
      }),
    ),
  ),
});
/** What several subscription updates would charge. */
export type MultiUpdatePreview = CatalogAnswer<v.InferOutput<typeof MultiUpdatePreviewSchema>>;
/** The answer to `billing.previewMultiUpdate`: what the updates would charge. */
export type BillingPreviewMultiUpdateResponse = MultiUpdatePreview;

/** @deprecated Use BillingPreviewMultiUpdateParams. */
export type PreviewMultiUpdateParams = BillingPreviewMultiUpdateParams;
/** @deprecated Use BillingPreviewMultiUpdateParamsSchema. */
export const PreviewMultiUpdateParamsSchema: typeof BillingPreviewMultiUpdateParamsSchema = BillingPreviewMultiUpdateParamsSchema;
