import type * as v from "valibot";
import { outbound } from "../../lib/wire.js";
import { attachEntries } from "../billing-params.js";

export const PreviewAttachParamsSchema = /* @__PURE__ */ outbound(attachEntries);
/** Params of `billing.previewAttach`: those of `billing.attach`. */
export type PreviewAttachParams = v.InferInput<typeof PreviewAttachParamsSchema>;
