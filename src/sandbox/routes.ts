import { importRoutes } from "./billing-import.js";
import { multiBillingRoutes } from "./billing-more.js";
import { previewRoutes } from "./billing-previews.js";
import { balanceRoutes } from "./balance-routes.js";
import { billingRoutes } from "./billing.js";
import { catalogRoutes } from "./catalog-routes.js";
import { customerRoutes } from "./customers.js";
import { entityRoutes } from "./entities.js";
import { eventRoutes } from "./events.js";
import { invoiceRoutes } from "./invoices.js";
import { keyRoutes } from "./keys.js";
import { licenseRoutes } from "./licenses.js";
import { platformRoutes } from "./platform.js";
import { referralRoutes } from "./referrals.js";
import { rewardRoutes } from "./rewards.js";
import type { Route } from "./state.js";

/** Every operation the sandbox serves, by its path after `/v1/`. */
export const sandboxRoutes: Readonly<Record<string, Route>> = {
  ...customerRoutes,
  ...entityRoutes,
  ...billingRoutes,
  ...previewRoutes,
  ...multiBillingRoutes,
  ...importRoutes,
  ...catalogRoutes,
  ...balanceRoutes,
  ...eventRoutes,
  ...keyRoutes,
  ...invoiceRoutes,
  ...licenseRoutes,
  ...rewardRoutes,
  ...referralRoutes,
  ...platformRoutes,
};
