import { describe, expectTypeOf, it } from "vitest";
import { balancesBatchTrack } from "../../src/funcs/balances-batch-track.js";
import { balancesCheck } from "../../src/funcs/balances-check.js";
import { balancesCreate } from "../../src/funcs/balances-create.js";
import { balancesDelete } from "../../src/funcs/balances-delete.js";
import { balancesFinalize } from "../../src/funcs/balances-finalize.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { balancesTrackTokens } from "../../src/funcs/balances-track-tokens.js";
import { balancesUpdate } from "../../src/funcs/balances-update.js";
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
import { customersDelete } from "../../src/funcs/customers-delete.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import { customersGetOrCreate } from "../../src/funcs/customers-get-or-create.js";
import { customersList } from "../../src/funcs/customers-list.js";
import { customersUpdate } from "../../src/funcs/customers-update.js";
import { entitiesCreate } from "../../src/funcs/entities-create.js";
import { entitiesDelete } from "../../src/funcs/entities-delete.js";
import { entitiesGet } from "../../src/funcs/entities-get.js";
import { entitiesList } from "../../src/funcs/entities-list.js";
import { entitiesUpdate } from "../../src/funcs/entities-update.js";
import { eventsAggregate } from "../../src/funcs/events-aggregate.js";
import { eventsList } from "../../src/funcs/events-list.js";
import { featuresCreate } from "../../src/funcs/features-create.js";
import { featuresDelete } from "../../src/funcs/features-delete.js";
import { featuresGet } from "../../src/funcs/features-get.js";
import { featuresList } from "../../src/funcs/features-list.js";
import { featuresUpdate } from "../../src/funcs/features-update.js";
import { invoicesInsert } from "../../src/funcs/invoices-insert.js";
import { invoicesList } from "../../src/funcs/invoices-list.js";
import { licensesAttach } from "../../src/funcs/licenses-attach.js";
import { licensesList } from "../../src/funcs/licenses-list.js";
import { licensesListAssignments } from "../../src/funcs/licenses-list-assignments.js";
import { licensesRelease } from "../../src/funcs/licenses-release.js";
import { platformGetRevenuecatKeys } from "../../src/funcs/platform-get-revenuecat-keys.js";
import { platformLinkRevenuecat } from "../../src/funcs/platform-link-revenuecat.js";
import { platformSyncRevenuecat } from "../../src/funcs/platform-sync-revenuecat.js";
import { referralProgramsCreate } from "../../src/funcs/referral-programs-create.js";
import { referralProgramsDelete } from "../../src/funcs/referral-programs-delete.js";
import { referralProgramsGet } from "../../src/funcs/referral-programs-get.js";
import { referralProgramsList } from "../../src/funcs/referral-programs-list.js";
import { referralProgramsUpdate } from "../../src/funcs/referral-programs-update.js";
import { referralsCreateCode } from "../../src/funcs/referrals-create-code.js";
import { referralsRedeemCode } from "../../src/funcs/referrals-redeem-code.js";
import { rewardsCreate } from "../../src/funcs/rewards-create.js";
import { rewardsDelete } from "../../src/funcs/rewards-delete.js";
import { rewardsGet } from "../../src/funcs/rewards-get.js";
import { rewardsList } from "../../src/funcs/rewards-list.js";
import { rewardsRedeem } from "../../src/funcs/rewards-redeem.js";
import { rewardsUpdate } from "../../src/funcs/rewards-update.js";
import { plansCreate } from "../../src/funcs/plans-create.js";
import { plansDelete } from "../../src/funcs/plans-delete.js";
import { plansGet } from "../../src/funcs/plans-get.js";
import { plansList } from "../../src/funcs/plans-list.js";
import { plansUpdate } from "../../src/funcs/plans-update.js";
import { keysMint } from "../../src/funcs/keys-mint.js";
import { keysRefresh } from "../../src/funcs/keys-refresh.js";
import { keysRevoke } from "../../src/funcs/keys-revoke.js";
import type { KeysMintParams } from "../../src/models/operations/keys-mint.js";
import type { KeysRefreshParams } from "../../src/models/operations/keys-refresh.js";
import type { KeysRevokeParams } from "../../src/models/operations/keys-revoke.js";
import type {
  AggregateEventsParams,
  AttachParams,
  BalancesBatchTrackParams,
  BalancesBatchTrackResponse,
  BalancesCheckParams,
  BalancesCheckResponse,
  BalancesCreateParams,
  BalancesCreateResponse,
  BalancesDeleteParams,
  BalancesDeleteResponse,
  BalancesFinalizeParams,
  BalancesFinalizeResponse,
  BalancesTrackParams,
  BalancesTrackTokensParams,
  BalancesUpdateParams,
  BalancesUpdateResponse,
  BatchTrackParams,
  BatchTrackResponse,
  BillingAttachParams,
  BillingCreateScheduleParams,
  BillingCreateScheduleResponse,
  BillingImport,
  BillingImportParams,
  BillingImportResponse,
  BillingMultiAttachParams,
  BillingMultiUpdateParams,
  BillingOpenCustomerPortalParams,
  BillingOpenCustomerPortalResponse,
  BillingPreviewAttachParams,
  BillingPreviewMultiAttachParams,
  BillingPreviewMultiUpdateParams,
  BillingPreviewMultiUpdateResponse,
  BillingPreviewUpdateParams,
  BillingPreviewUpdateResponse,
  BillingSetupPaymentParams,
  BillingSetupPaymentResponse,
  BillingUpdateParams,
  CheckParams,
  CheckResponse,
  CheckResult,
  CreateBalanceParams,
  CreateBalanceResponse,
  CreateEntityParams,
  CreateFeatureParams,
  CreatePlanParams,
  CreateScheduleParams,
  CustomerPage,
  CustomerPortal,
  CustomersDeleteParams,
  CustomersDeleteResponse,
  CustomersGetOrCreateParams,
  CustomersGetParams,
  CustomersListParams,
  CustomersListResponse,
  CustomersUpdateParams,
  DeleteBalanceParams,
  DeleteBalanceResponse,
  DeleteCustomerParams,
  DeleteCustomerResponse,
  DeleteEntityParams,
  DeleteEntityResponse,
  DeleteFeatureParams,
  DeleteFeatureResponse,
  DeletePlanParams,
  DeletePlanResponse,
  EntitiesCreateParams,
  EntitiesDeleteParams,
  EntitiesDeleteResponse,
  EntitiesGetParams,
  EntitiesListParams,
  EntitiesListResponse,
  EntitiesUpdateParams,
  EntityPage,
  EventAggregation,
  EventPage,
  EventsAggregateParams,
  EventsAggregateResponse,
  EventsListParams,
  EventsListResponse,
  FailOpenMarker,
  FeatureList,
  FeaturesCreateParams,
  FeaturesDeleteParams,
  FeaturesDeleteResponse,
  FeaturesGetParams,
  FeaturesListParams,
  FeaturesListResponse,
  FeaturesUpdateParams,
  FinalizeLockParams,
  FinalizeLockResponse,
  GetCustomerParams,
  GetEntityParams,
  GetFeatureParams,
  GetOrCreateCustomerParams,
  GetPlanParams,
  ImportBillingParams,
  InvoicePage,
  InvoicesInsertParams,
  InvoicesInsertResponse,
  InvoicesListParams,
  InvoicesListResponse,
  LicenseAssignmentList,
  LicenseList,
  LicensesAttachParams,
  LicensesAttachResponse,
  LicensesListAssignmentsParams,
  LicensesListAssignmentsResponse,
  LicensesListParams,
  LicensesListResponse,
  LicensesReleaseParams,
  LicensesReleaseResponse,
  PlatformGetRevenuecatKeysParams,
  PlatformGetRevenuecatKeysResponse,
  PlatformLinkRevenuecatParams,
  PlatformLinkRevenuecatResponse,
  PlatformSyncRevenuecatParams,
  PlatformSyncRevenuecatResponse,
  ReferralProgramList,
  ReferralProgramsCreateParams,
  ReferralProgramsDeleteParams,
  ReferralProgramsDeleteResponse,
  ReferralProgramsGetParams,
  ReferralProgramsListParams,
  ReferralProgramsListResponse,
  ReferralProgramsUpdateParams,
  ReferralsCreateCodeParams,
  ReferralsCreateCodeResponse,
  ReferralsRedeemCodeParams,
  ReferralsRedeemCodeResponse,
  RewardList,
  RewardsCreateParams,
  RewardsDeleteParams,
  RewardsDeleteResponse,
  RewardsGetParams,
  RewardsListParams,
  RewardsListResponse,
  RewardsRedeemParams,
  RewardsRedeemResponse,
  RewardsUpdateParams,
  ListCustomersParams,
  ListEntitiesParams,
  ListEventsParams,
  ListFeaturesParams,
  ListPlansParams,
  MultiAttachParams,
  MultiUpdateParams,
  MultiUpdatePreview,
  OpenCustomerPortalParams,
  PaymentSetup,
  PlanList,
  PlansCreateParams,
  PlansDeleteParams,
  PlansDeleteResponse,
  PlansGetParams,
  PlansListParams,
  PlansListResponse,
  PlansUpdateParams,
  PreviewAttachParams,
  PreviewMultiAttachParams,
  PreviewMultiUpdateParams,
  PreviewUpdateParams,
  Result,
  Schedule,
  SetupPaymentParams,
  TrackParams,
  TrackTokensParams,
  UpdateBalanceParams,
  UpdateBalanceResponse,
  UpdateCustomerParams,
  UpdateEntityParams,
  UpdateFeatureParams,
  UpdatePlanParams,
  UpdatePreview,
  UpdateSubscriptionParams,
} from "../../src/index.js";
import type {
  AggregateEventsParamsSchema,
  AttachParamsSchema,
  BalancesBatchTrackParamsSchema,
  BalancesBatchTrackResponseSchema,
  BalancesCheckParamsSchema,
  BalancesCheckResponseSchema,
  BalancesCreateParamsSchema,
  BalancesCreateResponseSchema,
  BalancesDeleteParamsSchema,
  BalancesDeleteResponseSchema,
  BalancesFinalizeParamsSchema,
  BalancesFinalizeResponseSchema,
  BalancesTrackParamsSchema,
  BalancesTrackTokensParamsSchema,
  BalancesUpdateParamsSchema,
  BalancesUpdateResponseSchema,
  BatchTrackParamsSchema,
  BatchTrackResponseSchema,
  BillingAttachParamsSchema,
  BillingCreateScheduleParamsSchema,
  BillingImportParamsSchema,
  BillingMultiAttachParamsSchema,
  BillingMultiUpdateParamsSchema,
  BillingOpenCustomerPortalParamsSchema,
  BillingPreviewAttachParamsSchema,
  BillingPreviewMultiAttachParamsSchema,
  BillingPreviewMultiUpdateParamsSchema,
  BillingPreviewUpdateParamsSchema,
  BillingSetupPaymentParamsSchema,
  BillingUpdateParamsSchema,
  CheckParamsSchema,
  CheckResponseSchema,
  CreateBalanceParamsSchema,
  CreateBalanceResponseSchema,
  CreateEntityParamsSchema,
  CreateFeatureParamsSchema,
  CreatePlanParamsSchema,
  CreateScheduleParamsSchema,
  CustomersDeleteParamsSchema,
  CustomersDeleteResponseSchema,
  CustomersGetOrCreateParamsSchema,
  CustomersGetParamsSchema,
  CustomersListParamsSchema,
  CustomersUpdateParamsSchema,
  DeleteBalanceParamsSchema,
  DeleteBalanceResponseSchema,
  DeleteCustomerParamsSchema,
  DeleteCustomerResponseSchema,
  DeleteEntityParamsSchema,
  DeleteEntityResponseSchema,
  DeleteFeatureParamsSchema,
  DeleteFeatureResponseSchema,
  DeletePlanParamsSchema,
  DeletePlanResponseSchema,
  EntitiesCreateParamsSchema,
  EntitiesDeleteParamsSchema,
  EntitiesDeleteResponseSchema,
  EntitiesGetParamsSchema,
  EntitiesListParamsSchema,
  EntitiesUpdateParamsSchema,
  EventsAggregateParamsSchema,
  EventsListParamsSchema,
  FeaturesCreateParamsSchema,
  FeaturesDeleteParamsSchema,
  FeaturesDeleteResponseSchema,
  FeaturesGetParamsSchema,
  FeaturesListParamsSchema,
  FeaturesUpdateParamsSchema,
  FinalizeLockParamsSchema,
  FinalizeLockResponseSchema,
  GetCustomerParamsSchema,
  GetEntityParamsSchema,
  GetFeatureParamsSchema,
  GetOrCreateCustomerParamsSchema,
  GetPlanParamsSchema,
  ImportBillingParamsSchema,
  ListCustomersParamsSchema,
  ListEntitiesParamsSchema,
  ListEventsParamsSchema,
  ListFeaturesParamsSchema,
  ListPlansParamsSchema,
  MultiAttachParamsSchema,
  MultiUpdateParamsSchema,
  OpenCustomerPortalParamsSchema,
  PlansCreateParamsSchema,
  PlansDeleteParamsSchema,
  PlansDeleteResponseSchema,
  PlansGetParamsSchema,
  PlansListParamsSchema,
  PlansUpdateParamsSchema,
  PreviewAttachParamsSchema,
  PreviewMultiAttachParamsSchema,
  PreviewMultiUpdateParamsSchema,
  PreviewUpdateParamsSchema,
  SetupPaymentParamsSchema,
  TrackParamsSchema,
  TrackTokensParamsSchema,
  UpdateBalanceParamsSchema,
  UpdateBalanceResponseSchema,
  UpdateCustomerParamsSchema,
  UpdateEntityParamsSchema,
  UpdateFeatureParamsSchema,
  UpdatePlanParamsSchema,
  UpdateSubscriptionParamsSchema,
} from "../../src/models/index.js";

