import type { AutumnCore } from "../core.js";
import { billingAttach } from "../funcs/billing-attach.js";
import { billingCreateSchedule } from "../funcs/billing-create-schedule.js";
import { billingImport } from "../funcs/billing-import.js";
import { billingMultiAttach } from "../funcs/billing-multi-attach.js";
import { billingMultiUpdate } from "../funcs/billing-multi-update.js";
import { billingOpenCustomerPortal } from "../funcs/billing-open-customer-portal.js";
import { billingPreviewAttach } from "../funcs/billing-preview-attach.js";
import { billingPreviewMultiAttach } from "../funcs/billing-preview-multi-attach.js";
import { billingPreviewMultiUpdate } from "../funcs/billing-preview-multi-update.js";
import { billingPreviewUpdate } from "../funcs/billing-preview-update.js";
import { billingSetupPayment } from "../funcs/billing-setup-payment.js";
import { billingUpdate } from "../funcs/billing-update.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync } from "../lib/result.js";
import type { BillingResult } from "../models/billing.js";
import type { AttachPreview } from "../models/billing-preview.js";
import type { BillingAttachParams } from "../models/operations/billing-attach.js";
import type { BillingCreateScheduleParams, Schedule } from "../models/operations/billing-create-schedule.js";
import type { BillingImport, BillingImportParams } from "../models/operations/billing-import.js";
import type { BillingMultiAttachParams } from "../models/operations/billing-multi-attach.js";
import type { BillingMultiUpdateParams } from "../models/operations/billing-multi-update.js";
import type { BillingOpenCustomerPortalParams, CustomerPortal } from "../models/operations/billing-open-customer-portal.js";
import type { BillingPreviewAttachParams } from "../models/operations/billing-preview-attach.js";
import type { BillingPreviewMultiAttachParams } from "../models/operations/billing-preview-multi-attach.js";
import type { BillingPreviewMultiUpdateParams, MultiUpdatePreview } from "../models/operations/billing-preview-multi-update.js";
import type { BillingPreviewUpdateParams, UpdatePreview } from "../models/operations/billing-preview-update.js";
import type { BillingSetupPaymentParams, PaymentSetup } from "../models/operations/billing-setup-payment.js";
import type { BillingUpdateParams } from "../models/operations/billing-update.js";

/** Billing: attaching and changing plans, checkout, the customer portal, schedules. Methods throw on error. */
export class Billing {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Attaches a plan; returns the invoice or a `paymentUrl` for checkout. */
  attach(params: BillingAttachParams, options?: RequestOptions): Promise<BillingResult> {
    return unwrapAsync(billingAttach(this.#core, params, options));
  }

  /** Previews what attaching a plan would charge. */
  previewAttach(params: BillingPreviewAttachParams, options?: RequestOptions): Promise<AttachPreview> {
    return unwrapAsync(billingPreviewAttach(this.#core, params, options));
  }

  /** Attaches several plans at once. */
  multiAttach(params: BillingMultiAttachParams, options?: RequestOptions): Promise<BillingResult> {
    return unwrapAsync(billingMultiAttach(this.#core, params, options));
  }

  /** Previews what attaching several plans would charge. */
  previewMultiAttach(params: BillingPreviewMultiAttachParams, options?: RequestOptions): Promise<AttachPreview> {
    return unwrapAsync(billingPreviewMultiAttach(this.#core, params, options));
  }

  /** Changes a customer's plan: quantities, customisation, cancellation. */
  update(params: BillingUpdateParams, options?: RequestOptions): Promise<BillingResult> {
    return unwrapAsync(billingUpdate(this.#core, params, options));
  }

  /** Previews what changing a customer's plan would charge. */
  previewUpdate(params: BillingPreviewUpdateParams, options?: RequestOptions): Promise<UpdatePreview> {
    return unwrapAsync(billingPreviewUpdate(this.#core, params, options));
  }

  /** Cancels or uncancels several plans at once. */
  multiUpdate(params: BillingMultiUpdateParams, options?: RequestOptions): Promise<BillingResult> {
    return unwrapAsync(billingMultiUpdate(this.#core, params, options));
  }

  /** Previews several plan updates, one preview per subscription. */
  previewMultiUpdate(params: BillingPreviewMultiUpdateParams, options?: RequestOptions): Promise<MultiUpdatePreview> {
    return unwrapAsync(billingPreviewMultiUpdate(this.#core, params, options));
  }

  /** Opens a Stripe billing portal session for the customer. */
  openCustomerPortal(params: BillingOpenCustomerPortalParams, options?: RequestOptions): Promise<CustomerPortal> {
    return unwrapAsync(billingOpenCustomerPortal(this.#core, params, options));
  }

  /** Returns a page where the customer saves a payment method. */
  setupPayment(params: BillingSetupPaymentParams, options?: RequestOptions): Promise<PaymentSetup> {
    return unwrapAsync(billingSetupPayment(this.#core, params, options));
  }

  /** Creates a schedule of plan phases. */
  createSchedule(params: BillingCreateScheduleParams, options?: RequestOptions): Promise<Schedule> {
    return unwrapAsync(billingCreateSchedule(this.#core, params, options));
  }

  /** Imports existing subscriptions and purchases from Stripe or RevenueCat. */
  import(params: BillingImportParams, options?: RequestOptions): Promise<BillingImport> {
    return unwrapAsync(billingImport(this.#core, params, options));
  }
}
