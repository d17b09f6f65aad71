import type * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { multiAttachEntries } from "../billing-multi-attach-params.js";

/** Params of `billing.multiAttach`. */
export const BillingMultiAttachParamsSchema = /* @__PURE__ */ outbound(multiAttachEntries);
/** Params of `billing.multiAttach`. */
export type BillingMultiAttachParams = CatalogParams<v.InferInput<typeof BillingMultiAttachParamsSchema>>;

/** @deprecated Use BillingMultiAttachParams. */
export type MultiAttachParams = BillingMultiAttachParams;
/** @deprecated Use BillingMultiAttachParamsSchema. */
export const MultiAttachParamsSchema: typeof BillingMultiAttachParamsSchema = BillingMultiAttachParamsSchema;