/** The params a standalone function takes, `undefined` included where they may be left out. */
type ParamsOf<TFunction extends (...args: never[]) => unknown> = Parameters<TFunction>[1];
/** What a standalone function resolves to. */
type AnswerOf<TFunction extends (...args: never[]) => unknown> = Awaited<ReturnType<TFunction>>;

describe("each operation's params type is named after its function", () => {
  it("balances", () => {
    expectTypeOf<ParamsOf<typeof balancesBatchTrack>>().toEqualTypeOf<BalancesBatchTrackParams>();
    expectTypeOf<ParamsOf<typeof balancesCheck>>().toEqualTypeOf<BalancesCheckParams>();
    expectTypeOf<ParamsOf<typeof balancesCreate>>().toEqualTypeOf<BalancesCreateParams>();
    expectTypeOf<ParamsOf<typeof balancesDelete>>().toEqualTypeOf<BalancesDeleteParams>();
    expectTypeOf<ParamsOf<typeof balancesFinalize>>().toEqualTypeOf<BalancesFinalizeParams>();
    expectTypeOf<ParamsOf<typeof balancesTrack>>().toEqualTypeOf<BalancesTrackParams>();
    expectTypeOf<ParamsOf<typeof balancesTrackTokens>>().toEqualTypeOf<BalancesTrackTokensParams>();
    expectTypeOf<ParamsOf<typeof balancesUpdate>>().toEqualTypeOf<BalancesUpdateParams>();
  });

  it("billing", () => {
    expectTypeOf<ParamsOf<typeof billingAttach>>().toEqualTypeOf<BillingAttachParams>();
    expectTypeOf<ParamsOf<typeof billingCreateSchedule>>().toEqualTypeOf<BillingCreateScheduleParams>();
    expectTypeOf<ParamsOf<typeof billingImport>>().toEqualTypeOf<BillingImportParams>();
    expectTypeOf<ParamsOf<typeof billingMultiAttach>>().toEqualTypeOf<BillingMultiAttachParams>();
    expectTypeOf<ParamsOf<typeof billingMultiUpdate>>().toEqualTypeOf<BillingMultiUpdateParams>();
    expectTypeOf<ParamsOf<typeof billingOpenCustomerPortal>>().toEqualTypeOf<BillingOpenCustomerPortalParams>();
    expectTypeOf<ParamsOf<typeof billingPreviewAttach>>().toEqualTypeOf<BillingPreviewAttachParams>();
    expectTypeOf<ParamsOf<typeof billingPreviewMultiAttach>>().toEqualTypeOf<BillingPreviewMultiAttachParams>();
    expectTypeOf<ParamsOf<typeof billingPreviewMultiUpdate>>().toEqualTypeOf<BillingPreviewMultiUpdateParams>();
    expectTypeOf<ParamsOf<typeof billingPreviewUpdate>>().toEqualTypeOf<BillingPreviewUpdateParams>();
    expectTypeOf<ParamsOf<typeof billingSetupPayment>>().toEqualTypeOf<BillingSetupPaymentParams>();
    expectTypeOf<ParamsOf<typeof billingUpdate>>().toEqualTypeOf<BillingUpdateParams>();
  });

  it("customers", () => {
    expectTypeOf<ParamsOf<typeof customersDelete>>().toEqualTypeOf<CustomersDeleteParams>();
    expectTypeOf<ParamsOf<typeof customersGet>>().toEqualTypeOf<CustomersGetParams>();
    expectTypeOf<ParamsOf<typeof customersGetOrCreate>>().toEqualTypeOf<CustomersGetOrCreateParams>();
    expectTypeOf<ParamsOf<typeof customersList>>().toEqualTypeOf<CustomersListParams | undefined>();
    expectTypeOf<ParamsOf<typeof customersUpdate>>().toEqualTypeOf<CustomersUpdateParams>();
  });

  it("entities", () => {
    expectTypeOf<ParamsOf<typeof entitiesCreate>>().toEqualTypeOf<EntitiesCreateParams>();
    expectTypeOf<ParamsOf<typeof entitiesDelete>>().toEqualTypeOf<EntitiesDeleteParams>();
    expectTypeOf<ParamsOf<typeof entitiesGet>>().toEqualTypeOf<EntitiesGetParams>();
    expectTypeOf<ParamsOf<typeof entitiesList>>().toEqualTypeOf<EntitiesListParams | undefined>();
    expectTypeOf<ParamsOf<typeof entitiesUpdate>>().toEqualTypeOf<EntitiesUpdateParams>();
  });

  it("events", () => {
    expectTypeOf<ParamsOf<typeof eventsAggregate>>().toEqualTypeOf<EventsAggregateParams>();
    expectTypeOf<ParamsOf<typeof eventsList>>().toEqualTypeOf<EventsListParams | undefined>();
  });

  it("features", () => {
    expectTypeOf<ParamsOf<typeof featuresCreate>>().toEqualTypeOf<FeaturesCreateParams>();
    expectTypeOf<ParamsOf<typeof featuresDelete>>().toEqualTypeOf<FeaturesDeleteParams>();
    expectTypeOf<ParamsOf<typeof featuresGet>>().toEqualTypeOf<FeaturesGetParams>();
    expectTypeOf<ParamsOf<typeof featuresList>>().toEqualTypeOf<FeaturesListParams | undefined>();
    expectTypeOf<ParamsOf<typeof featuresUpdate>>().toEqualTypeOf<FeaturesUpdateParams>();
  });

  it("invoices", () => {
    expectTypeOf<ParamsOf<typeof invoicesInsert>>().toEqualTypeOf<InvoicesInsertParams>();
    expectTypeOf<ParamsOf<typeof invoicesList>>().toEqualTypeOf<InvoicesListParams | undefined>();
  });

  it("licenses", () => {
    expectTypeOf<ParamsOf<typeof licensesAttach>>().toEqualTypeOf<LicensesAttachParams>();
    expectTypeOf<ParamsOf<typeof licensesList>>().toEqualTypeOf<LicensesListParams>();
    expectTypeOf<ParamsOf<typeof licensesListAssignments>>().toEqualTypeOf<LicensesListAssignmentsParams>();
    expectTypeOf<ParamsOf<typeof licensesRelease>>().toEqualTypeOf<LicensesReleaseParams>();
  });

  it("platform", () => {
    expectTypeOf<ParamsOf<typeof platformGetRevenuecatKeys>>().toEqualTypeOf<PlatformGetRevenuecatKeysParams>();
    expectTypeOf<ParamsOf<typeof platformLinkRevenuecat>>().toEqualTypeOf<PlatformLinkRevenuecatParams>();
    expectTypeOf<ParamsOf<typeof platformSyncRevenuecat>>().toEqualTypeOf<PlatformSyncRevenuecatParams>();
  });

  it("referrals", () => {
    expectTypeOf<ParamsOf<typeof referralProgramsCreate>>().toEqualTypeOf<ReferralProgramsCreateParams>();
    expectTypeOf<ParamsOf<typeof referralProgramsDelete>>().toEqualTypeOf<ReferralProgramsDeleteParams>();
    expectTypeOf<ParamsOf<typeof referralProgramsGet>>().toEqualTypeOf<ReferralProgramsGetParams>();
    expectTypeOf<ParamsOf<typeof referralProgramsList>>().toEqualTypeOf<ReferralProgramsListParams | undefined>();
    expectTypeOf<ParamsOf<typeof referralProgramsUpdate>>().toEqualTypeOf<ReferralProgramsUpdateParams>();
    expectTypeOf<ParamsOf<typeof referralsCreateCode>>().toEqualTypeOf<ReferralsCreateCodeParams>();
    expectTypeOf<ParamsOf<typeof referralsRedeemCode>>().toEqualTypeOf<ReferralsRedeemCodeParams>();
  });

  it("rewards", () => {
    expectTypeOf<ParamsOf<typeof rewardsCreate>>().toEqualTypeOf<RewardsCreateParams>();
    expectTypeOf<ParamsOf<typeof rewardsDelete>>().toEqualTypeOf<RewardsDeleteParams>();
    expectTypeOf<ParamsOf<typeof rewardsGet>>().toEqualTypeOf<RewardsGetParams>();
    expectTypeOf<ParamsOf<typeof rewardsList>>().toEqualTypeOf<RewardsListParams | undefined>();
    expectTypeOf<ParamsOf<typeof rewardsRedeem>>().toEqualTypeOf<RewardsRedeemParams>();
    expectTypeOf<ParamsOf<typeof rewardsUpdate>>().toEqualTypeOf<RewardsUpdateParams>();
  });

  it("keys", () => {
    expectTypeOf<ParamsOf<typeof keysMint>>().toEqualTypeOf<KeysMintParams>();
    // Optional on an AutumnCore (its key may be the refresh token), as for the list functions.
    expectTypeOf<ParamsOf<typeof keysRefresh>>().toEqualTypeOf<KeysRefreshParams | undefined>();
    expectTypeOf<ParamsOf<typeof keysRevoke>>().toEqualTypeOf<KeysRevokeParams>();
  });

  it("plans", () => {
    expectTypeOf<ParamsOf<typeof plansCreate>>().toEqualTypeOf<PlansCreateParams>();
    expectTypeOf<ParamsOf<typeof plansDelete>>().toEqualTypeOf<PlansDeleteParams>();
    expectTypeOf<ParamsOf<typeof plansGet>>().toEqualTypeOf<PlansGetParams>();
    expectTypeOf<ParamsOf<typeof plansList>>().toEqualTypeOf<PlansListParams | undefined>();
    expectTypeOf<ParamsOf<typeof plansUpdate>>().toEqualTypeOf<PlansUpdateParams>();
  });
});

