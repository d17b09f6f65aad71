import type * as v from "valibot";
import { outbound } from "../../lib/wire.js";
import { multiAttachEntries } from "../billing-multi-attach-params.js";

export const PreviewMultiAttachParamsSchema = /* @__PURE__ */ outbound(multiAttachEntries);
/** Params of `billing.previewMultiAttach`: those of `billing.multiAttach`. */
export type PreviewMultiAttachParams = v.InferInput<typeof PreviewMultiAttachParamsSchema>;
