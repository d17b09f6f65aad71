import type * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { updateEntries } from "../billing-params.js";

/** Params of `billing.update`. */
export const BillingUpdateParamsSchema = /* @__PURE__ */ outbound(updateEntries);
/** Params of `billing.update`. */
export type BillingUpdateParams = CatalogParams<v.InferInput<typeof BillingUpdateParamsSchema>>;

/** @deprecated Use BillingUpdateParams. */
export type UpdateSubscriptionParams = BillingUpdateParams;
/** @deprecated Use BillingUpdateParamsSchema. */
export const UpdateSubscriptionParamsSchema: typeof BillingUpdateParamsSchema = BillingUpdateParamsSchema;
