import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type PlatformGetRevenuecatKeysParams,
  PlatformGetRevenuecatKeysParamsSchema,
  type PlatformGetRevenuecatKeysResponse,
  PlatformGetRevenuecatKeysResponseSchema,
} from "../models/operations/platform-get-revenuecat-keys.js";

const operation: Operation<PlatformGetRevenuecatKeysParams, PlatformGetRevenuecatKeysResponse> = {
  path: "platform.get_revenuecat_keys",
  params: PlatformGetRevenuecatKeysParamsSchema,
  response: PlatformGetRevenuecatKeysResponseSchema,
  // Reads keys; the OAuth token it refreshes on the way is only refreshed again by a repeat, so it is retried as a read.
  retry: "read",
  sensitive: true,
};

/**
 * Gets the public RevenueCat SDK keys of each app of an organisation's linked
 * project, to configure the RevenueCat SDK in its mobile app, and a freshly
 * refreshed OAuth access token. The answer is never written to the debug log.
 *
 * @example
 * ```ts
 * const res = await platformGetRevenuecatKeys(autumn, { organizationSlug: "acme", env: "live" });
 * if (res.ok) for (const app of res.value.apps) console.log(app.appType, app.apiKeys[0]?.key);
 * ```
 */
export function platformGetRevenuecatKeys(
  core: AutumnCore,
  params: PlatformGetRevenuecatKeysParams,
  options?: RequestOptions,
): Promise<Result<PlatformGetRevenuecatKeysResponse>> {
  return send(core, operation, params, options);
}
