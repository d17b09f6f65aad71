/**
 * A catalog as data, the `{ features, plans }` the sandbox takes, shared by
 * the app's tests (`startSandbox({ catalog })`) and its registration. `as
 * const` keeps each id a literal type. Entries may name their id `id` (as in
 * an autumn.config.ts) or as the params of `features.create` and
 * `plans.create` do, in either casing.
 */
import type { SandboxCatalog } from "@useautumn/sdk/sandbox";

export const catalog = {
  features: [
    { id: "api_calls", name: "API calls", type: "metered", consumable: true },
    { featureId: "storage_gb", name: "Storage (GB)", type: "metered", consumable: false },
  ],
  plans: [
    { id: "hobby", name: "Hobby", autoEnable: true, items: [{ featureId: "api_calls", included: 1000, reset: { interval: "month" } }] },
    { plan_id: "scale", name: "Scale", price: { amount: 25, interval: "month" }, items: [{ feature_id: "storage_gb", included: 10 }] },
  ],
} as const satisfies SandboxCatalog;
