import type * as v from "valibot";
import { outbound } from "../../lib/wire.js";
import { multiAttachEntries } from "../billing-multi-attach-params.js";

export const MultiAttachParamsSchema = /* @__PURE__ */ outbound(multiAttachEntries);
/** Params of `billing.multiAttach`. */
export type MultiAttachParams = v.InferInput<typeof MultiAttachParamsSchema>;
