import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Feature, FeatureSchema } from "../models/feature.js";
import { type FeaturesGetParams, FeaturesGetParamsSchema } from "../models/operations/features-get.js";

const operation: Operation<FeaturesGetParams, Feature> = {
  path: "features.get",
  params: FeaturesGetParamsSchema,
  response: FeatureSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Gets a feature by id.
 *
 * @example
 * ```ts
 * const res = await featuresGet(autumn, { featureId: "messages" });
 * if (res.ok) console.log(res.value.type, res.value.consumable);
 * ```
 */
export function featuresGet(core: AutumnCore, params: FeaturesGetParams, options?: RequestOptions): Promise<Result<Feature>> {
  return send(core, operation, params, options);
}
