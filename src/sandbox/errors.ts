/**
 * Every error the sandbox answers with, as data: the HTTP status and Autumn's
 * code. One table, so that the contract tests can require a case for each
 * kind, and a new kind cannot be answered without being listed here.
 * The status alone does not identify the code (`invalid_request` comes as a
 * 400 and as a 401), hence a name per kind.
 */
export const SANDBOX_ERRORS = {
  /** No Authorization header. */
  missingKey: { status: 401, code: "no_secret_key" },
  /** A credential without one of the four prefixes Autumn knows. */
  unknownCredentialPrefix: { status: 401, code: "invalid_request" },
  /** A customer token that is malformed, forged or expired. */
  invalidCustomerToken: { status: 401, code: "invalid_request" },
  /** A customer token of a customer whose tokens were revoked (keys.revoke, or refresh-token reuse). */
  customerTokenRevoked: { status: 401, code: "invalid_request" },
  /** A refresh token two or more generations old: every token of the customer is revoked. */
  refreshTokenReuse: { status: 401, code: "invalid_request" },
  /** A customer token on a route it does not reach (or a refresh token anywhere but keys.refresh). */
  tokenRouteForbidden: { status: 403, code: "invalid_request" },
  /** A customer token with an x-api-version older than 2.3. */
  tokenNeedsVersion: { status: 400, code: "invalid_request" },
  /** A secret key (or another credential) the sandbox does not accept. */
  invalidKey: { status: 401, code: "invalid_secret_key" },
  unknownApiVersion: { status: 400, code: "invalid_api_version" },
  /** Not a POST, or a path the sandbox does not serve. */
  routeNotFound: { status: 404, code: "not_found" },
  /** A body that is not a JSON object. */
  bodyNotObject: { status: 400, code: "invalid_request" },
  duplicateIdempotencyKey: { status: 409, code: "duplicate_idempotency_key" },
  /** A field missing or of the wrong kind. */
  invalidInputs: { status: 400, code: "invalid_inputs" },
  /** A list page larger than the route's ceiling (1000 customers, 5000 invoices). */
  limitTooLarge: { status: 400, code: "invalid_request" },
  invalidCursor: { status: 400, code: "invalid_cursor" },
  customerNotFound: { status: 404, code: "customer_not_found" },
  customerAlreadyExists: { status: 409, code: "customer_already_exists" },
  /** Autumn still calls plans products in this code. */
  planNotFound: { status: 404, code: "product_not_found" },
  featureNotFound: { status: 404, code: "feature_not_found" },
  /** A usage event by `event_name` that no feature lists among its event names (Autumn gives no code of its own here). */
  eventNameUnknown: { status: 404, code: "invalid_request" },
  /** `features.create`, or `features.update` to a new id, with an id already taken (the pattern of customer_already_exists). */
  featureAlreadyExists: { status: 409, code: "feature_already_exists" },
  /** `plans.create`, or `plans.update` to a new id, with an id already taken; `product`, as in product_not_found. */
  planAlreadyExists: { status: 409, code: "product_already_exists" },
  // Neither the spec nor API-NOTES give codes for what follows. Something unknown takes the
  // `<thing>_not_found` pattern of customer_not_found and product_not_found; a request the state
  // refuses takes invalid_request, the documented 400 for a well-formed request Autumn will not do.
  /** An entity the customer does not have. */
  entityNotFound: { status: 404, code: "entity_not_found" },
  /** `entities.create` with an id the customer already has (the pattern of customer_already_exists). */
  entityAlreadyExists: { status: 409, code: "entity_already_exists" },
  /** `entities.create` past the usage limit (`max_purchase`) of the entity's feature; without a limit the balance goes over its grant instead. */
  featureLimitReached: { status: 400, code: "feature_limit_reached" },
  /** `entities.create` for a consumable feature: entities are of held features (seats), never of ones used up. */
  consumableEntityFeature: { status: 400, code: "invalid_request" },
  /** `licenses.attach` for more entities than the pool has seats left. */
  noSeatLeft: { status: 400, code: "invalid_request" },
  /** `licenses.attach` for an entity that already holds a seat of that license plan. */
  seatAlreadyHeld: { status: 400, code: "invalid_request" },
  /** `licenses.release` for an entity that holds no seat (of that license plan). */
  seatNotHeld: { status: 400, code: "invalid_request" },
  /** `features.delete`, a new id or a new type for a feature that plans or customers' balances use: archive it instead. */
  featureInUse: { status: 400, code: "invalid_request" },
  /** `plans.delete` of a plan customers are on (or another plan offers as a license), or a new id for one: archive it instead. */
  planInUse: { status: 400, code: "invalid_request" },
  /** A coupon or feature grant id the organisation does not have. */
  rewardNotFound: { status: 404, code: "reward_not_found" },
  /** `rewards.create` with an id already taken (the pattern of customer_already_exists). */
  rewardAlreadyExists: { status: 409, code: "reward_already_exists" },
  /** `rewards.redeem` with a code no reward has. */
  promoCodeNotFound: { status: 404, code: "promo_code_not_found" },
  /** `rewards.redeem` with a code redeemed as often as it may be. */
  promoCodeUsedUp: { status: 400, code: "invalid_request" },
  /** `rewards.delete` of the reward a referral program gives. */
  rewardInUse: { status: 400, code: "invalid_request" },
  /** A referral program id the organisation does not have. */
  referralProgramNotFound: { status: 404, code: "referral_program_not_found" },
  /** `referral_programs.create` with an id already taken. */
  referralProgramAlreadyExists: { status: 409, code: "referral_program_already_exists" },
  /** `referrals.redeem_code` with a code no referrer has. */
  referralCodeNotFound: { status: 404, code: "referral_code_not_found" },
  /** `referrals.redeem_code` by the referrer the code belongs to. */
  ownReferralCode: { status: 400, code: "invalid_request" },
  /** `referrals.redeem_code` by a customer who redeemed that code before. */
  referralCodeAlreadyRedeemed: { status: 400, code: "invalid_request" },
  /** `referrals.redeem_code` of a code redeemed as often as its program allows. */
  referralCodeUsedUp: { status: 400, code: "invalid_request" },
  /** `platform.sync_revenuecat` or `get_revenuecat_keys` for an organisation that has not linked RevenueCat. */
  revenuecatNotLinked: { status: 400, code: "invalid_request" },
  /** `balances.update` or `balances.delete` of a balance the customer does not have (by id, interval or feature). */
  balanceNotFound: { status: 404, code: "balance_not_found" },
  /** `balances.create` with a `balance_id` the customer already has. */
  balanceAlreadyExists: { status: 409, code: "balance_already_exists" },
  /** `balances.delete` of a balance with a usage price: Autumn deletes only balances without one. */
  pricedBalance: { status: 400, code: "invalid_request" },
  /** `balances.finalize` of a lock that was never taken, was finalized already, or expired. */
  lockNotFound: { status: 404, code: "lock_not_found" },
  /** `balances.check` with `send_event` or `lock` for a boolean feature: a flag is not used up. */
  usageOfFlag: { status: 400, code: "invalid_request" },
  /** `balances.check` with `lock` for a held (allocated) feature such as seats. */
  lockOfHeldFeature: { status: 400, code: "invalid_request" },
  /** `balances.check` with the `lock_id` of a lock still held. */
  lockAlreadyExists: { status: 409, code: "lock_already_exists" },
  /** `balances.track_tokens` for a model the AI credit system gives no prices for (the sandbox cannot ask models.dev). */
  modelNotPriced: { status: 404, code: "model_not_found" },
  /** A request addressed to a name other than localhost, 127.0.0.1 or [::1] (a rebound DNS name). The sandbox's own. */
  hostNotAllowed: { status: 403, code: "invalid_request" },
  /** A request from a page on an origin that is neither loopback nor in `allowedOrigins`. The sandbox's own. */
  originNotAllowed: { status: 403, code: "invalid_request" },
  /** A request body over the sandbox's limit (server.ts's MAX_BODY_BYTES). The sandbox's own. */
  bodyTooLarge: { status: 413, code: "invalid_request" },
  /** A route handler threw something other than a SandboxError, or the answer could not be written. */
  internal: { status: 500, code: "internal_error" },
} as const satisfies Record<string, { status: number; code: string }>;

/** The name of one kind of sandbox error. */
export type SandboxErrorKind = keyof typeof SANDBOX_ERRORS;

/** An error answer: the kind picks status and code, the message is for people. */
export class SandboxError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(
    readonly kind: SandboxErrorKind,
    message: string,
  ) {
    super(message);
    ({ status: this.status, code: this.code } = SANDBOX_ERRORS[kind]);
  }
}

/** Whether a JSON value is an object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The string in `value`, or Autumn's `invalid_inputs` answer naming `field` when it is not a non-empty one. */
export function nonEmpty(value: unknown, field: string): string {
  require400(typeof value === "string" && value !== "", `${field} must be a non-empty string`);
  return value;
}

/** The list in `body[field]`, or Autumn's `invalid_inputs` answer when it is not a list of at least one. */
export function nonEmptyList(body: Record<string, unknown>, field: string): unknown[] {
  const list = body[field];
  require400(Array.isArray(list) && list.length > 0, `${field} must be a list of at least one`);
  return list;
}

/** Throws Autumn's `invalid_inputs` answer unless the check holds. */
export function require400(check: boolean, message: string): asserts check {
  if (!check) throw new SandboxError("invalidInputs", message);
}
