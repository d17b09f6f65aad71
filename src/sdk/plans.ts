import type { AutumnCore } from "../core.js";
import { plansCreate } from "../funcs/plans-create.js";
import { plansDelete } from "../funcs/plans-delete.js";
import { plansGet } from "../funcs/plans-get.js";
import { plansList } from "../funcs/plans-list.js";
import { plansUpdate } from "../funcs/plans-update.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync } from "../lib/result.js";
import type { CreatePlanParams } from "../models/operations/plans-create.js";
import type { DeletePlanParams, DeletePlanResponse } from "../models/operations/plans-delete.js";
import type { GetPlanParams } from "../models/operations/plans-get.js";
import type { ListPlansParams, PlanList } from "../models/operations/plans-list.js";
import type { UpdatePlanParams } from "../models/operations/plans-update.js";
import type { Plan } from "../models/plan.js";

/** Plans: what customers subscribe to or buy, with the features each grants. Methods throw on error. */
export class Plans {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Creates a plan. */
  create(params: CreatePlanParams, options?: RequestOptions): Promise<Plan> {
    return unwrapAsync(plansCreate(this.#core, params, options));
  }

  /** Gets a plan by id, at its latest version unless `version` is given. */
  get(params: GetPlanParams, options?: RequestOptions): Promise<Plan> {
    return unwrapAsync(plansGet(this.#core, params, options));
  }

  /** Lists every plan (not paginated). */
  list(params?: ListPlansParams, options?: RequestOptions): Promise<PlanList> {
    return unwrapAsync(plansList(this.#core, params, options));
  }

  /** Updates a plan, creating a new version when customers already have it. */
  update(params: UpdatePlanParams, options?: RequestOptions): Promise<Plan> {
    return unwrapAsync(plansUpdate(this.#core, params, options));
  }

  /** Deletes a plan's latest version, or every version. */
  delete(params: DeletePlanParams, options?: RequestOptions): Promise<DeletePlanResponse> {
    return unwrapAsync(plansDelete(this.#core, params, options));
  }
}
