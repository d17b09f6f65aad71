import type { AutumnCore } from "../core.js";
import { platformGetRevenuecatKeys } from "../funcs/platform-get-revenuecat-keys.js";
import { platformLinkRevenuecat } from "../funcs/platform-link-revenuecat.js";
import { platformSyncRevenuecat } from "../funcs/platform-sync-revenuecat.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync } from "../lib/result.js";
import type { PlatformGetRevenuecatKeysParams, PlatformGetRevenuecatKeysResponse } from "../models/operations/platform-get-revenuecat-keys.js";
import type { PlatformLinkRevenuecatParams, PlatformLinkRevenuecatResponse } from "../models/operations/platform-link-revenuecat.js";
import type { PlatformSyncRevenuecatParams, PlatformSyncRevenuecatResponse } from "../models/operations/platform-sync-revenuecat.js";

/** Platform: RevenueCat for the organisations you manage, linked, synced and keyed. Methods throw on error. */
export class Platform {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Starts linking a RevenueCat project: answers the consent page to send the user to. */
  linkRevenuecat(params: PlatformLinkRevenuecatParams, options?: RequestOptions): Promise<PlatformLinkRevenuecatResponse> {
    return unwrapAsync(platformLinkRevenuecat(this.#core, params, options));
  }

  /** Pushes an organisation's plans into RevenueCat as products. */
  syncRevenuecat(params: PlatformSyncRevenuecatParams, options?: RequestOptions): Promise<PlatformSyncRevenuecatResponse> {
    return unwrapAsync(platformSyncRevenuecat(this.#core, params, options));
  }

  /** Gets the public RevenueCat SDK keys of each app, and a fresh OAuth access token. */
  getRevenuecatKeys(params: PlatformGetRevenuecatKeysParams, options?: RequestOptions): Promise<PlatformGetRevenuecatKeysResponse> {
    return unwrapAsync(platformGetRevenuecatKeys(this.#core, params, options));
  }

  // The same three under the names of Autumn's current SDK (RevenueCat with a capital C).

  /** `linkRevenuecat` under the name of Autumn's current SDK. */
  linkRevenueCat(params: PlatformLinkRevenuecatParams, options?: RequestOptions): Promise<PlatformLinkRevenuecatResponse> {
    return this.linkRevenuecat(params, options);
  }

  /** `syncRevenuecat` under the name of Autumn's current SDK. */
  syncRevenueCat(params: PlatformSyncRevenuecatParams, options?: RequestOptions): Promise<PlatformSyncRevenuecatResponse> {
    return this.syncRevenuecat(params, options);
  }

  /** `getRevenuecatKeys` under the name of Autumn's current SDK. */
  getRevenueCatKeys(params: PlatformGetRevenuecatKeysParams, options?: RequestOptions): Promise<PlatformGetRevenuecatKeysResponse> {
    return this.getRevenuecatKeys(params, options);
  }
}
