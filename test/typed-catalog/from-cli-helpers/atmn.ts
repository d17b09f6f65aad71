/**
 * The signatures of the `feature`, `plan` and `item` helpers of Autumn's CLI
 * (`atmn`), reproduced so that no test depends on the CLI: each returns its
 * argument (`plan` with defaults filled in), typed as the CLI's `Feature`,
 * `Plan` or `PlanItem`, whose `id` and `featureId` are `string`.
 */
export type PlanItem = {
  featureId: string;
  included?: number;
  unlimited?: boolean;
  reset?: { interval: "hour" | "day" | "week" | "month" | "quarter" | "semi_annual" | "year"; intervalCount?: number };
  price?: { amount?: number; interval?: string; billingUnits?: number; billingMethod: "prepaid" | "usage_based"; maxPurchase?: number };
};

export type Feature = {
  id: string;
  name: string;
  archived?: boolean;
  eventNames?: string[];
  creditSchema?: { meteredFeatureId: string; creditCost: number }[];
} & ({ type: "boolean"; consumable?: never } | { type: "metered"; consumable: boolean } | { type: "credit_system"; consumable?: true });

export type Plan = {
  id: string;
  name: string;
  description?: string | null;
  group?: string;
  addOn?: boolean;
  autoEnable?: boolean;
  price?: { amount: number; interval: "one_off" | "week" | "month" | "quarter" | "semi_annual" | "year" };
  items?: PlanItem[];
};

export const feature = (params: Feature): Feature => params;

export const plan = (params: Plan): Plan => ({
  ...params,
  description: params.description ?? null,
  addOn: params.addOn ?? false,
  autoEnable: params.autoEnable ?? false,
  group: params.group ?? "",
});

export const item = (params: PlanItem): PlanItem => params;
