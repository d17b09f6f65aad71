import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Feature, FeatureSchema } from "../models/feature.js";
import { type FeaturesUpdateParams, FeaturesUpdateParamsSchema } from "../models/operations/features-update.js";

const operation: Operation<FeaturesUpdateParams, Feature> = {
  path: "features.update",
  params: FeaturesUpdateParamsSchema,
  response: FeatureSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Updates a feature; `newFeatureId` renames it while no customer uses it.
 *
 * @example
 * ```ts
 * const res = await featuresUpdate(autumn, { featureId: "messages", display: { singular: "message", plural: "messages" } });
 * if (res.ok) console.log(res.value.display);
 * ```
 */
export function featuresUpdate(core: AutumnCore, params: FeaturesUpdateParams, options?: RequestOptions): Promise<Result<Feature>> {
  return send(core, operation, params, options);
}
