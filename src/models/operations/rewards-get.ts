import type * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { CatalogIdSchema } from "../billing-params.js";

/** Params of `rewards.get`. */
export const RewardsGetParamsSchema = /* @__PURE__ */ outbound({
  /** The coupon or feature grant to get. */
  rewardId: CatalogIdSchema,
});
/** Params of `rewards.get`. */
export type RewardsGetParams = CatalogParams<v.InferInput<typeof RewardsGetParamsSchema>>;
