import * as v from "valibot";
import { REVENUECAT_ENVS } from "./shared.js";
import { NonEmptyParamSchema } from "./params.js";

/** What names an organisation you manage and its RevenueCat environment, in the platform operations. */
export const revenuecatTarget = {
  /** The slug of the organisation. */
  organizationSlug: NonEmptyParamSchema,
  /** Its environment: `test` and `sandbox` both mean the sandbox. */
  env: v.picklist(REVENUECAT_ENVS),
};
