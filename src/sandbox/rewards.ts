import { findFeature, findPlan } from "./catalog.js";
import { isObject, nonEmpty, require400, SandboxError } from "./errors.js";
import { findCustomer, findReward } from "./lookups.js";
import type { Route, SandboxState, StoredReward } from "./state.js";

/**
 * Coupons and feature grants, each redeemed with promo codes unique across
 * the organisation. `rewards.redeem` counts each code's uses against its
 * limit and answers the balances a feature grant gives; the sandbox has no
 * Stripe to apply a coupon to, and does not add granted balances to the
 * customer's.
 */

type Wire = Record<string, unknown>;

const isPositiveCount = (value: unknown) => typeof value === "number" && Number.isInteger(value) && value > 0;

/** The wire answer for a reward: its object under its kind. */
export function renderReward(stored: StoredReward): Wire {
  return { [stored.kind]: stored.reward };
}

/** Promo codes as answered, each once and taken by no other reward. */
function promoCodes(state: SandboxState, rewardId: string, input: unknown, limitField: "global_max_redemption" | "max_uses", required: boolean): Wire[] {
  require400(Array.isArray(input) && (!required || input.length > 0) && input.every(isObject), "promo_codes must be a list of objects");
  const codes = input.map((promo) => nonEmpty(promo["code"], "promo_codes[].code"));
  require400(new Set(codes).size === codes.length, "promo codes must be unique");
  for (const code of codes) {
    const owner = [...state.rewards.values()].find((other) => other.reward.id !== rewardId && other.uses.has(code));
    require400(!owner, `promo code ${code} belongs to reward ${owner?.reward.id}`);
  }
  return input.map((promo) => {
    const limit = promo[limitField] ?? null;
    require400(limit === null || isPositiveCount(limit), `${limitField} must be a positive integer or null`);
    return limitField === "max_uses" ? { code: promo["code"], max_uses: limit } : { code: promo["code"], global_max_redemption: limit, first_time_transaction: promo["first_time_transaction"] ?? null };
  });
}

function planIds(state: SandboxState, input: unknown): string[] | null {
  if (input === null) return null;
  require400(Array.isArray(input) && input.length > 0 && new Set(input).size === input.length, "plan_ids must be unique plan ids, or null");
  return input.map((id) => findPlan(state.catalog, id).id);
}

function grants(state: SandboxState, input: unknown): Wire[] {
  require400(Array.isArray(input) && input.length > 0 && input.every(isObject), "grants must be a list of at least one");
  const features = input.map((grant) => findFeature(state.catalog, grant["feature_id"]).id);
  require400(new Set(features).size === features.length, "grants must name each feature once");
  return input.map((grant) => {
    const { included, expiry } = grant;
    require400(included === null || (typeof included === "number" && included >= 0), "included must be a non-negative number or null");
    require400(expiry === null || (isObject(expiry) && ["day", "week", "month", "year"].includes(expiry["type"] as string) && isPositiveCount(expiry["length"])), "expiry must be { type, length } or null");
    return { feature_id: grant["feature_id"], included, expiry };
  });
}

function coupon(state: SandboxState, input: Wire, now: number): Wire {
  const id = nonEmpty(input["id"], "coupon.id");
  const { type, value, duration } = input;
  require400(type === "percentage_discount" || type === "fixed_discount", "coupon.type must be percentage_discount or fixed_discount");
  require400(typeof value === "number" && value > 0 && (type !== "percentage_discount" || value <= 100), "coupon.value must be above 0, and at most 100 for a percentage");
  require400(isObject(duration) && ["one_off", "months", "forever"].includes(duration["type"] as string), "coupon.duration.type must be one_off, months or forever");
  require400(duration["type"] === "months" ? isPositiveCount(duration["length"]) : duration["length"] === null, "coupon.duration.length is a number of months for months, null otherwise");
  return {
    id,
    name: nonEmpty(input["name"], "coupon.name"),
    type,
    value,
    duration: { type: duration["type"], length: duration["length"] },
    plan_ids: planIds(state, input["plan_ids"]),
    promo_codes: promoCodes(state, id, input["promo_codes"], "global_max_redemption", false),
    created_at: now,
  };
}

function featureGrant(state: SandboxState, input: Wire, now: number): Wire {
  const id = nonEmpty(input["id"], "feature_grant.id");
  return {
    id,
    name: nonEmpty(input["name"], "feature_grant.name"),
    grants: grants(state, input["grants"]),
    promo_codes: promoCodes(state, id, input["promo_codes"], "max_uses", true),
    created_at: now,
  };
}

