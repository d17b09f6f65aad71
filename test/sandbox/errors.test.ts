import { request as httpRequest } from "node:http";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AutumnOptions } from "../../src/core.js";
import type { Result } from "../../src/lib/result.js";
import type { CustomerTokens } from "../../src/models/customer-tokens.js";
import { DEMO_CATALOG } from "../../src/sandbox/demo-catalog.js";
import { SANDBOX_ERRORS, type SandboxErrorKind } from "../../src/sandbox/errors.js";
import { MAX_BODY_BYTES, type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { sdkOperation } from "./operations.js";
import { recordingCore, recordingFetch, type WireAnswer } from "./wire-recorder.js";

/**
 * Every kind of error the sandbox answers with (its table in sandbox/errors.ts),
 * provoked for real and checked twice: the raw body against Autumn's error
 * body, and the error the SDK made of it.
 *
 * The SDK has no schema for error bodies (it reads `code`, `message` and
 * `env` field by field), so the body's shape is pinned here, strictly: an
 * extra field would be the sandbox inventing one.
 */
const ErrorBodySchema = v.strictObject({
  message: v.pipe(v.string(), v.minLength(1)),
  code: v.string(),
  env: v.optional(v.picklist(["sandbox", "live"])),
});

interface Provoker {
  /** Calls an SDK function against `url`, its answers recorded. */
  sdk(route: string, params: Record<string, unknown>, options?: AutumnOptions & { idempotencyKey?: string }): Promise<Result<unknown>>;
  /** Sends a request the SDK would refuse to send (no key, a foreign prefix, a body that is not an object). */
  raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<void>;
  /** Sends a request addressed to `host`, which fetch would not let a test choose. */
  addressedTo(host: string, path: string, body: string): Promise<void>;
  /** The sandbox whose route crashes, for the 500. */
  readonly crashingUrl: string;
}

interface ErrorCase {
  readonly kind: SandboxErrorKind;
  readonly name: string;
  /** The `env` the body must carry: the key's environment, or none before the key is accepted. */
  readonly env: "sandbox" | "live" | undefined;
  /** Makes the request; resolves to the SDK's result when it went through the SDK. */
  readonly provoke: (with_: Provoker) => Promise<Result<unknown> | void>;
}

const CONTRACT_HEADERS = { "content-type": "application/json", "x-api-version": "2.3.0" };
const KEY = { authorization: "Bearer am_sk_test_contract" };

const cases: readonly ErrorCase[] = [
  { kind: "missingKey", name: "no Authorization header", env: undefined, provoke: ({ raw }) => raw("/v1/customers.get", { headers: CONTRACT_HEADERS, body: '{"customer_id":"a"}' }) },
  {
    kind: "unknownCredentialPrefix",
    name: "a Stripe key instead of an Autumn one",
    env: undefined,
    provoke: ({ raw }) => raw("/v1/customers.get", { headers: { ...CONTRACT_HEADERS, authorization: "Bearer sk_test_123" }, body: '{"customer_id":"a"}' }),
  },
  {
    kind: "invalidCustomerToken",
    name: "a customer token the sandbox never minted",
    env: undefined,
    provoke: ({ sdk }) => sdk("customers.get", { customerId: "a" }, { secretKey: "am_jwt_eyJhbGciOiJIUzI1NiJ9.e30.sig" }),
  },
  { kind: "invalidKey", name: "a publishable key", env: undefined, provoke: ({ sdk }) => sdk("customers.get", { customerId: "a" }, { secretKey: "am_pk_test_wrong" }) },
  { kind: "unknownApiVersion", name: "API version 9.9", env: "sandbox", provoke: ({ sdk }) => sdk("customers.get", { customerId: "a" }, { xApiVersion: "9.9" }) },
  { kind: "routeNotFound", name: "an operation Autumn does not have", env: "sandbox", provoke: ({ raw }) => raw("/v1/customers.frobnicate", { headers: { ...CONTRACT_HEADERS, ...KEY }, body: "{}" }) },
  { kind: "routeNotFound", name: "a GET", env: "sandbox", provoke: ({ raw }) => raw("/v1/customers.get", { method: "GET", headers: { ...CONTRACT_HEADERS, ...KEY } }) },
  { kind: "bodyNotObject", name: "a JSON array as the body", env: "sandbox", provoke: ({ raw }) => raw("/v1/customers.list", { headers: { ...CONTRACT_HEADERS, ...KEY }, body: "[]" }) },
  {
    kind: "duplicateIdempotencyKey",
    name: "a second update under the same key",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      expect((await sdk("customers.update", { customerId: "err_ada", name: "A" }, { idempotencyKey: "err-same-key" })).ok).toBe(true);
      return sdk("customers.update", { customerId: "err_ada", name: "B" }, { idempotencyKey: "err-same-key" });
    },
  },
  { kind: "invalidInputs", name: "a negative required balance", env: "sandbox", provoke: ({ sdk }) => sdk("balances.check", { customerId: "err_ada", featureId: "messages", requiredBalance: -1 }) },
  { kind: "limitTooLarge", name: "5000 customers per page", env: "sandbox", provoke: ({ raw }) => raw("/v1/customers.list", { headers: { ...CONTRACT_HEADERS, ...KEY }, body: '{"limit":5000}' }) },
  { kind: "invalidCursor", name: "a cursor the sandbox never issued", env: "sandbox", provoke: ({ sdk }) => sdk("customers.list", { startCursor: "not-a-cursor" }) },
  { kind: "customerNotFound", name: "an unknown customer", env: "sandbox", provoke: ({ sdk }) => sdk("customers.get", { customerId: "err_nobody" }) },
  {
    kind: "customerNotFound",
    name: "an unknown customer, under a live key",
    env: "live",
    provoke: ({ sdk }) => sdk("balances.track", { customerId: "err_nobody", featureId: "messages" }, { secretKey: "am_sk_live_contract" }),
  },
  { kind: "customerAlreadyExists", name: "a rename to a taken id", env: "sandbox", provoke: ({ sdk }) => sdk("customers.update", { customerId: "err_ada", newCustomerId: "err_bob" }) },
  { kind: "planNotFound", name: "an unknown plan", env: "sandbox", provoke: ({ sdk }) => sdk("billing.attach", { customerId: "err_ada", planId: "enterprise" }) },
  { kind: "featureNotFound", name: "an unknown feature", env: "sandbox", provoke: ({ sdk }) => sdk("balances.check", { customerId: "err_ada", featureId: "storage" }) },
  { kind: "eventNameUnknown", name: "an event name no feature counts", env: "sandbox", provoke: ({ sdk }) => sdk("balances.track", { customerId: "err_ada", eventName: "messages" }) },
  {
    kind: "usageOfFlag",
    name: "sendEvent on a boolean feature",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      expect((await sdk("features.create", { featureId: "err_flag", name: "A flag", type: "boolean" })).ok).toBe(true);
      return sdk("balances.check", { customerId: "err_ada", featureId: "err_flag", sendEvent: true });
    },
  },
  { kind: "lockOfHeldFeature", name: "a lock on seats", env: "sandbox", provoke: ({ sdk }) => sdk("balances.check", { customerId: "err_ada", featureId: "seats", lock: { lockId: "err_lock_seats" } }) },
  { kind: "featureAlreadyExists", name: "a feature id the catalog has", env: "sandbox", provoke: ({ sdk }) => sdk("features.create", { featureId: "messages", name: "Messages", type: "metered" }) },
  { kind: "planAlreadyExists", name: "a plan id the catalog has", env: "sandbox", provoke: ({ sdk }) => sdk("plans.create", { planId: "free", name: "Free" }) },
  { kind: "featureInUse", name: "deleting a feature plans grant", env: "sandbox", provoke: ({ sdk }) => sdk("features.delete", { featureId: "messages" }) },
  { kind: "planInUse", name: "deleting a plan customers are on", env: "sandbox", provoke: ({ sdk }) => sdk("plans.delete", { planId: "free" }) },
  { kind: "entityNotFound", name: "an entity the customer does not have", env: "sandbox", provoke: ({ sdk }) => sdk("licenses.list", { customerId: "err_ada", entityId: "err_nobody" }) },
  {
    kind: "entityAlreadyExists",
    name: "an entity id the customer already has",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      expect((await sdk("entities.create", { customerId: "err_ada", entityId: "err_twice", featureId: "seats" })).ok).toBe(true);
      return sdk("entities.create", { customerId: "err_ada", entityId: "err_twice", featureId: "seats" });
    },
  },
  {
    kind: "featureLimitReached",
    name: "a seat entity past the usage limit of its plan",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      // One seat included and one more at most: a free plan, as its usage price is 0.
      const items = [{ featureId: "seats", included: 1, price: { amount: 0, interval: "month", billingMethod: "usage_based", maxPurchase: 1 } }];
      expect((await sdk("plans.create", { planId: "err_capped_seats", name: "Capped seats", addOn: true, items })).ok).toBe(true);
      expect((await sdk("customers.get_or_create", { customerId: "err_capped" })).ok).toBe(true);
      expect((await sdk("billing.attach", { customerId: "err_capped", planId: "err_capped_seats" })).ok).toBe(true);
      for (const n of [1, 2]) expect((await sdk("entities.create", { customerId: "err_capped", entityId: `err_member_${n}`, featureId: "seats" })).ok).toBe(true);
      return sdk("entities.create", { customerId: "err_capped", entityId: "err_member_3", featureId: "seats" });
    },
  },
  { kind: "consumableEntityFeature", name: "an entity of a consumable feature", env: "sandbox", provoke: ({ sdk }) => sdk("entities.create", { customerId: "err_ada", entityId: "err_chat", featureId: "messages" }) },
  {
    kind: "noSeatLeft",
    name: "four seats of a pool of three",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      await onTeamPlan(sdk, "err_team_full");
      const entities = [1, 2, 3, 4].map((n) => ({ entityId: `err_seat_${n}`, featureId: "seats" }));
      return sdk("licenses.attach", { customerId: "err_team_full", planId: "seat", entities });
    },
  },
  {
    kind: "seatAlreadyHeld",
    name: "a second seat for the same entity",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      await onTeamPlan(sdk, "err_team_twice");
      const params = { customerId: "err_team_twice", planId: "seat", entities: [{ entityId: "err_seat_1", featureId: "seats" }] };
      expect((await sdk("licenses.attach", params)).ok).toBe(true);
      return sdk("licenses.attach", params);
    },
  },
  {
    kind: "seatNotHeld",
    name: "releasing an entity without a seat",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      await onTeamPlan(sdk, "err_team_release");
      return sdk("licenses.release", { customerId: "err_team_release", entityIds: ["err_seat_1"] });
    },
  },
  {
    kind: "customerTokenRevoked",
    name: "an access token after keys.revoke",
    env: undefined,
    provoke: async ({ sdk }) => {
      const { accessToken } = await mint(sdk, "err_ada");
      expect((await sdk("keys.revoke", { customerId: "err_ada" })).ok).toBe(true);
      return sdk("customers.get", { customerId: "err_ada" }, { secretKey: accessToken });
    },
  },
  {
    kind: "refreshTokenReuse",
    name: "a refresh token two generations old",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      const first = await mint(sdk, "err_bob");
      const second = (await sdk("keys.refresh", { refreshToken: first.refreshToken })) as Result<CustomerTokens>;
      expect((await sdk("keys.refresh", { refreshToken: second.value!.refreshToken })).ok).toBe(true);
      return sdk("keys.refresh", { refreshToken: first.refreshToken });
    },
  },
  {
    kind: "tokenRouteForbidden",
    name: "an access token on customers.update",
    env: "sandbox",
    provoke: async ({ sdk }) => sdk("customers.update", { customerId: "err_bob", name: "B" }, { secretKey: (await mint(sdk, "err_bob")).accessToken }),
  },
  {
    kind: "tokenRouteForbidden",
    name: "a refresh token on a data route",
    env: "sandbox",
    provoke: async ({ sdk }) => sdk("customers.get", { customerId: "err_bob" }, { secretKey: (await mint(sdk, "err_bob")).refreshToken! }),
  },
  {
    kind: "tokenNeedsVersion",
    name: "an access token with API version 2.2",
    env: "sandbox",
    provoke: async ({ sdk }) => sdk("customers.get", { customerId: "err_bob" }, { secretKey: (await mint(sdk, "err_bob")).accessToken, xApiVersion: "2.2.0" }),
  },
  { kind: "rewardNotFound", name: "an unknown reward", env: "sandbox", provoke: ({ sdk }) => sdk("rewards.get", { rewardId: "err_nothing" }) },
  {
    kind: "rewardAlreadyExists",
    name: "a second reward with the same id",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      expect((await sdk("rewards.create", { featureGrant: errGrant("err_twice") })).ok).toBe(true);
      return sdk("rewards.create", { featureGrant: errGrant("err_twice") });
    },
  },
  { kind: "promoCodeNotFound", name: "an unknown promo code", env: "sandbox", provoke: ({ sdk }) => sdk("rewards.redeem", { code: "ERR-NOPE", customerId: "err_ada" }) },
  {
    kind: "promoCodeUsedUp",
    name: "a one-use code redeemed twice",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      expect((await sdk("rewards.create", { featureGrant: errGrant("err_once") })).ok).toBe(true);
      expect((await sdk("rewards.redeem", { code: "ERR_ONCE", customerId: "err_ada" })).ok).toBe(true);
      return sdk("rewards.redeem", { code: "ERR_ONCE", customerId: "err_bob" });
    },
  },
  {
    kind: "rewardInUse",
    name: "deleting the reward a referral program gives",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      await errProgram(sdk, "err_in_use");
      return sdk("rewards.delete", { rewardId: "err_in_use" });
    },
  },
  { kind: "referralProgramNotFound", name: "an unknown referral program", env: "sandbox", provoke: ({ sdk }) => sdk("referrals.create_code", { customerId: "err_ada", programId: "err_nothing" }) },
  {
    kind: "referralProgramAlreadyExists",
    name: "a second program with the same id",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      await errProgram(sdk, "err_program_twice");
      return sdk("referral_programs.create", { id: "err_program_twice", rewardId: "err_program_twice", redeemOn: "customer_creation", receivedBy: "all" });
    },
  },
  { kind: "referralCodeNotFound", name: "an unknown referral code", env: "sandbox", provoke: ({ sdk }) => sdk("referrals.redeem_code", { code: "REF-NOPE", customerId: "err_ada" }) },
  {
    kind: "ownReferralCode",
    name: "a referrer redeeming their own code",
    env: "sandbox",
    provoke: async ({ sdk }) => sdk("referrals.redeem_code", { code: await errCode(sdk, "err_own"), customerId: "err_ada" }),
  },
  {
    kind: "referralCodeAlreadyRedeemed",
    name: "a customer redeeming a code twice",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      const code = await errCode(sdk, "err_twice_redeemed");
      expect((await sdk("referrals.redeem_code", { code, customerId: "err_bob" })).ok).toBe(true);
      return sdk("referrals.redeem_code", { code, customerId: "err_bob" });
    },
  },
  {
    kind: "referralCodeUsedUp",
    name: "a code past its program's limit of one",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      const code = await errCode(sdk, "err_used_up");
      expect((await sdk("referrals.redeem_code", { code, customerId: "err_bob" })).ok).toBe(true);
      expect((await sdk("customers.get_or_create", { customerId: "err_carol" })).ok).toBe(true);
      return sdk("referrals.redeem_code", { code, customerId: "err_carol" });
    },
  },
  {
    kind: "revenuecatNotLinked",
    name: "keys of an organisation that never linked RevenueCat",
    env: "sandbox",
    provoke: ({ sdk }) => sdk("platform.get_revenuecat_keys", { organizationSlug: "err-org", env: "live" }),
  },
  { kind: "balanceNotFound", name: "an update of a balance id the customer does not have", env: "sandbox", provoke: ({ sdk }) => sdk("balances.update", { customerId: "err_ada", featureId: "messages", balanceId: "err_nothing", usage: 1 }) },
  {
    kind: "balanceAlreadyExists",
    name: "a second grant with the same balance id",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      const grant = { customerId: "err_ada", featureId: "messages", includedGrant: 5, balanceId: "err_grant" };
      expect((await sdk("balances.create", grant)).ok).toBe(true);
      return sdk("balances.create", grant);
    },
  },
  {
    kind: "pricedBalance",
    name: "deleting a balance with a usage price",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      const { features, plans } = DEMO_CATALOG as { features: object[]; plans: object[] };
      const metered = { planId: "err_metered", name: "Metered", addOn: true, items: [{ featureId: "messages", included: 0, price: { amount: 0.01, interval: "month" } }] };
      sandbox.setCatalog({ features, plans: [...plans, metered] });
      // Priced on usage, it is paid: the plan is attached once its checkout is.
      expect((await sdk("billing.attach", { customerId: "err_bob", planId: "err_metered" })).ok).toBe(true);
      sandbox.completeCheckout("err_bob");
      return sdk("balances.delete", { customerId: "err_bob", featureId: "messages" });
    },
  },
  { kind: "lockNotFound", name: "finalizing a lock never taken", env: "sandbox", provoke: ({ sdk }) => sdk("balances.finalize", { lockId: "err_no_lock", action: "confirm" }) },
  {
    kind: "lockAlreadyExists",
    name: "a second check under a lock id still held",
    env: "sandbox",
    provoke: async ({ sdk }) => {
      const check = { customerId: "err_ada", featureId: "messages", lock: { lockId: "err_lock" } };
      expect((await sdk("balances.check", check)).ok).toBe(true);
      return sdk("balances.check", check);
    },
  },
  {
    kind: "modelNotPriced",
    name: "tokens of a model the AI credit system does not price",
    env: "sandbox",
    provoke: ({ sdk }) => sdk("balances.track_tokens", { customerId: "err_ada", modelId: "openai/o3", inputTokens: 10, outputTokens: 10 }),
  },
  {
    kind: "hostNotAllowed",
    name: "a request addressed to another name (a rebound DNS name)",
    env: undefined,
    provoke: ({ addressedTo }) => addressedTo("rebound.example:8787", "/v1/customers.get", '{"customer_id":"err_ada"}'),
  },
  {
    kind: "originNotAllowed",
    name: "a request from a page on a foreign origin",
    env: undefined,
    provoke: ({ raw }) => raw("/v1/customers.get", { headers: { ...CONTRACT_HEADERS, ...KEY, origin: "https://evil.example" }, body: '{"customer_id":"err_ada"}' }),
  },
  {
    kind: "bodyTooLarge",
    name: "a request body over the limit",
    env: undefined,
    provoke: ({ raw }) => raw("/v1/customers.get_or_create", { headers: { ...CONTRACT_HEADERS, ...KEY }, body: JSON.stringify({ customer_id: "err_big", name: "x".repeat(MAX_BODY_BYTES) }) }),
  },
  { kind: "internal", name: "a route that crashes", env: "sandbox", provoke: ({ sdk, crashingUrl }) => sdk("customers.get", { customerId: "err_ada" }, { serverURL: crashingUrl }) },
];

