import type * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { multiAttachEntries } from "../billing-multi-attach-params.js";

/** Params of `billing.previewMultiAttach`: those of `billing.multiAttach`. */
export const BillingPreviewMultiAttachParamsSchema = /* @__PURE__ */ outbound(multiAttachEntries);
/** Params of `billing.previewMultiAttach`: those of `billing.multiAttach`. */
export type BillingPreviewMultiAttachParams = CatalogParams<v.InferInput<typeof BillingPreviewMultiAttachParamsSchema>>;

/** @deprecated Use BillingPreviewMultiAttachParams. */
export type PreviewMultiAttachParams = BillingPreviewMultiAttachParams;
/** @deprecated Use BillingPreviewMultiAttachParamsSchema. */
export const PreviewMultiAttachParamsSchema: typeof BillingPreviewMultiAttachParamsSchema = BillingPreviewMultiAttachParamsSchema;
