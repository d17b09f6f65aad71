import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/request.js";
import * as retryPolicy from "../lib/retry-policy.js";
import type { Result } from "../lib/result.js";
import {
  type DeleteFeatureParams,
  DeleteFeatureParamsSchema,
  type DeleteFeatureResponse,
  DeleteFeatureResponseSchema,
} from "../models/operations/features-delete.js";

const operation: Operation<DeleteFeatureParams, DeleteFeatureResponse> = {
  path: "features.delete",
  params: DeleteFeatureParamsSchema,
  response: DeleteFeatureResponseSchema,
  retry: retryPolicy.featuresDelete,
};

/**
 * Deletes a feature.
 *
 * @example
 * ```ts
 * const res = await featuresDelete(autumn, { featureId: "old_feature" });
 * if (res.ok) console.log(res.value.success);
 * ```
 */
export function featuresDelete(core: AutumnCore, params: DeleteFeatureParams, options?: RequestOptions): Promise<Result<DeleteFeatureResponse>> {
  return send(core, operation, params, options);
}
