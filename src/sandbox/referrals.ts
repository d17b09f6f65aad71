import { randomBytes } from "node:crypto";
import { findPlan } from "./catalog.js";
import { nonEmpty, require400, SandboxError } from "./errors.js";
import { findCustomer, findReward } from "./lookups.js";
import type { Route, SandboxState, StoredCustomer, StoredReferralProgram } from "./state.js";

/**
 * Referral programs, each giving an existing reward, and referral codes as
 * Autumn keeps them: a code belongs to its referrer, one per customer and
 * program (asking again answers the same code); redeeming it is refused to
 * the referrer, to a customer who redeemed it before, and past the program's
 * `max_redemptions`. The referrer's `referrals` expansion lists who redeemed
 * their codes. Rewards are recorded as earned, not applied: the sandbox has
 * no Stripe.
 */

const TRIGGERS = ["customer_creation", "checkout"];
const RECIPIENTS = ["referrer", "all"];

/** The referral program with this id, or Autumn's 404. */
function findProgram(state: SandboxState, id: unknown): StoredReferralProgram {
  const program = state.referralPrograms.get(nonEmpty(id, "referral_program_id"));
  if (!program) throw new SandboxError("referralProgramNotFound", `Referral program ${String(id)} not found`);
  return program;
}

/** The program with `changes` applied, checked whole: a checkout program needs its plans. */
function applyProgram(state: SandboxState, program: StoredReferralProgram, changes: Record<string, unknown>): StoredReferralProgram {
  const next = { ...program } as StoredReferralProgram;
  if (changes["reward_id"] !== undefined) next.reward_id = findReward(state, changes["reward_id"]).reward.id;
  for (const [field, allowed] of [["redeem_on", TRIGGERS], ["received_by", RECIPIENTS]] as const) {
    if (changes[field] === undefined) continue;
    require400(allowed.includes(changes[field] as string), `${field} takes ${allowed.join(", ")}`);
    (next as Record<string, unknown>)[field] = changes[field];
  }
  const { max_redemptions: max, plan_ids: plans, exclude_trial: excludeTrial } = changes;
  if (max !== undefined) {
    require400(max === null || (typeof max === "number" && Number.isInteger(max) && max > 0), "max_redemptions must be a positive integer or null");
    next.max_redemptions = max;
  }
  if (plans !== undefined) {
    require400(plans === null || (Array.isArray(plans) && new Set(plans).size === plans.length), "plan_ids must be unique plan ids");
    next["plan_ids"] = plans === null ? null : plans.map((id) => findPlan(state.catalog, id).id);
  }
  if (excludeTrial !== undefined) {
    require400(excludeTrial === null || typeof excludeTrial === "boolean", "exclude_trial must be a boolean");
    next["exclude_trial"] = excludeTrial;
  }
  require400(next.redeem_on !== "checkout" || Boolean((next["plan_ids"] as unknown[] | null)?.length), "plan_ids is required when redeem_on is checkout");
  return next;
}

const create: Route = (state, body) => {
  const id = nonEmpty(body["id"], "id");
  if (state.referralPrograms.has(id)) throw new SandboxError("referralProgramAlreadyExists", `Referral program ${id} already exists`);
  require400(body["reward_id"] !== undefined && body["redeem_on"] !== undefined && body["received_by"] !== undefined, "reward_id, redeem_on and received_by are required");
  const blank = { id, reward_id: "", redeem_on: "", received_by: "", max_redemptions: null, plan_ids: null, exclude_trial: null, created_at: state.clock() };
  const program = applyProgram(state, blank, body);
  state.referralPrograms.set(id, program);
  return program;
};

const update: Route = (state, body) => {
  const program = applyProgram(state, findProgram(state, body["referral_program_id"]), body);
  state.referralPrograms.set(program.id, program);
  return program;
};

const remove: Route = (state, body) => {
  const { id } = findProgram(state, body["referral_program_id"]);
  state.referralPrograms.delete(id);
  // Its codes go with it.
  for (const [code, referral] of state.referralCodes) if (referral.program_id === id) state.referralCodes.delete(code);
  return { success: true };
};

const createCode: Route = (state, body) => {
  const referrer = findCustomer(state, body["customer_id"]);
  const program = findProgram(state, body["program_id"]);
  let referral = [...state.referralCodes.values()].find((candidate) => candidate.referrer === referrer && candidate.program_id === program.id);
  if (!referral) {
    referral = { code: `REF-${randomBytes(4).toString("hex").toUpperCase()}`, program_id: program.id, referrer, created_at: state.clock(), redemptions: [] };
    state.referralCodes.set(referral.code, referral);
  }
  return { code: referral.code, customer_id: referrer.id, created_at: referral.created_at };
};

const redeemCode: Route = (state, body) => {
  const code = nonEmpty(body["code"], "code");
  const customer = findCustomer(state, body["customer_id"]);
  const referral = state.referralCodes.get(code);
  if (!referral) throw new SandboxError("referralCodeNotFound", `Referral code ${code} not found`);
  if (referral.referrer === customer) throw new SandboxError("ownReferralCode", `Customer ${customer.id} cannot redeem their own referral code`);
  if (referral.redemptions.some((redemption) => redemption.customer === customer)) {
    throw new SandboxError("referralCodeAlreadyRedeemed", `Customer ${customer.id} has already redeemed referral code ${code}`);
  }
  const program = findProgram(state, referral.program_id);
  if (program.max_redemptions !== null && referral.redemptions.length >= program.max_redemptions) {
    throw new SandboxError("referralCodeUsedUp", `Referral code ${code} has been redeemed ${program.max_redemptions} times, its program's limit`);
  }
  const redemption = { id: `redemption_${randomBytes(8).toString("hex")}`, customer, created_at: state.clock() };
  referral.redemptions.push(redemption);
  return { id: redemption.id, customer_id: customer.id, reward_id: program.reward_id };
};

/** Whom a referrer referred, as their `referrals` expansion lists it. */
export function renderReferrals(state: SandboxState, referrer: StoredCustomer): Record<string, unknown>[] {
  return [...state.referralCodes.values()]
    .filter((referral) => referral.referrer === referrer)
    .flatMap((referral) =>
      referral.redemptions.map(({ customer, created_at }) => ({
        program_id: referral.program_id,
        customer: { id: customer.id, name: customer.name, email: customer.email },
        // A reward given on redemption is earned at once; one given at checkout waits for a checkout the sandbox never sees.
        reward_applied: state.referralPrograms.get(referral.program_id)?.redeem_on === "customer_creation",
        created_at,
      })),
    );
}

export const referralRoutes: Record<string, Route> = {
  "referral_programs.create": create,
  "referral_programs.list": (state) => ({ list: [...state.referralPrograms.values()] }),
  "referral_programs.get": (state, body) => findProgram(state, body["referral_program_id"]),
  "referral_programs.update": update,
  "referral_programs.delete": remove,
  "referrals.create_code": createCode,
  "referrals.redeem_code": redeemCode,
};