/** A feature grant of the error world, whose one promo code (its id in capitals) can be redeemed once. */
function errGrant(id: string): Record<string, unknown> {
  return { id, name: id, grants: [{ featureId: "messages", included: 10, expiry: null }], promoCodes: [{ code: id.toUpperCase(), maxUses: 1 }] };
}

/** A referral program of the error world, with a feature grant of the same id, whose codes can be redeemed once. */
async function errProgram(sdk: Provoker["sdk"], id: string): Promise<void> {
  expect((await sdk("rewards.create", { featureGrant: errGrant(id) })).ok).toBe(true);
  expect((await sdk("referral_programs.create", { id, rewardId: id, redeemOn: "customer_creation", receivedBy: "referrer", maxRedemptions: 1 })).ok).toBe(true);
}

/** err_ada's referral code for a new program of the error world. */
async function errCode(sdk: Provoker["sdk"], programId: string): Promise<string> {
  await errProgram(sdk, programId);
  const created = (await sdk("referrals.create_code", { customerId: "err_ada", programId })) as Result<{ code: string }>;
  if (!created.ok) throw created.error;
  return created.value.code;
}

/** A customer of the error world on the team plan, whose pool has three seats. */
async function onTeamPlan(sdk: Provoker["sdk"], customerId: string): Promise<void> {
  expect((await sdk("customers.get_or_create", { customerId })).ok).toBe(true);
  expect((await sdk("billing.attach", { customerId, planId: "team" })).ok).toBe(true);
}

