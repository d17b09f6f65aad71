import type * as v from "valibot";
import { outbound } from "../../lib/wire.js";
import { updateEntries } from "../billing-params.js";

export const UpdateSubscriptionParamsSchema = /* @__PURE__ */ outbound(updateEntries);
/** Params of `billing.update`. */
export type UpdateSubscriptionParams = v.InferInput<typeof UpdateSubscriptionParamsSchema>;
