import type * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, openEnum, outbound, withEntries } from "../../lib/wire.js";
import { updateEntries } from "../billing-params.js";
import { previewChargeEntries, previewEntries } from "../billing-preview.js";

/** Params of `billing.previewUpdate`: those of `billing.update`. */
export const BillingPreviewUpdateParamsSchema = /* @__PURE__ */ outbound(updateEntries);
/** Params of `billing.previewUpdate`: those of `billing.update`. */
export type BillingPreviewUpdateParams = CatalogParams<v.InferInput<typeof BillingPreviewUpdateParamsSchema>>;

/** What updating a subscription would charge, and what kind of change it is. */
export const UpdatePreviewSchema = /* @__PURE__ */ inbound(
  withEntries(withEntries(previewEntries, previewChargeEntries), {
    /** What the update amounts to. */
    intent: openEnum(["update_plan", "update_quantity", "cancel_immediately", "cancel_end_of_cycle", "uncancel", "none"]),
  }),
);
/** What updating a subscription would charge. */
export type UpdatePreview = CatalogAnswer<v.InferOutput<typeof UpdatePreviewSchema>>;
/** The answer to `billing.previewUpdate`: what the update would charge. */
export type BillingPreviewUpdateResponse = UpdatePreview;

/** @deprecated Use BillingPreviewUpdateParams. */
export type PreviewUpdateParams = BillingPreviewUpdateParams;
/** @deprecated Use BillingPreviewUpdateParamsSchema. */
export const PreviewUpdateParamsSchema: typeof BillingPreviewUpdateParamsSchema = BillingPreviewUpdateParamsSchema;
