/** Request and response cases of every billing operation, shared by billing.test.ts. */
import { billingAttach } from "../../src/funcs/billing-attach.js";
import { billingCreateSchedule } from "../../src/funcs/billing-create-schedule.js";
import { billingImport } from "../../src/funcs/billing-import.js";
import { billingMultiAttach } from "../../src/funcs/billing-multi-attach.js";
import { billingMultiUpdate } from "../../src/funcs/billing-multi-update.js";
import { billingOpenCustomerPortal } from "../../src/funcs/billing-open-customer-portal.js";
import { billingPreviewAttach } from "../../src/funcs/billing-preview-attach.js";
import { billingPreviewMultiAttach } from "../../src/funcs/billing-preview-multi-attach.js";
import { billingPreviewMultiUpdate } from "../../src/funcs/billing-preview-multi-update.js";
import { billingPreviewUpdate } from "../../src/funcs/billing-preview-update.js";
import { billingSetupPayment } from "../../src/funcs/billing-setup-payment.js";
import { billingUpdate } from "../../src/funcs/billing-update.js";
import type { AutumnCore } from "../../src/core.js";
import type { Result } from "../../src/lib/result.js";
import type { BillingAttachParams } from "../../src/models/operations/billing-attach.js";
import type { BillingCreateScheduleParams } from "../../src/models/operations/billing-create-schedule.js";
import type { BillingImportParams } from "../../src/models/operations/billing-import.js";
import type { BillingMultiAttachParams } from "../../src/models/operations/billing-multi-attach.js";
import type { BillingMultiUpdateParams } from "../../src/models/operations/billing-multi-update.js";
import type { BillingUpdateParams } from "../../src/models/operations/billing-update.js";
import { fixture } from "../helpers.js";

export const result = fixture("billing-result");
export const attachPreview = fixture("billing-preview-attach");

/** A plan customisation and its wire form, shared by the single-plan operations. */
const customize = {
  price: { amount: 25, interval: "month", additionalCurrencies: [{ currency: "eur", amount: 23 }] },
  addItems: [{ featureId: "seats", included: 5, price: { tiers: [{ to: "inf", amount: 8 }], interval: "month", billingMethod: "prepaid" }, proration: { onIncrease: "prorate_immediately", onDecrease: "none" } }],
  removeItems: [{ featureId: "messages", intervalCount: 1 }],
  freeTrial: { durationLength: 7, durationType: "day", cardRequired: false },
  billingControls: { spendLimits: [{ featureId: "messages", limitType: "absolute", overageLimit: 100 }] },
  upsertLicenses: [{ licensePlanId: "seat_license", included: 2, customize: null, metadata: { costCenter: "R&D" } }],
} satisfies BillingAttachParams["customize"];
const customizeWire = {
  price: { amount: 25, interval: "month", additional_currencies: [{ currency: "eur", amount: 23 }] },
  add_items: [{ feature_id: "seats", included: 5, price: { tiers: [{ to: "inf", amount: 8 }], interval: "month", billing_method: "prepaid" }, proration: { on_increase: "prorate_immediately", on_decrease: "none" } }],
  remove_items: [{ feature_id: "messages", interval_count: 1 }],
  free_trial: { duration_length: 7, duration_type: "day", card_required: false },
  billing_controls: { spend_limits: [{ feature_id: "messages", limit_type: "absolute", overage_limit: 100 }] },
  upsert_licenses: [{ license_plan_id: "seat_license", included: 2, customize: null, metadata: { costCenter: "R&D" } }],
};

