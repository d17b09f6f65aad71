import type { AutumnCore } from "../core.js";
import { plansCreate } from "../funcs/plans-create.js";
import { plansDelete } from "../funcs/plans-delete.js";
import { plansGet } from "../funcs/plans-get.js";
import { plansList } from "../funcs/plans-list.js";
import { plansUpdate } from "../funcs/plans-update.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync } from "../lib/result.js";
import type { PlansCreateParams } from "../models/operations/plans-create.js";
import type { PlansDeleteParams, PlansDeleteResponse } from "../models/operations/plans-delete.js";
import type { PlansGetParams } from "../models/operations/plans-get.js";
import type { PlanList, PlansListParams } from "../models/operations/plans-list.js";
import type { PlansUpdateParams } from "../models/operations/plans-update.js";
import type { Plan } from "../models/plan.js";

/** Plans: what customers subscribe to or buy, with the features each grants. Methods throw on error. */
export class Plans {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Creates a plan. */
  create(params: PlansCreateParams, options?: RequestOptions): Promise<Plan> {
    return unwrapAsync(plansCreate(this.#core, params, options));
  }

  /** Gets a plan by id, at its latest version unless `version` is given. */
  get(params: PlansGetParams, options?: RequestOptions): Promise<Plan> {
    return unwrapAsync(plansGet(this.#core, params, options));
  }

  /** Lists every plan (not paginated). */
  list(params?: PlansListParams, options?: RequestOptions): Promise<PlanList> {
    return unwrapAsync(plansList(this.#core, params, options));
  }

  /** Updates a plan, creating a new version when customers already have it. */
  update(params: PlansUpdateParams, options?: RequestOptions): Promise<Plan> {
    return unwrapAsync(plansUpdate(this.#core, params, options));
  }

  /** Deletes a plan's latest version, or every version. */
  delete(params: PlansDeleteParams, options?: RequestOptions): Promise<PlansDeleteResponse> {
    return unwrapAsync(plansDelete(this.#core, params, options));
  }
}
