import type * as v from "valibot";
import { outbound } from "../../lib/wire.js";
import { attachEntries } from "../billing-params.js";

export const AttachParamsSchema = /* @__PURE__ */ outbound(attachEntries);
/** Params of `billing.attach`. */
export type AttachParams = v.InferInput<typeof AttachParamsSchema>;
