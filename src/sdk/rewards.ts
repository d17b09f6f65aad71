import type { AutumnCore } from "../core.js";
import { rewardsCreate } from "../funcs/rewards-create.js";
import { rewardsDelete } from "../funcs/rewards-delete.js";
import { rewardsGet } from "../funcs/rewards-get.js";
import { rewardsList } from "../funcs/rewards-list.js";
import { rewardsRedeem } from "../funcs/rewards-redeem.js";
import { rewardsUpdate } from "../funcs/rewards-update.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync } from "../lib/result.js";
import type { RewardsCreateParams } from "../models/operations/rewards-create.js";
import type { RewardsDeleteParams, RewardsDeleteResponse } from "../models/operations/rewards-delete.js";
import type { RewardsGetParams } from "../models/operations/rewards-get.js";
import type { RewardList, RewardsListParams } from "../models/operations/rewards-list.js";
import type { RewardsRedeemParams, RewardsRedeemResponse } from "../models/operations/rewards-redeem.js";
import type { RewardsUpdateParams } from "../models/operations/rewards-update.js";
import type { Reward } from "../models/reward.js";

/** Rewards: coupons and feature grants, redeemed with promo codes or given by referral programs. Methods throw on error. */
export class Rewards {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Creates a coupon or a feature grant. */
  create(params: RewardsCreateParams, options?: RequestOptions): Promise<Reward> {
    return unwrapAsync(rewardsCreate(this.#core, params, options));
  }

  /** Lists every coupon and feature grant. */
  list(params?: RewardsListParams, options?: RequestOptions): Promise<RewardList> {
    return unwrapAsync(rewardsList(this.#core, params, options));
  }

  /** Gets a coupon or feature grant by id. */
  get(params: RewardsGetParams, options?: RequestOptions): Promise<Reward> {
    return unwrapAsync(rewardsGet(this.#core, params, options));
  }

  /** Changes a coupon or feature grant. */
  update(params: RewardsUpdateParams, options?: RequestOptions): Promise<Reward> {
    return unwrapAsync(rewardsUpdate(this.#core, params, options));
  }

  /** Deletes a coupon or feature grant. */
  delete(params: RewardsDeleteParams, options?: RequestOptions): Promise<RewardsDeleteResponse> {
    return unwrapAsync(rewardsDelete(this.#core, params, options));
  }

  /** Redeems a promo code for a customer. */
  redeem(params: RewardsRedeemParams, options?: RequestOptions): Promise<RewardsRedeemResponse> {
    return unwrapAsync(rewardsRedeem(this.#core, params, options));
  }

  /** `redeem` under the name of Autumn's current SDK. */
  redeemCode(params: RewardsRedeemParams, options?: RequestOptions): Promise<RewardsRedeemResponse> {
    return this.redeem(params, options);
  }
}
