import type { AutumnAPIError } from "./autumn-api-error.js";
import type { ConfigurationError } from "./configuration-error.js";
import type { ConnectionError } from "./connection-error.js";
import type { CustomerTokenError } from "./customer-token-error.js";
import type { RequestAbortedError } from "./request-aborted-error.js";
import type { RequestAlreadyAcceptedError } from "./request-already-accepted-error.js";
import type { RequestTimeoutError } from "./request-timeout-error.js";
import type { RequestValidationError } from "./request-validation-error.js";
import type { ResponseTooLargeError } from "./response-too-large-error.js";
import type { ResponseValidationError } from "./response-validation-error.js";
import type { UnexpectedClientError } from "./unexpected-client-error.js";

export { AutumnError } from "./autumn-error.js";
export { AutumnAPIError, AutumnDefaultError, type APIErrorInit } from "./autumn-api-error.js";
export { ConfigurationError } from "./configuration-error.js";
export { ConnectionError } from "./connection-error.js";
export { CustomerTokenError, type CustomerTokenErrorReason } from "./customer-token-error.js";
export { RequestAbortedError } from "./request-aborted-error.js";
export { RequestAlreadyAcceptedError } from "./request-already-accepted-error.js";
export { RequestTimeoutError } from "./request-timeout-error.js";
export { RequestValidationError, type ValidationIssue } from "./request-validation-error.js";
export { ResponseTooLargeError } from "./response-too-large-error.js";
export { ResponseValidationError } from "./response-validation-error.js";
export { UnexpectedClientError } from "./unexpected-client-error.js";
export { WebhookVerificationError, type WebhookVerificationReason } from "./webhook-verification-error.js";

/** Every error a standalone function can return. The union is closed: `switch (error.name)` is exhaustive. */
export type SDKError =
  | AutumnAPIError
  | RequestAlreadyAcceptedError
  | ConnectionError
  | RequestTimeoutError
  | RequestAbortedError
  | RequestValidationError
  | ResponseValidationError
  | ResponseTooLargeError
  | ConfigurationError
  | CustomerTokenError
  | UnexpectedClientError;
