import type { Catalog } from "./catalog.js";
import type { BalanceRow, Deduction } from "./ledger.js";

/*
 * The sandbox's data and the handler type. Every module reads it, so it imports only modules that import
 * nothing of it back (the catalog's and the ledger's row types): the shapes that keys.ts, locks.ts and
 * webhooks.ts keep in the state are declared here rather than there.
 */

/** A customer as the sandbox stores it, in wire (snake_case) form. */
export interface StoredCustomer {
  id: string | null;
  /** Internal key: the id, or a generated one for id-less customers. */
  key: string;
  name: string | null;
  email: string | null;
  created_at: number;
  fingerprint: string | null;
  stripe_id: string | null;
  env: "sandbox" | "live";
  metadata: Record<string, unknown>;
  send_email_receipts: boolean;
  /** Every grant of a feature: attached plans', purchases', `balances.create`'s, for the customer and its entities. */
  rows: BalanceRow[];
  /** Plans attached (active, trialing, or scheduled to start), oldest first. */
  subscriptions: StoredSubscription[];
  /** One-off plans bought. */
  purchases: StoredPurchase[];
  /** Whether a checkout was completed, so that paid plans are charged without another. */
  has_payment_method: boolean;
  /** Plans whose free trial the customer has had. */
  trials_used: string[];
  /** Billing controls as last set (wire names); usage alerts here make the sandbox send webhooks. */
  billing_controls?: Record<string, unknown>;
  /** What each usage limit's window has counted, by the window's key (usage-windows.ts). */
  usage_windows?: Map<string, number>;
  /** Invoices recorded with `invoices.insert`, oldest first. */
  invoices: StoredInvoice[];
  /** Entities by id, as `licenses.attach` creates them. */
  entities: Map<string, StoredEntity>;
  /** Seats given to entities, held and released, oldest first. */
  seats: StoredSeat[];
}

/** An entity of a customer, in wire names. */
export interface StoredEntity {
  id: string;
  name: string | null;
  feature_id: string;
  created_at: number;
  /** Billing controls as last set (wire names). */
  billing_controls?: Record<string, unknown>;
}

/** A seat of a license plan given to an entity, in wire names; `ended_at` is set when it is released. */
export interface StoredSeat {
  id: string;
  entity_id: string;
  license_plan_id: string;
  started_at: number;
  ended_at: number | null;
}

/** An invoice in wire names; its `customer_id` is that of the customer holding it. */
export interface StoredInvoice {
  id: string;
  plan_ids: string[];
  stripe_id: string;
  processor_type: string;
  status: string;
  total: number;
  amount_paid: number | null;
  refunded_amount: number;
  currency: string;
  created_at: number;
  hosted_invoice_url: string | null;
}

/** A plan attached to a customer (or one of its entities), in wire names. */
export interface StoredSubscription {
  id: string;
  plan_id: string;
  /** The entity it is attached to; null for the customer. */
  entity_id: string | null;
  add_on: boolean;
  auto_enable: boolean;
  /** `scheduled` waits for `started_at` (a downgrade at the end of the cycle). A plan in its trial is active, with `trial_ends_at`. */
  status: "active" | "scheduled";
  /** The version of the plan it holds; `plans.update` may make newer ones. */
  plan_version: number;
  /** In its free trial until `trial_ends_at`. */
  in_trial: boolean;
  canceled_at: number | null;
  /** When a cancelled plan ends. */
  expires_at: number | null;
  trial_ends_at: number | null;
  started_at: number;
  current_period_start: number | null;
  current_period_end: number | null;
  quantity: number;
  /** Prepaid quantities bought, by feature id. */
  quantities: Record<string, number>;
}

/** A one-off plan bought, in wire names. */
export interface StoredPurchase {
  id: string;
  plan_id: string;
  entity_id: string | null;
  started_at: number;
  quantity: number;
}

/** A plan a checkout attaches once paid. */
export interface CheckoutPlan {
  plan_id: string;
  entity_id: string | null;
  quantities: Record<string, number>;
  /** `immediate` or `end_of_cycle`, as `billing.attach`'s `plan_schedule`; by default upgrades now, downgrades at cycle end. */
  schedule?: "immediate" | "end_of_cycle";
  /** Epoch ms it starts at, for a schedule's later phase; now when absent. */
  starts_at?: number;
}

/** A checkout waiting to be paid: completing it attaches its plans. */
export interface PendingCheckout {
  id: string;
  customer_key: string;
  /** The plans to attach once paid; none when the checkout only takes a card. */
  plans: CheckoutPlan[];
  /** Where the checkout page sends the buyer once paid. */
  success_url?: string;
  created_at: number;
}

