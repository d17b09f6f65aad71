import { planOf, renderPlan } from "./catalog.js";
import { require400 } from "./errors.js";
import { renderInvoiceSummary } from "./invoices.js";
import { renderEntities } from "./licenses.js";
import { renderReferrals } from "./referrals.js";
import type { SandboxState, StoredCustomer } from "./state.js";

/**
 * Adds what `expand` asks for to a rendered customer. A field that was not
 * asked for stays absent (never null), as Autumn does. Invoices are those
 * recorded with `invoices.insert`, entities those `licenses.attach` created,
 * referrals the redemptions of the customer's referral codes. The sandbox
 * has no Stripe, trials or applied discounts, so those expansions are empty, and it grants no flags, purchases or auto top-ups, so
 * expanding inside them changes nothing.
 */
export function expandCustomer(state: SandboxState, customer: StoredCustomer, rendered: Record<string, unknown>, expand: unknown): Record<string, unknown> {
  if (expand === undefined) return rendered;
  require400(Array.isArray(expand) && expand.every((value) => typeof value === "string" && Object.hasOwn(EXPANSIONS, value)), `expand takes only ${Object.keys(EXPANSIONS).join(", ")}`);
  for (const value of expand as string[]) EXPANSIONS[value]!(customer, rendered, state);
  return rendered;
}

type Expansion = (customer: StoredCustomer, rendered: Record<string, unknown>, state: SandboxState) => void;

const nothingToExpand: Expansion = () => {};
const emptyList = (field: string): Expansion => (_customer, rendered) => {
  rendered[field] = [];
};

const EXPANSIONS: Record<string, Expansion> = {
  invoices: (customer, rendered) => {
    rendered["invoices"] = customer.invoices.map(renderInvoiceSummary);
  },
  invoice_previews: emptyList("invoice_previews"),
  trials_used: (customer, rendered) => {
    rendered["trials_used"] = customer.trials_used.map((planId) => ({ plan_id: planId, customer_id: customer.id ?? customer.key, fingerprint: customer.fingerprint }));
  },
  entities: (customer, rendered) => {
    rendered["entities"] = renderEntities(customer);
  },
  referrals: (customer, rendered, state) => {
    rendered["referrals"] = renderReferrals(state, customer);
  },
  rewards: (_customer, rendered) => {
    rendered["rewards"] = null;
  },
  payment_method: (_customer, rendered) => {
    rendered["payment_method"] = null;
  },
  "subscriptions.plan": (customer, rendered, state) => {
    rendered["subscriptions"] = (rendered["subscriptions"] as { id: string; plan_id: string }[]).map((subscription) => ({
      ...subscription,
      plan: renderPlan(planOf(state.catalog, customer.subscriptions.find((held) => held.id === subscription.id) ?? subscription)!, customer.env),
    }));
  },
  "balances.feature": (_customer, rendered, state) => {
    const balances = rendered["balances"] as Record<string, Record<string, unknown>>;
    for (const [featureId, balance] of Object.entries(balances)) balances[featureId] = { ...balance, feature: state.catalog.features.get(featureId) };
  },
  "purchases.plan": nothingToExpand,
  "flags.feature": nothingToExpand,
  "billing_controls.auto_topups.purchase_limit": nothingToExpand,
};
