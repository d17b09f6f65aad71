import type * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { multiUpdateEntries } from "../billing-params.js";

/** Params of `billing.multiUpdate`. */
export const BillingMultiUpdateParamsSchema = /* @__PURE__ */ outbound(multiUpdateEntries);
/** Params of `billing.multiUpdate`. */
export type BillingMultiUpdateParams = CatalogParams<v.InferInput<typeof BillingMultiUpdateParamsSchema>>;

/** @deprecated Use BillingMultiUpdateParams. */
export type MultiUpdateParams = BillingMultiUpdateParams;
/** @deprecated Use BillingMultiUpdateParamsSchema. */
export const MultiUpdateParamsSchema: typeof BillingMultiUpdateParamsSchema = BillingMultiUpdateParamsSchema;