export const attachParams: BillingAttachParams = {
  customerId: "user_123",
  entityId: "ws_1",
  planId: "pro",
  featureQuantities: [{ featureId: "seats", quantity: 10, adjustable: true }],
  customize,
  invoiceMode: { enabled: true, netTermsDays: 30 },
  discounts: [{ promotionCode: "LAUNCH10" }],
  successUrl: "https://app.example.com/billing",
  planSchedule: "immediate",
  carryOverBalances: { enabled: true, featureIds: ["credits"] },
  metadata: { orderRef: "A-1", "team.id": "t_9" },
  checkoutSessionParams: { allow_promotion_codes: true },
};
const attachWire = {
  customer_id: "user_123",
  entity_id: "ws_1",
  plan_id: "pro",
  feature_quantities: [{ feature_id: "seats", quantity: 10, adjustable: true }],
  customize: customizeWire,
  invoice_mode: { enabled: true, net_terms_days: 30 },
  discounts: [{ promotion_code: "LAUNCH10" }],
  success_url: "https://app.example.com/billing",
  plan_schedule: "immediate",
  carry_over_balances: { enabled: true, feature_ids: ["credits"] },
  metadata: { orderRef: "A-1", "team.id": "t_9" },
  checkout_session_params: { allow_promotion_codes: true },
};
const multiAttachParams: BillingMultiAttachParams = {
  customerId: "user_123",
  plans: [{ planId: "pro", customize: { items: [{ featureId: "messages", included: 500, reset: { interval: "month" } }] } }, { planId: "addon", entityId: null }],
  freeTrial: null,
  billingBehavior: "none",
  customerData: { name: "Patrick", email: "patrick@example.com", metadata: { Source: "ads" } },
  entityData: { featureId: "workspaces", name: "Main", billingControls: { usageLimits: [{ featureId: "messages", limit: 100, interval: "day" }] } },
};
const multiAttachWire = {
  customer_id: "user_123",
  plans: [{ plan_id: "pro", customize: { items: [{ feature_id: "messages", included: 500, reset: { interval: "month" } }] } }, { plan_id: "addon", entity_id: null }],
  free_trial: null,
  billing_behavior: "none",
  customer_data: { name: "Patrick", email: "patrick@example.com", metadata: { Source: "ads" } },
  entity_data: { feature_id: "workspaces", name: "Main", billing_controls: { usage_limits: [{ feature_id: "messages", limit: 100, interval: "day" }] } },
};
const updateParams: BillingUpdateParams = { customerId: "user_123", subscriptionId: "sub_main", cancelAction: "cancel_immediately", refundLastPayment: "prorated", recalculateBalances: { enabled: true } };
const updateWire = { customer_id: "user_123", subscription_id: "sub_main", cancel_action: "cancel_immediately", refund_last_payment: "prorated", recalculate_balances: { enabled: true } };
const multiUpdateParams: BillingMultiUpdateParams = { customerId: "user_123", updates: [{ planId: "pro", cancelAction: "uncancel" }, { subscriptionId: "sub_2", entityId: "ws_2", cancelAction: "cancel_end_of_cycle", prorationBehavior: "none" }] };
const multiUpdateWire = { customer_id: "user_123", updates: [{ plan_id: "pro", cancel_action: "uncancel" }, { subscription_id: "sub_2", entity_id: "ws_2", cancel_action: "cancel_end_of_cycle", proration_behavior: "none" }] };

export type Call = (core: AutumnCore, params: never) => Promise<Result<unknown>>;
interface Case {
  call: Call;
  path: string;
  params: object;
  wire: object;
  reply: object;
  expected: object;
  /** Whether a generated idempotency key is sent: mutations only. */
  keyed: boolean;
}

/** What the preview fixture parses to, down to the embedded plan. */
const attachPreviewExpected = {
  total: 74,
  redirectToCheckout: true,
  checkoutType: "stripe_checkout",
  tax: { amountExclusive: 6.2, status: "complete" },
  invoiceCredits: { balance: 5 },
  lineItems: [
    { displayName: "Pro", featureId: null, discounts: [{ amountOff: 2, rewardName: "Launch 10%" }], period: { start: 1771431921437 } },
    { featureId: "seats", quantity: 7 },
  ],
  nextCycle: { startsAt: 1773851121437, usageLineItems: [{ displayName: "Messages", featureId: "messages" }] },
  incoming: [
    {
      planId: "pro",
      featureQuantities: [{ featureId: "seats", quantity: 10 }],
      effectiveAt: null,
      plan: {
        addOn: false,
        baseVariantId: null,
        customerEligibility: { attachAction: "upgrade" },
        items: [
          { featureId: "messages", price: { billingUnits: 100, billingMethod: "usage_based" } },
          { price: { tiers: [{ to: 10 }, { to: "inf" }], maxPurchase: 50 } },
        ],
      },
    },
  ],
  outgoing: [{ planId: "starter", expiresAt: 1771431921437 }],
};

