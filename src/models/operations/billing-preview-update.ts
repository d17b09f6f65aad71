import type * as v from "valibot";
import { inbound, openEnum, outbound, withEntries } from "../../lib/wire.js";
import { updateEntries } from "../billing-params.js";
import { previewChargeEntries, previewEntries } from "../billing-preview.js";

export const PreviewUpdateParamsSchema = /* @__PURE__ */ outbound(updateEntries);
/** Params of `billing.previewUpdate`: those of `billing.update`. */
export type PreviewUpdateParams = v.InferInput<typeof PreviewUpdateParamsSchema>;

/** What updating a subscription would charge, and what kind of change it is. */
export const UpdatePreviewSchema = /* @__PURE__ */ inbound(
  withEntries(withEntries(previewEntries, previewChargeEntries), {
    /** What the update amounts to. */
    intent: openEnum(["update_plan", "update_quantity", "cancel_immediately", "cancel_end_of_cycle", "uncancel", "none"]),
  }),
);
/** What updating a subscription would charge. */
export type UpdatePreview = v.InferOutput<typeof UpdatePreviewSchema>;
