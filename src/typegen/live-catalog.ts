import type { AutumnCore } from "../core.js";
import { featuresList } from "../funcs/features-list.js";
import { plansList } from "../funcs/plans-list.js";
import type { SDKError } from "../lib/errors/index.js";
import type { CatalogIds } from "./declaration.js";

/** The catalog could not be read; the message names the cause in one line, never the key. */
export class CatalogReadError extends Error {
  override readonly name = "CatalogReadError";
}

/**
 * The ids of every feature and plan the API lists, archived ones included:
 * customers can still be on an archived plan and use its features, so code
 * may still name them.
 */
export async function readLiveCatalog(core: AutumnCore): Promise<CatalogIds> {
  const [features, plans] = await Promise.all([featuresList(core), plansList(core, { includeArchived: true })]);
  if (!features.ok) throw new CatalogReadError(cause(features.error, core));
  if (!plans.ok) throw new CatalogReadError(cause(plans.error, core));
  return { features: features.value.list.map((feature) => feature.id), plans: [...new Set(plans.value.list.map((plan) => plan.id))] };
}

function cause(error: SDKError, core: AutumnCore): string {
  switch (error.name) {
    case "ConfigurationError":
      // The command takes the key from AUTUMN_SECRET_KEY only, so that is what a key problem is named by.
      if (error.setting !== "secretKey") return error.message;
      return process.env["AUTUMN_SECRET_KEY"] ? "AUTUMN_SECRET_KEY does not hold an Autumn secret key (am_sk_…)" : "no secret key: set AUTUMN_SECRET_KEY";
    case "AutumnAPIError":
      if (error.status === 401 || error.status === 403) return `${core.serverURL} refused the secret key in AUTUMN_SECRET_KEY (${error.status}${error.code ? ` ${error.code}` : ""})`;
      return `${core.serverURL} answered ${error.message}`;
    case "ConnectionError":
    case "RequestTimeoutError":
      return error.message;
    default:
      return `${error.name}: ${error.message.split("\n")[0]}`;
  }
}
