import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type PlatformLinkRevenuecatParams,
  PlatformLinkRevenuecatParamsSchema,
  type PlatformLinkRevenuecatResponse,
  PlatformLinkRevenuecatResponseSchema,
} from "../models/operations/platform-link-revenuecat.js";

const operation: Operation<PlatformLinkRevenuecatParams, PlatformLinkRevenuecatResponse> = {
  path: "platform.link_revenuecat",
  params: PlatformLinkRevenuecatParamsSchema,
  response: PlatformLinkRevenuecatResponseSchema,
  // Starts linking a RevenueCat project, which the spec does not call repeatable: only under its Idempotency-Key.
  retry: "mutation",
};

/**
 * Starts linking a RevenueCat project to an organisation you manage: answers
 * the RevenueCat consent page to send the user to, who comes back to
 * `redirectUrl`.
 *
 * @example
 * ```ts
 * const res = await platformLinkRevenuecat(autumn, { organizationSlug: "acme", env: "test", projectName: "acme-mobile", redirectUrl: "https://app.example.com/revenuecat/done" });
 * if (res.ok) return Response.redirect(res.value.oauthUrl);
 * ```
 */
export function platformLinkRevenuecat(
  core: AutumnCore,
  params: PlatformLinkRevenuecatParams,
  options?: RequestOptions,
): Promise<Result<PlatformLinkRevenuecatResponse>> {
  return send(core, operation, params, options);
}
