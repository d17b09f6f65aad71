import { SandboxError } from "./errors.js";
import type { SandboxState } from "./state.js";

/**
 * Idempotency keys as Autumn holds them: a key is claimed by the first
 * request that carries it, for 24 hours, in the organisation and environment
 * of the request's key and across every route; a second request with it in
 * that time is a 409. The sandbox has one organisation, so a claim is its
 * environment and the key. Time is the sandbox's clock, so `advanceClock`
 * lets a claim lapse.
 */

const CLAIM_MS = 24 * 60 * 60 * 1000;

const claimOf = (env: "sandbox" | "live", key: string) => `${env}:${key}`;

/** Claims `key` for the next 24 hours, or throws Autumn's 409 while a claim on it holds. */
export function claimKey(state: SandboxState, env: "sandbox" | "live", key: string): void {
  const now = state.clock();
  // Claims are kept in the order they were made, so those that lapsed are at the front.
  for (const [claim, until] of state.claimedKeys) {
    if (until > now) break;
    state.claimedKeys.delete(claim);
  }
  const claim = claimOf(env, key);
  if ((state.claimedKeys.get(claim) ?? now) > now) throw new SandboxError("duplicateIdempotencyKey", "Another request with this idempotency key was already received");
  state.claimedKeys.set(claim, now + CLAIM_MS);
}

/** Gives a claim up, so that the request may be retried with the same key. */
export function releaseKey(state: SandboxState, env: "sandbox" | "live", key: string): void {
  state.claimedKeys.delete(claimOf(env, key));
}
