import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CatalogIdSchema } from "../billing-params.js";

/** Params of `rewards.delete`. */
export const RewardsDeleteParamsSchema = /* @__PURE__ */ outbound({
  /** The coupon or feature grant to delete. */
  rewardId: CatalogIdSchema,
});
/** Params of `rewards.delete`. */
export type RewardsDeleteParams = CatalogParams<v.InferInput<typeof RewardsDeleteParamsSchema>>;

/** The answer to `rewards.delete`. */
export const RewardsDeleteResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `rewards.delete`. */
export type RewardsDeleteResponse = CatalogAnswer<v.InferOutput<typeof RewardsDeleteResponseSchema>>;
