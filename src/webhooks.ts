// `@useautumn/sdk/webhooks`: receiving Autumn's webhooks. Importing it loads none of the API client.
export { type WebhookHeaders, webhooksVerify, type WebhookVerifyOptions } from "./webhooks/verify.js";
export { type SignedWebhookHeaders, webhooksSign, type WebhookSignOptions } from "./webhooks/sign.js";
export { WebhookVerificationError, type WebhookVerificationReason } from "./lib/errors/webhook-verification-error.js";
export type { Result } from "./lib/result.js";
export type { ValidationIssue } from "./lib/errors/request-validation-error.js";
export type { WebhookPayload, WebhookSecret } from "./webhooks/signature.js";
export type {
  AutoTopupFailedData,
  AutoTopupSucceededData,
  BillingUpdatedData,
  KnownWebhookEvent,
  LimitReachedData,
  PlanUpdate,
  UnknownWebhookEvent,
  UsageAlertTriggeredData,
  WebhookEvent,
  WebhookEventData,
  WebhookEventMeta,
  WebhookEventOf,
  WebhookEventType,
} from "./models/webhook-events.js";
