import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import { type Feature, FeatureSchema } from "../models/feature.js";
import { type FeaturesCreateParams, FeaturesCreateParamsSchema } from "../models/operations/features-create.js";

const operation: Operation<FeaturesCreateParams, Feature> = {
  path: "features.create",
  params: FeaturesCreateParamsSchema,
  response: FeatureSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Creates a feature: something plans grant and balances measure.
 *
 * @example
 * ```ts
 * const res = await featuresCreate(autumn, { featureId: "messages", name: "Messages", type: "metered", consumable: true });
 * if (res.ok) console.log(res.value.id);
 * ```
 */
export function featuresCreate(core: AutumnCore, params: FeaturesCreateParams, options?: RequestOptions): Promise<Result<Feature>> {
  return send(core, operation, params, options);
}
