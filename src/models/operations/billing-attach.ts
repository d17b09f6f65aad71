import type * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { attachEntries } from "../billing-params.js";

/** Params of `billing.attach`. */
export const BillingAttachParamsSchema = /* @__PURE__ */ outbound(attachEntries);
/** Params of `billing.attach`. */
export type BillingAttachParams = CatalogParams<v.InferInput<typeof BillingAttachParamsSchema>>;

/** @deprecated Use BillingAttachParams. */
export type AttachParams = BillingAttachParams;
/** @deprecated Use BillingAttachParamsSchema. */
export const AttachParamsSchema: typeof BillingAttachParamsSchema = BillingAttachParamsSchema;