/** A usage event as `balances.track` records it, in wire names. */
export interface StoredEvent {
  id: string;
  customer_key: string;
  customer_id: string | null;
  entity_id: string | null;
  feature_id: string;
  event_name: string | null;
  value: number;
  properties: Record<string, unknown>;
  timestamp: number;
  deductions: Deduction[];
}

/** A coupon or feature grant, in wire names, and how often each of its promo codes was redeemed. */
export interface StoredReward {
  kind: "coupon" | "feature_grant";
  /** The coupon or feature grant as answered, under `kind`. */
  reward: Record<string, unknown> & { id: string; promo_codes: Record<string, unknown>[] };
  /** Redemptions per promo code. */
  uses: Map<string, number>;
}

/** A hold on some balance rows (locks.ts), in wire names. */
export interface StoredLock {
  id: string;
  customer_key: string;
  /** The feature checked (a credit system's rows may be the ones held). */
  feature_id: string;
  entity_id: string | null;
  /** Units of the checked feature held. */
  value: number;
  /** What the hold took from each row, with the row's reset as it was then. */
  deductions: Deduction[];
  expires_at: number | null;
}

/** What a valid customer token says (keys.ts): whose it is and which kind. */
export interface TokenHolder {
  readonly customerId: string;
  readonly kind: "access" | "refresh";
}

/** The token signing secret and each customer's generation and revocation epoch (keys.ts). */
export interface TokenState {
  readonly secret: Buffer;
  readonly customers: Map<string, { generation: number; epoch: number }>;
}

/** What the state changes' webhooks are handed to: webhooks.ts's sender, which records and posts each. */
export interface WebhookOutbox {
  send(type: string, data: Record<string, unknown>): unknown;
}

/** A referral program in wire names. */
export type StoredReferralProgram = Record<string, unknown> & { id: string; reward_id: string; redeem_on: string; max_redemptions: number | null };

/** A referrer's code for a program, and who redeemed it. */
export interface StoredReferralCode {
  code: string;
  program_id: string;
  referrer: StoredCustomer;
  created_at: number;
  redemptions: { id: string; customer: StoredCustomer; created_at: number }[];
}

/** A managed organisation's link to RevenueCat in one environment, and the plans pushed so far. */
export interface RevenuecatLink {
  slug: string;
  env: "sandbox" | "live";
  syncedPlans: Set<string>;
}

/** Where a sandbox's catalog came from and how its last reload went. */
export interface CatalogSource {
  file: string | null;
  loadedAt: number;
  error: { message: string; at: number } | null;
}

export interface SandboxState {
  /** The features and plans it serves. */
  catalog: Catalog;
  /**
   * Where the catalog came from, for the dashboard: the file `autumn-sandbox` serves (null when code gave
   * it), when it was last loaded and the last reload that failed since, in wall-clock epoch ms.
   */
  catalogSource?: CatalogSource;
  /** Its own origin, for the checkout URLs it hands out. */
  url: string;
  /** Checkouts not yet completed, by id. */
  checkouts: Map<string, PendingCheckout>;
  /** Usage events, oldest first. */
  events: StoredEvent[];
  /** Balance held by `balances.check` with a lock, by lock id, until finalized or expired. */
  locks: Map<string, StoredLock>;
  customers: Map<string, StoredCustomer>;
  /** Idempotency keys claimed (sandbox/idempotency.ts), as `<env>:<key>`, and until when (epoch ms on the sandbox's clock). */
  claimedKeys: Map<string, number>;
  clock: () => number;
  /** The organisation's coupons and feature grants, by id, in creation order. */
  rewards: Map<string, StoredReward>;
  /** Referral programs by id, in creation order. */
  referralPrograms: Map<string, StoredReferralProgram>;
  /** Referral codes by code. */
  referralCodes: Map<string, StoredReferralCode>;
  /** RevenueCat links of managed organisations, by `<slug>:<sandbox|live>`. */
  revenuecat: Map<string, RevenuecatLink>;
  /** Per-customer tokens: the signing secret, generations and revocations. */
  tokens: TokenState;
  /** Sends webhooks for state changes (sandbox/webhooks.ts). */
  webhooks?: WebhookOutbox;
}

/**
 * An operation handler: the wire body in (a JSON array, for the routes server.ts lets take one), the wire response out (or NO_CONTENT), or a thrown
 * SandboxError. `holder` is the customer token the request came with, if it came with one.
 */
export type Route = (
  state: SandboxState,
  body: Record<string, unknown>,
  env: "sandbox" | "live",
  holder?: TokenHolder & { readonly token: string },
) => unknown;

/** What a route returns when Autumn answers 202 with a body: the work was accepted (the sandbox has already done it). */
export class Accepted {
  constructor(readonly payload: unknown) {}
}
