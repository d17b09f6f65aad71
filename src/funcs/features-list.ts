import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type FeatureList,
  FeatureListSchema,
  type FeaturesListParams,
  FeaturesListParamsSchema,
} from "../models/operations/features-list.js";

const operation: Operation<FeaturesListParams, FeatureList> = {
  path: "features.list",
  params: FeaturesListParamsSchema,
  response: FeatureListSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Lists every feature in one response (no pagination).
 *
 * @example
 * ```ts
 * const res = await featuresList(autumn);
 * if (res.ok) for (const feature of res.value.list) console.log(feature.id, feature.type);
 * ```
 */
export function featuresList(core: AutumnCore, params: FeaturesListParams = {}, options?: RequestOptions): Promise<Result<FeatureList>> {
  return send(core, operation, params, options);
}
