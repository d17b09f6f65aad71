import type * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { attachEntries } from "../billing-params.js";

/** Params of `billing.previewAttach`: those of `billing.attach`. */
export const BillingPreviewAttachParamsSchema = /* @__PURE__ */ outbound(attachEntries);
/** Params of `billing.previewAttach`: those of `billing.attach`. */
export type BillingPreviewAttachParams = CatalogParams<v.InferInput<typeof BillingPreviewAttachParamsSchema>>;

/** @deprecated Use BillingPreviewAttachParams. */
export type PreviewAttachParams = BillingPreviewAttachParams;
/** @deprecated Use BillingPreviewAttachParamsSchema. */
export const PreviewAttachParamsSchema: typeof BillingPreviewAttachParamsSchema = BillingPreviewAttachParamsSchema;
