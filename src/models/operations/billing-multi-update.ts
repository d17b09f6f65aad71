import type * as v from "valibot";
import { outbound } from "../../lib/wire.js";
import { multiUpdateEntries } from "../billing-params.js";

export const MultiUpdateParamsSchema = /* @__PURE__ */ outbound(multiUpdateEntries);
/** Params of `billing.multiUpdate`. */
export type MultiUpdateParams = v.InferInput<typeof MultiUpdateParamsSchema>;