/** A fresh token pair for a customer of the error world. */
async function mint(sdk: Provoker["sdk"], customerId: string): Promise<CustomerTokens> {
  const minted = (await sdk("keys.mint", { customerId })) as Result<CustomerTokens>;
  if (!minted.ok) throw minted.error;
  return minted.value;
}

let sandbox: Sandbox;
let crashing: Sandbox;
const answers: WireAnswer[] = [];

const provoker: Provoker = {
  sdk: async (route, params, { idempotencyKey, ...options } = {}) => {
    const { call } = await sdkOperation(route);
    const core = recordingCore(sandbox.url, answers, options);
    return call(core, params, idempotencyKey === undefined ? undefined : { idempotencyKey });
  },
  raw: async (path, { method = "POST", headers, body }) => {
    await recordingFetch(answers)(`${sandbox.url}${path}`, { method, headers, body });
  },
  addressedTo: (host, path, body) =>
    new Promise((resolve, reject) => {
      const headers = { ...CONTRACT_HEADERS, ...KEY, host };
      const sent = httpRequest(`${sandbox.url}${path}`, { method: "POST", headers, agent: false }, (response) => {
        let text = "";
        response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve(void answers.push({ path, status: response.statusCode ?? 0, contentType: response.headers["content-type"] ?? null, text })));
      });
      sent.on("error", reject);
      sent.end(body);
    }),
  get crashingUrl() {
    return crashing.url;
  },
};

