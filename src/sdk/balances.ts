import type { AutumnCore } from "../core.js";
import { balancesBatchTrack } from "../funcs/balances-batch-track.js";
import { balancesCheck, type CheckResult } from "../funcs/balances-check.js";
import { balancesCreate } from "../funcs/balances-create.js";
import { balancesDelete } from "../funcs/balances-delete.js";
import { balancesFinalize } from "../funcs/balances-finalize.js";
import { balancesTrack, type TrackResult } from "../funcs/balances-track.js";
import { balancesTrackTokens } from "../funcs/balances-track-tokens.js";
import { balancesUpdate } from "../funcs/balances-update.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync } from "../lib/result.js";
import type { BalancesBatchTrackParams, BalancesBatchTrackResponse } from "../models/operations/balances-batch-track.js";
import type { BalancesCheckParams } from "../models/operations/balances-check.js";
import type { BalancesCreateParams, BalancesCreateResponse } from "../models/operations/balances-create.js";
import type { BalancesDeleteParams, BalancesDeleteResponse } from "../models/operations/balances-delete.js";
import type { BalancesFinalizeParams, BalancesFinalizeResponse } from "../models/operations/balances-finalize.js";
import type { BalancesTrackParams } from "../models/operations/balances-track.js";
import type { BalancesTrackTokensParams } from "../models/operations/balances-track-tokens.js";
import type { BalancesUpdateParams, BalancesUpdateResponse } from "../models/operations/balances-update.js";
import type { TrackResponse } from "../models/track-response.js";

/** Balances: check access, record usage, and grant or adjust units. Methods throw on error. */
export class Balances {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Checks whether a customer may use a feature; with `sendEvent`, also deducts. */
  check(params: BalancesCheckParams, options?: RequestOptions): Promise<CheckResult> {
    return unwrapAsync(balancesCheck(this.#core, params, options));
  }

  /** Records usage of a feature or event and returns the updated balance. */
  track(params: BalancesTrackParams, options?: RequestOptions): Promise<TrackResult> {
    return unwrapAsync(balancesTrack(this.#core, params, options));
  }

  /** Records the tokens of one LLM call against an AI credit system. */
  trackTokens(params: BalancesTrackTokensParams, options?: RequestOptions): Promise<TrackResponse> {
    return unwrapAsync(balancesTrackTokens(this.#core, params, options));
  }

  /** Queues 1 to 1000 usage events in one request. */
  batchTrack(params: BalancesBatchTrackParams, options?: RequestOptions): Promise<BalancesBatchTrackResponse> {
    return unwrapAsync(balancesBatchTrack(this.#core, params, options));
  }

  /** Grants a balance outside any plan. */
  create(params: BalancesCreateParams, options?: RequestOptions): Promise<BalancesCreateResponse> {
    return unwrapAsync(balancesCreate(this.#core, params, options));
  }

  /** Changes what is left, used or granted of a balance. */
  update(params: BalancesUpdateParams, options?: RequestOptions): Promise<BalancesUpdateResponse> {
    return unwrapAsync(balancesUpdate(this.#core, params, options));
  }

  /** Deletes a balance that has no price attached. */
  delete(params: BalancesDeleteParams, options?: RequestOptions): Promise<BalancesDeleteResponse> {
    return unwrapAsync(balancesDelete(this.#core, params, options));
  }

  /** Confirms or releases the units held by a lock. */
  finalize(params: BalancesFinalizeParams, options?: RequestOptions): Promise<BalancesFinalizeResponse> {
    return unwrapAsync(balancesFinalize(this.#core, params, options));
  }
}