const scheduleParams: BillingCreateScheduleParams = {
  customerId: "user_123",
  currency: "usd",
  phases: [
    { startsAt: "now", plans: [{ planId: "intro", featureQuantities: [{ featureId: "seats", quantity: 3 }] }] },
    {
      startingAfter: { durationType: "month", durationCount: 3 },
      billingCycleAnchor: "phase_start",
      plans: [{ planId: "pro", customize: { addItems: [{ featureId: "sso" }], billingControls: { overageAllowed: [{ featureId: "messages", enabled: true }] } } }],
    },
  ],
  unscheduledPlans: [{ planId: "addon", entityId: null }],
};
const scheduleWire = {
  customer_id: "user_123",
  currency: "usd",
  phases: [
    { starts_at: "now", plans: [{ plan_id: "intro", feature_quantities: [{ feature_id: "seats", quantity: 3 }] }] },
    {
      starting_after: { duration_type: "month", duration_count: 3 },
      billing_cycle_anchor: "phase_start",
      plans: [{ plan_id: "pro", customize: { add_items: [{ feature_id: "sso" }], billing_controls: { overage_allowed: [{ feature_id: "messages", enabled: true }] } } }],
    },
  ],
  unscheduled_plans: [{ plan_id: "addon", entity_id: null }],
};

const importParams: BillingImportParams = {
  customerId: "user_123",
  customerData: { email: "patrick@example.com" },
  processors: [{ type: "stripe", id: "cus_Q1" }],
  billables: [
    {
      processor: "stripe",
      link: { subscriptionId: "sub_1" },
      billingCycleAnchor: 1771431921437,
      plan: {
        planId: "pro",
        status: "trialing",
        featureQuantities: [{ featureId: "seats", quantity: 4 }],
        balances: [{ featureId: "messages", filter: { interval: null, billingBehavior: "included" }, usage: 12 }],
      },
    },
  ],
};
const importWire = {
  customer_id: "user_123",
  customer_data: { email: "patrick@example.com" },
  processors: [{ type: "stripe", id: "cus_Q1" }],
  billables: [
    {
      processor: "stripe",
      link: { subscription_id: "sub_1" },
      billing_cycle_anchor: 1771431921437,
      plan: {
        plan_id: "pro",
        status: "trialing",
        feature_quantities: [{ feature_id: "seats", quantity: 4 }],
        balances: [{ feature_id: "messages", filter: { interval: null, billing_behavior: "included" }, usage: 12 }],
      },
    },
  ],
};

