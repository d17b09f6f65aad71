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
import type { AttachParams } from "../models/operations/billing-attach.js";
import type { CreateScheduleParams, Schedule } from "../models/operations/billing-create-schedule.js";
import type { BillingImport, ImportBillingParams } from "../models/operations/billing-import.js";
import type { MultiAttachParams } from "../models/operations/billing-multi-attach.js";
import type { MultiUpdateParams } from "../models/operations/billing-multi-update.js";
import type { CustomerPortal, OpenCustomerPortalParams } from "../models/operations/billing-open-customer-portal.js";
import type { PreviewAttachParams } from "../models/operations/billing-preview-attach.js";
import type { PreviewMultiAttachParams } from "../models/operations/billing-preview-multi-attach.js";
import type { MultiUpdatePreview, PreviewMultiUpdateParams } from "../models/operations/billing-preview-multi-update.js";
import type { PreviewUpdateParams, UpdatePreview } from "../models/operations/billing-preview-update.js";
import type { PaymentSetup, SetupPaymentParams } from "../models/operations/billing-setup-payment.js";
import type { UpdateSubscriptionParams } from "../models/operations/billing-update.js";

/** Billing: attaching and changing plans, checkout, the customer portal, schedules. Methods throw on error. */
export class Billing {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Attaches a plan; returns the invoice or a `paymentUrl` for checkout. */
  attach(params: AttachParams, options?: RequestOptions): Promise<BillingResult> {
    return unwrapAsync(billingAttach(this.#core, params, options));
  }

  /** Previews what attaching a plan would charge. */
  previewAttach(params: PreviewAttachParams, options?: RequestOptions): Promise<AttachPreview> {
    return unwrapAsync(billingPreviewAttach(this.#core, params, options));
  }

  /** Attaches several plans at once. */
  multiAttach(params: MultiAttachParams, options?: RequestOptions): Promise<BillingResult> {
    return unwrapAsync(billingMultiAttach(this.#core, params, options));
  }

  /** Previews what attaching several plans would charge. */
  previewMultiAttach(params: PreviewMultiAttachParams, options?: RequestOptions): Promise<AttachPreview> {
    return unwrapAsync(billingPreviewMultiAttach(this.#core, params, options));
  }

  /** Changes a customer's plan: quantities, customisation, cancellation. */
  update(params: UpdateSubscriptionParams, options?: RequestOptions): Promise<BillingResult> {
    return unwrapAsync(billingUpdate(this.#core, params, options));
  }

  /** Previews what changing a customer's plan would charge. */
  previewUpdate(params: PreviewUpdateParams, options?: RequestOptions): Promise<UpdatePreview> {
    return unwrapAsync(billingPreviewUpdate(this.#core, params, options));
  }

  /** Cancels or uncancels several plans at once. */
  multiUpdate(params: MultiUpdateParams, options?: RequestOptions): Promise<BillingResult> {
    return unwrapAsync(billingMultiUpdate(this.#core, params, options));
  }

  /** Previews several plan updates, one preview per subscription. */
  previewMultiUpdate(params: PreviewMultiUpdateParams, options?: RequestOptions): Promise<MultiUpdatePreview> {
    return unwrapAsync(billingPreviewMultiUpdate(this.#core, params, options));
  }

  /** Opens a Stripe billing portal session for the customer. */
  openCustomerPortal(params: OpenCustomerPortalParams, options?: RequestOptions): Promise<CustomerPortal> {
    return unwrapAsync(billingOpenCustomerPortal(this.#core, params, options));
  }

  /** Returns a page where the customer saves a payment method. */
  setupPayment(params: SetupPaymentParams, options?: RequestOptions): Promise<PaymentSetup> {
    return unwrapAsync(billingSetupPayment(this.#core, params, options));
  }

  /** Creates a schedule of plan phases. */
  createSchedule(params: CreateScheduleParams, options?: RequestOptions): Promise<Schedule> {
    return unwrapAsync(billingCreateSchedule(this.#core, params, options));
  }

  /** Imports existing subscriptions and purchases from Stripe or RevenueCat. */
  import(params: ImportBillingParams, options?: RequestOptions): Promise<BillingImport> {
    return unwrapAsync(billingImport(this.#core, params, options));
  }
}
