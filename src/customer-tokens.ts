import { isCredential } from "./lib/options.js";
import type { CustomerTokens } from "./models/customer-tokens.js";

/*
 * The token client's reading of token pairs and its use of the Web Locks API, beside the client
 * (customer-core.ts) to keep that file to the client itself.
 */

/**
 * The pair in `stored` (what a storage holds: a JSON string, or the object), or undefined when it is not
 * a customer's token pair (missing, corrupt, not JSON). Never throws: start from it, or from a new pair.
 *
 * @example
 * ```ts
 * const tokens = readTokens(localStorage.getItem("autumn-tokens")) ?? (await fetchTokens());
 * ```
 */
export function readTokens(stored: unknown): CustomerTokens | undefined {
  let value = stored;
  try {
    if (typeof stored === "string") value = JSON.parse(stored);
  } catch {
    return undefined;
  }
  return tokenPair(value);
}

/**
 * A token pair as the SDK keeps it, or undefined when `value` is not one. Every pair passes here: the
 * constructor's, `setTokens`', storage's, `fetchTokens`' and each `keys.refresh` answer.
 */
export function tokenPair(value: unknown): CustomerTokens | undefined {
  const pair = value as Partial<CustomerTokens> | null | undefined;
  if (!pair || typeof pair.accessToken !== "string" || !isCredential(pair.accessToken)) return undefined;
  if (pair.expiresAt !== null && typeof pair.expiresAt !== "number") return undefined;
  if (pair.refreshToken !== undefined && (typeof pair.refreshToken !== "string" || !isCredential(pair.refreshToken))) return undefined;
  const { sub } = claimsOf(pair.accessToken);
  if (typeof sub !== "string" || sub === "") return undefined;
  return {
    accessToken: pair.accessToken,
    ...(pair.refreshToken === undefined ? {} : { refreshToken: pair.refreshToken }),
    expiresAt: pair.expiresAt,
    ...(typeof pair.refreshExpiresAt === "number" ? { refreshExpiresAt: pair.refreshExpiresAt } : {}),
  };
}

/** What a customer token says (its JWT claims: `sub`, the customer; `iat`, when it was issued), read without verifying: Autumn verifies it. */
export function claimsOf(token: string): { sub?: unknown; iat?: unknown } {
  try {
    if (token.startsWith("am_jwt_")) return JSON.parse(atob(token.slice(7).split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) ?? {};
  } catch {
    // Not a JWT: no claims.
  }
  return {};
}

/** Runs `refresh` while holding the lock `name`, so that one refresh of a pair happens at a time across tabs. */
export type TokenLock = <T>(name: string, refresh: () => Promise<T>) => Promise<T>;

interface LockManager {
  request(name: string, options: { ifAvailable: true }, run: (lock: unknown) => unknown): Promise<unknown>;
  request(name: string, run: () => unknown): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

/** The Web Locks API where the runtime has one (browsers). */
export function webLocks(): LockManager | undefined {
  return (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
}

/** The Web Lock that serialises refreshes across tabs. */
export function webLock(): TokenLock | undefined {
  const locks = webLocks();
  return locks ? ((name, run) => locks.request(name, run)) as TokenLock : undefined;
}

/** The name of the lock a tab holds after presenting a refresh token: its customer and the token's signature end. */
export function spentName(customerId: string, refreshToken: string): string {
  return `autumn-tokens:${customerId}:spent:${refreshToken.slice(-16)}`;
}

/** Whether a tab holds the lock saying it presented `refreshToken` already. */
export async function spentByAnotherTab(customerId: string, refreshToken: string): Promise<boolean> {
  const locks = webLocks();
  if (!locks) return false;
  const name = spentName(customerId, refreshToken);
  try {
    return ((await locks.query()).held ?? []).some((lock) => lock.name === name);
  } catch {
    return false;
  }
}
