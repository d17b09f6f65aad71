import type { StoredGrant } from "./state.js";

/** The wire form of a balance granted by one plan. */
export function renderBalance(grant: StoredGrant): Record<string, unknown> {
  const remaining = Math.max(0, grant.granted - grant.usage);
  return {
    feature_id: grant.feature_id,
    granted: grant.granted,
    remaining,
    usage: grant.usage,
    unlimited: false,
    overage_allowed: false,
    max_purchase: null,
    next_reset_at: grant.next_reset_at,
    breakdown: [
      {
        id: `cus_ent_${grant.plan_id}_${grant.feature_id}`,
        plan_id: grant.plan_id,
        included_grant: grant.granted,
        prepaid_grant: 0,
        remaining,
        usage: grant.usage,
        unlimited: false,
        reset: { interval: "month", resets_at: grant.next_reset_at },
        price: null,
        expires_at: null,
      },
    ],
  };
}