/** The one kind a create or update names, and its object. */
function kindOf(body: Wire, required: boolean): ["coupon" | "feature_grant", Wire] | undefined {
  const given = (["coupon", "feature_grant"] as const).filter((kind) => body[kind] !== undefined);
  require400(given.length === 1 || (!required && given.length === 0), "give one of coupon and feature_grant");
  const kind = given[0];
  if (!kind) return undefined;
  require400(isObject(body[kind]), `${kind} must be an object`);
  return [kind, body[kind] as Wire];
}

/** Keeps the reward; a promo code it had before keeps its count of uses. */
function store(state: SandboxState, kind: StoredReward["kind"], reward: Wire, before?: StoredReward): StoredReward {
  const stored: StoredReward = { kind, reward: reward as StoredReward["reward"], uses: new Map() };
  for (const { code } of stored.reward.promo_codes) stored.uses.set(code as string, before?.uses.get(code as string) ?? 0);
  state.rewards.set(stored.reward.id, stored);
  return stored;
}

const create: Route = (state, body) => {
  const [kind, input] = kindOf(body, true)!;
  if (state.rewards.has(input["id"] as string)) throw new SandboxError("rewardAlreadyExists", `Reward ${String(input["id"])} already exists`);
  const reward = kind === "coupon" ? coupon(state, input, state.clock()) : featureGrant(state, input, state.clock());
  return renderReward(store(state, kind, reward));
};

const update: Route = (state, body) => {
  const stored = findReward(state, body["reward_id"]);
  const [kind, changes] = kindOf(body, false) ?? [stored.kind, {}];
  require400(kind === stored.kind, `Reward ${stored.reward.id} is a ${stored.kind.replace("_", " ")}`);
  const reward: Wire = { ...stored.reward };
  if (changes["name"] !== undefined) reward["name"] = nonEmpty(changes["name"], `${kind}.name`);
  if (kind === "coupon" && changes["plan_ids"] !== undefined) reward["plan_ids"] = planIds(state, changes["plan_ids"]);
  if (kind === "feature_grant" && changes["grants"] !== undefined) reward["grants"] = grants(state, changes["grants"]);
  if (changes["promo_codes"] !== undefined) {
    reward["promo_codes"] = promoCodes(state, stored.reward.id, changes["promo_codes"], kind === "coupon" ? "global_max_redemption" : "max_uses", kind === "feature_grant");
  }
  return renderReward(store(state, kind, reward, stored));
};

const remove: Route = (state, body) => {
  const { id } = findReward(state, body["reward_id"]).reward;
  const program = [...state.referralPrograms.values()].find((candidate) => candidate.reward_id === id);
  if (program) throw new SandboxError("rewardInUse", `Reward ${id} is given by referral program ${program.id}`);
  state.rewards.delete(id);
  return { success: true };
};

const redeem: Route = (state, body) => {
  const code = nonEmpty(body["code"], "code");
  findCustomer(state, body["customer_id"]);
  const stored = [...state.rewards.values()].find((reward) => reward.uses.has(code));
  if (!stored) throw new SandboxError("promoCodeNotFound", `Promo code ${code} not found`);
  const promo = stored.reward.promo_codes.find((candidate) => candidate["code"] === code)!;
  const limit = (promo["max_uses"] ?? promo["global_max_redemption"] ?? null) as number | null;
  const uses = stored.uses.get(code)!;
  if (limit !== null && uses >= limit) throw new SandboxError("promoCodeUsedUp", `Promo code ${code} has been redeemed ${limit} times, its limit`);
  stored.uses.set(code, uses + 1);
  const granted = stored.kind === "feature_grant" ? (stored.reward["grants"] as { feature_id: string; included: number | null }[]) : [];
  return {
    reward_id: stored.reward.id,
    entitlements_granted: granted.filter((grant) => grant.included !== null).map((grant) => ({ feature_id: grant.feature_id, balance: grant.included })),
  };
};

export const rewardRoutes: Record<string, Route> = {
  "rewards.create": create,
  "rewards.list": (state) => {
    const ofKind = (kind: StoredReward["kind"]) => [...state.rewards.values()].filter((stored) => stored.kind === kind).map((stored) => stored.reward);
    return { coupons: ofKind("coupon"), feature_grants: ofKind("feature_grant") };
  },
  "rewards.get": (state, body) => renderReward(findReward(state, body["reward_id"])),
  "rewards.update": update,
  "rewards.delete": remove,
  "rewards.redeem": redeem,
};
