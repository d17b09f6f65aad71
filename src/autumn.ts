import { AutumnCore } from "./core.js";
import { balancesBatchTrack } from "./funcs/balances-batch-track.js";
import { billingAttach } from "./funcs/billing-attach.js";
import { balancesCheck, type CheckResult } from "./funcs/balances-check.js";
import { balancesTrack, type TrackResult } from "./funcs/balances-track.js";
import { balancesTrackTokens } from "./funcs/balances-track-tokens.js";
import type { RequestOptions } from "./lib/config.js";
import { unwrapAsync } from "./lib/result.js";
import type { BillingResult } from "./models/billing.js";
import type { BalancesBatchTrackParams, BalancesBatchTrackResponse } from "./models/operations/balances-batch-track.js";
import type { BillingAttachParams } from "./models/operations/billing-attach.js";
import type { BalancesCheckParams } from "./models/operations/balances-check.js";
import type { BalancesTrackParams } from "./models/operations/balances-track.js";
import type { BalancesTrackTokensParams } from "./models/operations/balances-track-tokens.js";
import type { TrackResponse } from "./models/track-response.js";
import { Balances } from "./sdk/balances.js";
import { Billing } from "./sdk/billing.js";
import { Customers } from "./sdk/customers.js";
import { Entities } from "./sdk/entities.js";
import { Events } from "./sdk/events.js";
import { Features } from "./sdk/features.js";
import { Invoices } from "./sdk/invoices.js";
import { Keys } from "./sdk/keys.js";
import { Licenses } from "./sdk/licenses.js";
import { Plans } from "./sdk/plans.js";
import { Platform } from "./sdk/platform.js";
import { ReferralPrograms } from "./sdk/referral-programs.js";
import { Referrals } from "./sdk/referrals.js";
import { Rewards } from "./sdk/rewards.js";

/**
 * The Autumn client as a class: `autumn.customers.getOrCreate(…)` returns the
 * value and throws the error. It is an `AutumnCore` too, so it can be passed
 * to the standalone functions. Import the standalone functions instead when
 * bundle size matters: this class pulls in every operation.
 *
 * @example
 * ```ts
 * import { Autumn } from "@useautumn/sdk";
 * const autumn = new Autumn({ secretKey: process.env["AUTUMN_SECRET_KEY"] });
 * const customer = await autumn.customers.getOrCreate({ customerId: "user_123" });
 * ```
 */
export class Autumn extends AutumnCore {
  #balances?: Balances;
  #billing?: Billing;
  #features?: Features;
  #plans?: Plans;
  #customers?: Customers;
  #entities?: Entities;
  #events?: Events;
  #keys?: Keys;
  #invoices?: Invoices;
  #licenses?: Licenses;
  #rewards?: Rewards;
  #referralPrograms?: ReferralPrograms;
  #referrals?: Referrals;
  #platform?: Platform;

  /** Whether the customer may use a feature, and how much is left. Same as `balances.check`. */
  check(params: BalancesCheckParams, options?: RequestOptions): Promise<CheckResult> {
    return unwrapAsync(balancesCheck(this, params, options));
  }

  /** Records usage of a feature. Same as `balances.track`. */
  track(params: BalancesTrackParams, options?: RequestOptions): Promise<TrackResult> {
    return unwrapAsync(balancesTrack(this, params, options));
  }

  /** Records the token usage of an AI model call. Same as `balances.trackTokens`. */
  trackTokens(params: BalancesTrackTokensParams, options?: RequestOptions): Promise<TrackResponse> {
    return unwrapAsync(balancesTrackTokens(this, params, options));
  }

  /** Records many usage events in one request. Same as `balances.batchTrack`. */
  batchTrack(params: BalancesBatchTrackParams, options?: RequestOptions): Promise<BalancesBatchTrackResponse> {
    return unwrapAsync(balancesBatchTrack(this, params, options));
  }

  /** Attaches a plan to a customer: starts a checkout or changes the subscription. Same as `billing.attach`. */
  attach(params: BillingAttachParams, options?: RequestOptions): Promise<BillingResult> {
    return unwrapAsync(billingAttach(this, params, options));
  }

  /** Billing: attach and change plans, checkout, the customer portal, schedules, imports. */
  get billing(): Billing {
    return (this.#billing ??= new Billing(this));
  }

  /** Plans: create, read, update, list, delete. */
  get plans(): Plans {
    return (this.#plans ??= new Plans(this));
  }

  /** Features: create, read, update, list, delete. */
  get features(): Features {
    return (this.#features ??= new Features(this));
  }

  /** Balances: check, track, create, update, delete, finalize locks. */
  get balances(): Balances {
    return (this.#balances ??= new Balances(this));
  }

  /** Customers: create, read, update, list, delete. */
  get customers(): Customers {
    return (this.#customers ??= new Customers(this));
  }

  /** Entities: seats, workspaces and other resources of a customer with their own balances. */
  get entities(): Entities {
    return (this.#entities ??= new Entities(this));
  }

  /** Usage events: list them, or aggregate them over time. */
  get events(): Events {
    return (this.#events ??= new Events(this));
  }

  /** Per-customer tokens for browsers, apps and the edge: mint, refresh, revoke. */
  get keys(): Keys {
    return (this.#keys ??= new Keys(this));
  }

  /** Invoices: list them across customers, or record historical ones. */
  get invoices(): Invoices {
    return (this.#invoices ??= new Invoices(this));
  }

  /** Licenses: seats of license plans given to entities, and the pools they come from. */
  get licenses(): Licenses {
    return (this.#licenses ??= new Licenses(this));
  }

  /** Rewards: coupons and feature grants, redeemed with promo codes or given by referral programs. */
  get rewards(): Rewards {
    return (this.#rewards ??= new Rewards(this));
  }

  /** Referral programs: the reward a referral code earns, when and for whom. */
  get referralPrograms(): ReferralPrograms {
    return (this.#referralPrograms ??= new ReferralPrograms(this));
  }

  /** Referrals: a customer's referral code, and its redemption by those they referred. */
  get referrals(): Referrals {
    return (this.#referrals ??= new Referrals(this));
  }

  /** Platform: RevenueCat for the organisations you manage, linked, synced and keyed. */
  get platform(): Platform {
    return (this.#platform ??= new Platform(this));
  }
}