describe("an answer specific to one operation is named after its function", () => {
  it("renamed: the answer is the function's own type", () => {
    expectTypeOf<CheckResult>().toEqualTypeOf<BalancesCheckResponse & FailOpenMarker>();
    expectTypeOf<AnswerOf<typeof balancesBatchTrack>>().toEqualTypeOf<Result<BalancesBatchTrackResponse>>();
    expectTypeOf<AnswerOf<typeof balancesCreate>>().toEqualTypeOf<Result<BalancesCreateResponse>>();
    expectTypeOf<AnswerOf<typeof balancesDelete>>().toEqualTypeOf<Result<BalancesDeleteResponse>>();
    expectTypeOf<AnswerOf<typeof balancesFinalize>>().toEqualTypeOf<Result<BalancesFinalizeResponse>>();
    expectTypeOf<AnswerOf<typeof balancesUpdate>>().toEqualTypeOf<Result<BalancesUpdateResponse>>();
    expectTypeOf<AnswerOf<typeof customersDelete>>().toEqualTypeOf<Result<CustomersDeleteResponse>>();
    expectTypeOf<AnswerOf<typeof entitiesDelete>>().toEqualTypeOf<Result<EntitiesDeleteResponse>>();
    expectTypeOf<AnswerOf<typeof featuresDelete>>().toEqualTypeOf<Result<FeaturesDeleteResponse>>();
    expectTypeOf<AnswerOf<typeof plansDelete>>().toEqualTypeOf<Result<PlansDeleteResponse>>();
    expectTypeOf<AnswerOf<typeof invoicesInsert>>().toEqualTypeOf<Result<InvoicesInsertResponse>>();
    expectTypeOf<AnswerOf<typeof licensesAttach>>().toEqualTypeOf<Result<LicensesAttachResponse>>();
    expectTypeOf<AnswerOf<typeof licensesRelease>>().toEqualTypeOf<Result<LicensesReleaseResponse>>();
    expectTypeOf<AnswerOf<typeof rewardsDelete>>().toEqualTypeOf<Result<RewardsDeleteResponse>>();
    expectTypeOf<AnswerOf<typeof platformGetRevenuecatKeys>>().toEqualTypeOf<Result<PlatformGetRevenuecatKeysResponse>>();
    expectTypeOf<AnswerOf<typeof platformLinkRevenuecat>>().toEqualTypeOf<Result<PlatformLinkRevenuecatResponse>>();
    expectTypeOf<AnswerOf<typeof platformSyncRevenuecat>>().toEqualTypeOf<Result<PlatformSyncRevenuecatResponse>>();
    expectTypeOf<AnswerOf<typeof referralProgramsDelete>>().toEqualTypeOf<Result<ReferralProgramsDeleteResponse>>();
    expectTypeOf<AnswerOf<typeof referralsCreateCode>>().toEqualTypeOf<Result<ReferralsCreateCodeResponse>>();
    expectTypeOf<AnswerOf<typeof referralsRedeemCode>>().toEqualTypeOf<Result<ReferralsRedeemCodeResponse>>();
    expectTypeOf<AnswerOf<typeof rewardsRedeem>>().toEqualTypeOf<Result<RewardsRedeemResponse>>();
  });

  it("added: a descriptive name stays, and the function-named one is the same type", () => {
    expectTypeOf<AnswerOf<typeof billingCreateSchedule>>().toEqualTypeOf<Result<BillingCreateScheduleResponse>>();
    expectTypeOf<BillingCreateScheduleResponse>().toEqualTypeOf<Schedule>();
    expectTypeOf<AnswerOf<typeof billingImport>>().toEqualTypeOf<Result<BillingImportResponse>>();
    expectTypeOf<BillingImportResponse>().toEqualTypeOf<BillingImport>();
    expectTypeOf<AnswerOf<typeof billingOpenCustomerPortal>>().toEqualTypeOf<Result<BillingOpenCustomerPortalResponse>>();
    expectTypeOf<BillingOpenCustomerPortalResponse>().toEqualTypeOf<CustomerPortal>();
    expectTypeOf<AnswerOf<typeof billingPreviewMultiUpdate>>().toEqualTypeOf<Result<BillingPreviewMultiUpdateResponse>>();
    expectTypeOf<BillingPreviewMultiUpdateResponse>().toEqualTypeOf<MultiUpdatePreview>();
    expectTypeOf<AnswerOf<typeof billingPreviewUpdate>>().toEqualTypeOf<Result<BillingPreviewUpdateResponse>>();
    expectTypeOf<BillingPreviewUpdateResponse>().toEqualTypeOf<UpdatePreview>();
    expectTypeOf<AnswerOf<typeof billingSetupPayment>>().toEqualTypeOf<Result<BillingSetupPaymentResponse>>();
    expectTypeOf<BillingSetupPaymentResponse>().toEqualTypeOf<PaymentSetup>();
    expectTypeOf<AnswerOf<typeof customersList>>().toEqualTypeOf<Result<CustomersListResponse>>();
    expectTypeOf<CustomersListResponse>().toEqualTypeOf<CustomerPage>();
    expectTypeOf<AnswerOf<typeof entitiesList>>().toEqualTypeOf<Result<EntitiesListResponse>>();
    expectTypeOf<EntitiesListResponse>().toEqualTypeOf<EntityPage>();
    expectTypeOf<AnswerOf<typeof eventsAggregate>>().toEqualTypeOf<Result<EventsAggregateResponse>>();
    expectTypeOf<EventsAggregateResponse>().toEqualTypeOf<EventAggregation>();
    expectTypeOf<AnswerOf<typeof eventsList>>().toEqualTypeOf<Result<EventsListResponse>>();
    expectTypeOf<EventsListResponse>().toEqualTypeOf<EventPage>();
    expectTypeOf<AnswerOf<typeof featuresList>>().toEqualTypeOf<Result<FeaturesListResponse>>();
    expectTypeOf<FeaturesListResponse>().toEqualTypeOf<FeatureList>();
    expectTypeOf<AnswerOf<typeof plansList>>().toEqualTypeOf<Result<PlansListResponse>>();
    expectTypeOf<PlansListResponse>().toEqualTypeOf<PlanList>();
    expectTypeOf<AnswerOf<typeof invoicesList>>().toEqualTypeOf<Result<InvoicesListResponse>>();
    expectTypeOf<InvoicesListResponse>().toEqualTypeOf<InvoicePage>();
    expectTypeOf<AnswerOf<typeof licensesList>>().toEqualTypeOf<Result<LicensesListResponse>>();
    expectTypeOf<LicensesListResponse>().toEqualTypeOf<LicenseList>();
    expectTypeOf<AnswerOf<typeof licensesListAssignments>>().toEqualTypeOf<Result<LicensesListAssignmentsResponse>>();
    expectTypeOf<LicensesListAssignmentsResponse>().toEqualTypeOf<LicenseAssignmentList>();
    expectTypeOf<AnswerOf<typeof rewardsList>>().toEqualTypeOf<Result<RewardsListResponse>>();
    expectTypeOf<RewardsListResponse>().toEqualTypeOf<RewardList>();
    expectTypeOf<AnswerOf<typeof referralProgramsList>>().toEqualTypeOf<Result<ReferralProgramsListResponse>>();
    expectTypeOf<ReferralProgramsListResponse>().toEqualTypeOf<ReferralProgramList>();
  });
});

