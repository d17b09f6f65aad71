import type { AutumnCore } from "../core.js";
import { featuresCreate } from "../funcs/features-create.js";
import { featuresDelete } from "../funcs/features-delete.js";
import { featuresGet } from "../funcs/features-get.js";
import { featuresList } from "../funcs/features-list.js";
import { featuresUpdate } from "../funcs/features-update.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync } from "../lib/result.js";
import type { Feature } from "../models/feature.js";
import type { FeaturesCreateParams } from "../models/operations/features-create.js";
import type { FeaturesDeleteParams, FeaturesDeleteResponse } from "../models/operations/features-delete.js";
import type { FeaturesGetParams } from "../models/operations/features-get.js";
import type { FeatureList, FeaturesListParams } from "../models/operations/features-list.js";
import type { FeaturesUpdateParams } from "../models/operations/features-update.js";

/** Features: what plans grant and balances measure (messages, seats, credits). Methods throw on error. */
export class Features {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Creates a feature. */
  create(params: FeaturesCreateParams, options?: RequestOptions): Promise<Feature> {
    return unwrapAsync(featuresCreate(this.#core, params, options));
  }

  /** Gets a feature by id. */
  get(params: FeaturesGetParams, options?: RequestOptions): Promise<Feature> {
    return unwrapAsync(featuresGet(this.#core, params, options));
  }

  /** Lists every feature (not paginated). */
  list(params?: FeaturesListParams, options?: RequestOptions): Promise<FeatureList> {
    return unwrapAsync(featuresList(this.#core, params, options));
  }

  /** Updates a feature. */
  update(params: FeaturesUpdateParams, options?: RequestOptions): Promise<Feature> {
    return unwrapAsync(featuresUpdate(this.#core, params, options));
  }

  /** Deletes a feature. */
  delete(params: FeaturesDeleteParams, options?: RequestOptions): Promise<FeaturesDeleteResponse> {
    return unwrapAsync(featuresDelete(this.#core, params, options));
  }
}