beforeAll(async () => {
  sandbox = await startSandbox();
  crashing = await startSandbox({
    routes: {
      "customers.get": () => {
        throw new TypeError("a bug in a route");
      },
    },
  });
  for (const customerId of ["err_ada", "err_bob"]) expect((await provoker.sdk("customers.get_or_create", { customerId })).ok).toBe(true);
});
afterAll(async () => {
  await Promise.all([sandbox.close(), crashing.close()]);
});

describe("the sandbox's error table", () => {
  it("has a case for every kind of error, and no case for a kind it lacks", () => {
    expect([...new Set(cases.map((errorCase) => errorCase.kind))].sort()).toEqual(Object.keys(SANDBOX_ERRORS).sort());
  });
});

describe.each(cases)("$kind: $name", ({ kind, env, provoke }) => {
  it("answers Autumn's error body, and the SDK reports its code, message and env", async () => {
    const result = await provoke(provoker);
    const answer = answers.at(-1)!;
    const { status, code } = SANDBOX_ERRORS[kind];
    expect(answer).toMatchObject({ status, contentType: "application/json" });

    const json: unknown = JSON.parse(answer.text);
    const parsed = v.safeParse(ErrorBodySchema, json);
    expect(parsed.success ? [] : parsed.issues.map((issue) => `${v.getDotPath(issue) ?? "$"}: ${issue.message}`)).toEqual([]);
    expect(json).toMatchObject({ code });
    expect((json as { env?: string }).env).toBe(env);

    if (result === undefined) return;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const body = json as { message: string; code: string; env?: string };
    expect(result.error).toMatchObject({ name: "AutumnAPIError", status, code, message: `${body.message} (${status} ${code})`, env: body.env, body });
  });
});