describe("the old names still work, deprecated, as the same types and schemas", () => {
  it("types", () => {
    expectTypeOf<BatchTrackParams>().toEqualTypeOf<BalancesBatchTrackParams>();
    expectTypeOf<BatchTrackResponse>().toEqualTypeOf<BalancesBatchTrackResponse>();
    expectTypeOf<CheckParams>().toEqualTypeOf<BalancesCheckParams>();
    expectTypeOf<CheckResponse>().toEqualTypeOf<BalancesCheckResponse>();
    expectTypeOf<CreateBalanceParams>().toEqualTypeOf<BalancesCreateParams>();
    expectTypeOf<CreateBalanceResponse>().toEqualTypeOf<BalancesCreateResponse>();
    expectTypeOf<DeleteBalanceParams>().toEqualTypeOf<BalancesDeleteParams>();
    expectTypeOf<DeleteBalanceResponse>().toEqualTypeOf<BalancesDeleteResponse>();
    expectTypeOf<FinalizeLockParams>().toEqualTypeOf<BalancesFinalizeParams>();
    expectTypeOf<FinalizeLockResponse>().toEqualTypeOf<BalancesFinalizeResponse>();
    expectTypeOf<TrackTokensParams>().toEqualTypeOf<BalancesTrackTokensParams>();
    expectTypeOf<TrackParams>().toEqualTypeOf<BalancesTrackParams>();
    expectTypeOf<UpdateBalanceParams>().toEqualTypeOf<BalancesUpdateParams>();
    expectTypeOf<UpdateBalanceResponse>().toEqualTypeOf<BalancesUpdateResponse>();
    expectTypeOf<AttachParams>().toEqualTypeOf<BillingAttachParams>();
    expectTypeOf<CreateScheduleParams>().toEqualTypeOf<BillingCreateScheduleParams>();
    expectTypeOf<ImportBillingParams>().toEqualTypeOf<BillingImportParams>();
    expectTypeOf<MultiAttachParams>().toEqualTypeOf<BillingMultiAttachParams>();
    expectTypeOf<MultiUpdateParams>().toEqualTypeOf<BillingMultiUpdateParams>();
    expectTypeOf<OpenCustomerPortalParams>().toEqualTypeOf<BillingOpenCustomerPortalParams>();
    expectTypeOf<PreviewAttachParams>().toEqualTypeOf<BillingPreviewAttachParams>();
    expectTypeOf<PreviewMultiAttachParams>().toEqualTypeOf<BillingPreviewMultiAttachParams>();
    expectTypeOf<PreviewMultiUpdateParams>().toEqualTypeOf<BillingPreviewMultiUpdateParams>();
    expectTypeOf<PreviewUpdateParams>().toEqualTypeOf<BillingPreviewUpdateParams>();
    expectTypeOf<SetupPaymentParams>().toEqualTypeOf<BillingSetupPaymentParams>();
    expectTypeOf<UpdateSubscriptionParams>().toEqualTypeOf<BillingUpdateParams>();
    expectTypeOf<DeleteCustomerParams>().toEqualTypeOf<CustomersDeleteParams>();
    expectTypeOf<DeleteCustomerResponse>().toEqualTypeOf<CustomersDeleteResponse>();
    expectTypeOf<GetOrCreateCustomerParams>().toEqualTypeOf<CustomersGetOrCreateParams>();
    expectTypeOf<GetCustomerParams>().toEqualTypeOf<CustomersGetParams>();
    expectTypeOf<ListCustomersParams>().toEqualTypeOf<CustomersListParams>();
    expectTypeOf<UpdateCustomerParams>().toEqualTypeOf<CustomersUpdateParams>();
    expectTypeOf<CreateEntityParams>().toEqualTypeOf<EntitiesCreateParams>();
    expectTypeOf<DeleteEntityParams>().toEqualTypeOf<EntitiesDeleteParams>();
    expectTypeOf<DeleteEntityResponse>().toEqualTypeOf<EntitiesDeleteResponse>();
    expectTypeOf<GetEntityParams>().toEqualTypeOf<EntitiesGetParams>();
    expectTypeOf<ListEntitiesParams>().toEqualTypeOf<EntitiesListParams>();
    expectTypeOf<UpdateEntityParams>().toEqualTypeOf<EntitiesUpdateParams>();
    expectTypeOf<AggregateEventsParams>().toEqualTypeOf<EventsAggregateParams>();
    expectTypeOf<ListEventsParams>().toEqualTypeOf<EventsListParams>();
    expectTypeOf<CreateFeatureParams>().toEqualTypeOf<FeaturesCreateParams>();
    expectTypeOf<DeleteFeatureParams>().toEqualTypeOf<FeaturesDeleteParams>();
    expectTypeOf<DeleteFeatureResponse>().toEqualTypeOf<FeaturesDeleteResponse>();
    expectTypeOf<GetFeatureParams>().toEqualTypeOf<FeaturesGetParams>();
    expectTypeOf<ListFeaturesParams>().toEqualTypeOf<FeaturesListParams>();
    expectTypeOf<UpdateFeatureParams>().toEqualTypeOf<FeaturesUpdateParams>();
    expectTypeOf<CreatePlanParams>().toEqualTypeOf<PlansCreateParams>();
    expectTypeOf<DeletePlanParams>().toEqualTypeOf<PlansDeleteParams>();
    expectTypeOf<DeletePlanResponse>().toEqualTypeOf<PlansDeleteResponse>();
    expectTypeOf<GetPlanParams>().toEqualTypeOf<PlansGetParams>();
    expectTypeOf<ListPlansParams>().toEqualTypeOf<PlansListParams>();
    expectTypeOf<UpdatePlanParams>().toEqualTypeOf<PlansUpdateParams>();
  });

  it("schemas", () => {
    expectTypeOf<typeof BatchTrackParamsSchema>().toEqualTypeOf<typeof BalancesBatchTrackParamsSchema>();
    expectTypeOf<typeof BatchTrackResponseSchema>().toEqualTypeOf<typeof BalancesBatchTrackResponseSchema>();
    expectTypeOf<typeof CheckParamsSchema>().toEqualTypeOf<typeof BalancesCheckParamsSchema>();
    expectTypeOf<typeof CheckResponseSchema>().toEqualTypeOf<typeof BalancesCheckResponseSchema>();
    expectTypeOf<typeof CreateBalanceParamsSchema>().toEqualTypeOf<typeof BalancesCreateParamsSchema>();
    expectTypeOf<typeof CreateBalanceResponseSchema>().toEqualTypeOf<typeof BalancesCreateResponseSchema>();
    expectTypeOf<typeof DeleteBalanceParamsSchema>().toEqualTypeOf<typeof BalancesDeleteParamsSchema>();
    expectTypeOf<typeof DeleteBalanceResponseSchema>().toEqualTypeOf<typeof BalancesDeleteResponseSchema>();
    expectTypeOf<typeof FinalizeLockParamsSchema>().toEqualTypeOf<typeof BalancesFinalizeParamsSchema>();
    expectTypeOf<typeof FinalizeLockResponseSchema>().toEqualTypeOf<typeof BalancesFinalizeResponseSchema>();
    expectTypeOf<typeof TrackTokensParamsSchema>().toEqualTypeOf<typeof BalancesTrackTokensParamsSchema>();
    expectTypeOf<typeof TrackParamsSchema>().toEqualTypeOf<typeof BalancesTrackParamsSchema>();
    expectTypeOf<typeof UpdateBalanceParamsSchema>().toEqualTypeOf<typeof BalancesUpdateParamsSchema>();
    expectTypeOf<typeof UpdateBalanceResponseSchema>().toEqualTypeOf<typeof BalancesUpdateResponseSchema>();
    expectTypeOf<typeof AttachParamsSchema>().toEqualTypeOf<typeof BillingAttachParamsSchema>();
    expectTypeOf<typeof CreateScheduleParamsSchema>().toEqualTypeOf<typeof BillingCreateScheduleParamsSchema>();
    expectTypeOf<typeof ImportBillingParamsSchema>().toEqualTypeOf<typeof BillingImportParamsSchema>();
    expectTypeOf<typeof MultiAttachParamsSchema>().toEqualTypeOf<typeof BillingMultiAttachParamsSchema>();
    expectTypeOf<typeof MultiUpdateParamsSchema>().toEqualTypeOf<typeof BillingMultiUpdateParamsSchema>();
    expectTypeOf<typeof OpenCustomerPortalParamsSchema>().toEqualTypeOf<typeof BillingOpenCustomerPortalParamsSchema>();
    expectTypeOf<typeof PreviewAttachParamsSchema>().toEqualTypeOf<typeof BillingPreviewAttachParamsSchema>();
    expectTypeOf<typeof PreviewMultiAttachParamsSchema>().toEqualTypeOf<typeof BillingPreviewMultiAttachParamsSchema>();
    expectTypeOf<typeof PreviewMultiUpdateParamsSchema>().toEqualTypeOf<typeof BillingPreviewMultiUpdateParamsSchema>();
    expectTypeOf<typeof PreviewUpdateParamsSchema>().toEqualTypeOf<typeof BillingPreviewUpdateParamsSchema>();
    expectTypeOf<typeof SetupPaymentParamsSchema>().toEqualTypeOf<typeof BillingSetupPaymentParamsSchema>();
    expectTypeOf<typeof UpdateSubscriptionParamsSchema>().toEqualTypeOf<typeof BillingUpdateParamsSchema>();
    expectTypeOf<typeof DeleteCustomerParamsSchema>().toEqualTypeOf<typeof CustomersDeleteParamsSchema>();
    expectTypeOf<typeof DeleteCustomerResponseSchema>().toEqualTypeOf<typeof CustomersDeleteResponseSchema>();
    expectTypeOf<typeof GetOrCreateCustomerParamsSchema>().toEqualTypeOf<typeof CustomersGetOrCreateParamsSchema>();
    expectTypeOf<typeof GetCustomerParamsSchema>().toEqualTypeOf<typeof CustomersGetParamsSchema>();
    expectTypeOf<typeof ListCustomersParamsSchema>().toEqualTypeOf<typeof CustomersListParamsSchema>();
    expectTypeOf<typeof UpdateCustomerParamsSchema>().toEqualTypeOf<typeof CustomersUpdateParamsSchema>();
    expectTypeOf<typeof CreateEntityParamsSchema>().toEqualTypeOf<typeof EntitiesCreateParamsSchema>();
    expectTypeOf<typeof DeleteEntityParamsSchema>().toEqualTypeOf<typeof EntitiesDeleteParamsSchema>();
    expectTypeOf<typeof DeleteEntityResponseSchema>().toEqualTypeOf<typeof EntitiesDeleteResponseSchema>();
    expectTypeOf<typeof GetEntityParamsSchema>().toEqualTypeOf<typeof EntitiesGetParamsSchema>();
    expectTypeOf<typeof ListEntitiesParamsSchema>().toEqualTypeOf<typeof EntitiesListParamsSchema>();
    expectTypeOf<typeof UpdateEntityParamsSchema>().toEqualTypeOf<typeof EntitiesUpdateParamsSchema>();
    expectTypeOf<typeof AggregateEventsParamsSchema>().toEqualTypeOf<typeof EventsAggregateParamsSchema>();
    expectTypeOf<typeof ListEventsParamsSchema>().toEqualTypeOf<typeof EventsListParamsSchema>();
    expectTypeOf<typeof CreateFeatureParamsSchema>().toEqualTypeOf<typeof FeaturesCreateParamsSchema>();
    expectTypeOf<typeof DeleteFeatureParamsSchema>().toEqualTypeOf<typeof FeaturesDeleteParamsSchema>();
    expectTypeOf<typeof DeleteFeatureResponseSchema>().toEqualTypeOf<typeof FeaturesDeleteResponseSchema>();
    expectTypeOf<typeof GetFeatureParamsSchema>().toEqualTypeOf<typeof FeaturesGetParamsSchema>();
    expectTypeOf<typeof ListFeaturesParamsSchema>().toEqualTypeOf<typeof FeaturesListParamsSchema>();
    expectTypeOf<typeof UpdateFeatureParamsSchema>().toEqualTypeOf<typeof FeaturesUpdateParamsSchema>();
    expectTypeOf<typeof CreatePlanParamsSchema>().toEqualTypeOf<typeof PlansCreateParamsSchema>();
    expectTypeOf<typeof DeletePlanParamsSchema>().toEqualTypeOf<typeof PlansDeleteParamsSchema>();
    expectTypeOf<typeof DeletePlanResponseSchema>().toEqualTypeOf<typeof PlansDeleteResponseSchema>();
    expectTypeOf<typeof GetPlanParamsSchema>().toEqualTypeOf<typeof PlansGetParamsSchema>();
    expectTypeOf<typeof ListPlansParamsSchema>().toEqualTypeOf<typeof PlansListParamsSchema>();
    expectTypeOf<typeof UpdatePlanParamsSchema>().toEqualTypeOf<typeof PlansUpdateParamsSchema>();
  });
});