/** Per operation: the function, its path, params and their wire body, the reply and what it parses to. */
export const cases: Record<string, Case> = {
  attach: {
    keyed: true,
    call: billingAttach as Call, path: "billing.attach", params: attachParams, wire: attachWire, reply: result,
    expected: { customerId: "user_123", entityId: "ws_1", invoice: { stripeId: "in_1QxYz", total: 49.5, hostedInvoiceUrl: "https://invoice.stripe.com/i/acct_1/test_1" }, paymentUrl: null, requiredAction: { code: "3ds_required" } },
  },
  previewAttach: {
    keyed: false,
    call: billingPreviewAttach as Call, path: "billing.preview_attach", params: attachParams, wire: attachWire, reply: attachPreview,
    expected: attachPreviewExpected,
  },
  multiAttach: {
    keyed: true,
    call: billingMultiAttach as Call, path: "billing.multi_attach", params: multiAttachParams, wire: multiAttachWire, reply: result,
    expected: { customerId: "user_123", invoice: { status: "paid" } },
  },
  previewMultiAttach: {
    keyed: false,
    call: billingPreviewMultiAttach as Call, path: "billing.preview_multi_attach", params: multiAttachParams, wire: multiAttachWire, reply: attachPreview,
    expected: { subtotal: 76, currency: "usd", checkoutType: "stripe_checkout" },
  },
  update: {
    keyed: true,
    call: billingUpdate as Call, path: "billing.update", params: updateParams, wire: updateWire, reply: { customer_id: "user_123", payment_url: null },
    expected: { customerId: "user_123", paymentUrl: null },
  },
  previewUpdate: {
    keyed: false,
    call: billingPreviewUpdate as Call, path: "billing.preview_update", params: updateParams, wire: updateWire, reply: fixture("billing-preview-update"),
    expected: { intent: "update_quantity", outgoing: [], nextCycle: { total: 76 } },
  },
  multiUpdate: {
    keyed: true,
    call: billingMultiUpdate as Call, path: "billing.multi_update", params: multiUpdateParams, wire: multiUpdateWire, reply: result,
    expected: { requiredAction: { reason: "The card requires authentication" } },
  },
  previewMultiUpdate: {
    keyed: false,
    call: billingPreviewMultiUpdate as Call, path: "billing.preview_multi_update", params: multiUpdateParams, wire: multiUpdateWire, reply: fixture("billing-preview-multi-update"),
    expected: {
      total: 61.5,
      subscriptions: [
        { planIds: ["pro"], incoming: [{ plan: { id: "pro" } }] },
        { planIds: ["analytics_addon"], total: -12.5, outgoing: [{ canceledAt: 1771431921437 }] },
      ],
    },
  },
  openCustomerPortal: {
    keyed: true,
    call: billingOpenCustomerPortal as Call, path: "billing.open_customer_portal",
    params: { customerId: "user_123", configurationId: "bpc_1", returnUrl: "https://app.example.com" },
    wire: { customer_id: "user_123", configuration_id: "bpc_1", return_url: "https://app.example.com" },
    reply: fixture("billing-portal"),
    expected: { customerId: "user_123", url: "https://billing.stripe.com/p/session/test_YWNjdF8x" },
  },
  setupPayment: {
    keyed: true,
    call: billingSetupPayment as Call, path: "billing.setup_payment",
    params: { customerId: "user_123", planId: "pro", entityId: "ws_1", startsAt: 1771431921437 },
    wire: { customer_id: "user_123", plan_id: "pro", entity_id: "ws_1", starts_at: 1771431921437 },
    reply: fixture("billing-setup-payment"),
    expected: { entityId: "ws_1", url: "https://checkout.stripe.com/c/pay/cs_test_a1" },
  },
  createSchedule: {
    keyed: true,
    call: billingCreateSchedule as Call, path: "billing.create_schedule", params: scheduleParams, wire: scheduleWire, reply: fixture("billing-schedule"),
    expected: {
      entityId: null,
      status: "created",
      scheduleId: "sched_01",
      phases: [{ phaseId: "phase_01", customerProductIds: ["cus_prod_1"] }, { startsAt: 1779207921437 }],
      invoice: { hostedInvoiceUrl: null },
      paymentUrl: "https://checkout.stripe.com/c/pay/cs_test_b2",
    },
  },
  import: {
    keyed: true,
    call: billingImport as Call, path: "billing.import", params: importParams, wire: importWire,
    reply: { ...fixture("billing-import"), customer: fixture("customer") },
    expected: {
      customerId: "user_123",
      flashed: [{ planId: "pro", customerProductId: "cus_prod_9", skipped: false }, { customerProductId: null, expired: true, reason: "Not in the imported state" }],
      customer: { id: "user_123", stripeId: "cus_U0BKxpq1mFhuJO" },
    },
  },
};

