import type { FeatureControls } from "./ledger.js";
import type { SandboxState, StoredCustomer } from "./state.js";
import { controlEntries, usageHeadroom } from "./usage-windows.js";

/*
 * The billing controls a check or a track of one feature obeys (`FeatureControls`), read from the stored
 * controls as Autumn reads them: `overage_allowed` is off unless `enabled: true`, and a `spend_limits`
 * entry counts only when `enabled: true` and absolute. An entity's own entries for the feature come before
 * its customer's, which it inherits otherwise. Usage limits are usage-windows.ts's. Spend limits as a
 * percentage and plans' controls are kept and answered but not enforced.
 */

/** The controls of `featureId` for the customer, or for `entityId`. */
export function controlsFor(customer: StoredCustomer, featureId: string, entityId: string | undefined): FeatureControls {
  const own = entityId === undefined ? undefined : customer.entities.get(entityId)?.billing_controls;
  const of = (key: string) => {
    const owned = controlEntries(own, key, featureId);
    return owned.length > 0 ? owned : controlEntries(customer.billing_controls, key, featureId);
  };
  const overage = of("overage_allowed")[0];
  const spend = of("spend_limits").find((entry) => entry["enabled"] === true && typeof entry["overage_limit"] === "number" && (entry["limit_type"] ?? "absolute") === "absolute");
  return {
    ...(overage && { overageAllowed: overage["enabled"] === true }),
    ...(spend && { spendLimit: spend["overage_limit"] as number }),
  };
}

/** The controls a check of `checked`, answered from `featureId`'s balance, obeys: the feature's billing controls and the room its usage limits leave. */
export function checkControls(state: SandboxState, customer: StoredCustomer, featureId: string, checked: string, entityId: string | undefined, properties: Record<string, unknown> | undefined): FeatureControls {
  const headroom = usageHeadroom(state.catalog, customer, featureId, checked, entityId, properties, state.clock());
  return { ...controlsFor(customer, featureId, entityId), ...(headroom !== undefined && { usageHeadroom: headroom }) };
}
