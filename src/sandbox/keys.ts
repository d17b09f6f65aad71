import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { SandboxError } from "./errors.js";
import type { Route, SandboxState, TokenHolder, TokenState } from "./state.js";

/**
 * Per-customer tokens as Autumn issues them: HS256 JWTs behind `am_jwt_`, an
 * access token (1 h, or none with `indefinite`) and a rotating refresh token
 * (24 h). Each customer has a generation: minting or refreshing with the
 * current refresh token advances it; the refresh token just before it is
 * answered too, with a pair of the current generation (the grace for a lost
 * answer or a second tab), so it may be presented again while nothing newer
 * was refreshed; anything older counts as theft and revokes every token of
 * the customer, as `keys.revoke` does. Times come from the sandbox's clock, which tests can move.
 */

const ACCESS_LIFETIME_MS = 60 * 60 * 1000;
const REFRESH_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The routes an access token reaches (and the old aliases of the first two). */
export const TOKEN_ROUTES: ReadonlySet<string> = new Set(["balances.check", "balances.track", "check", "track", "customers.get", "entities.get", "events.list", "events.aggregate"]);

interface Claims {
  sub: string;
  typ: "access" | "refresh";
  gen: number;
  /** The customer's revocation epoch when the token was made; a revoke moves it on. */
  epoch: number;
  iat: number;
  exp?: number;
}

export function newTokenState(): TokenState {
  return { secret: randomBytes(32), customers: new Map() };
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString("base64url");

function sign(tokens: TokenState, claims: Claims): string {
  const body = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(claims))}`;
  return `am_jwt_${body}.${createHmac("sha256", tokens.secret).update(body).digest("base64url")}`;
}

/** The claims of a token the sandbox signed, or undefined for anything else. */
function verify(tokens: TokenState, token: string): Claims | undefined {
  const [header, payload, signature] = token.slice("am_jwt_".length).split(".");
  if (!header || !payload || !signature) return undefined;
  const expected = createHmac("sha256", tokens.secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Claims;
  } catch {
    return undefined;
  }
}

function issue(state: SandboxState, customerId: string, indefinite: boolean, advance = true): Record<string, unknown> {
  const record = state.tokens.customers.get(customerId) ?? { generation: 0, epoch: 0 };
  if (advance) record.generation += 1;
  state.tokens.customers.set(customerId, record);
  const now = state.clock();
  const claims = { sub: customerId, gen: record.generation, epoch: record.epoch, iat: Math.floor(now / 1000) };
  if (indefinite) {
    return { access_token: sign(state.tokens, { ...claims, typ: "access" }), expires_at: null };
  }
  const expiresAt = now + ACCESS_LIFETIME_MS;
  const refreshExpiresAt = now + REFRESH_LIFETIME_MS;
  return {
    access_token: sign(state.tokens, { ...claims, typ: "access", exp: Math.floor(expiresAt / 1000) }),
    refresh_token: sign(state.tokens, { ...claims, typ: "refresh", exp: Math.floor(refreshExpiresAt / 1000) }),
    expires_at: expiresAt,
    refresh_expires_at: refreshExpiresAt,
  };
}

/** Who a customer token belongs to, or the 401 Autumn answers it with. */
export function authenticateToken(state: SandboxState, token: string): TokenHolder {
  const claims = verify(state.tokens, token);
  if (!claims || (claims.exp !== undefined && claims.exp * 1000 <= state.clock())) {
    throw new SandboxError("invalidCustomerToken", "Invalid or expired customer token");
  }
  const record = state.tokens.customers.get(claims.sub);
  if (!record || claims.epoch !== record.epoch) throw new SandboxError("customerTokenRevoked", "Customer token revoked");
  return { customerId: claims.sub, kind: claims.typ };
}

/** Revokes every outstanding token of the customer. */
function revokeAll(state: SandboxState, customerId: string): void {
  const record = state.tokens.customers.get(customerId);
  if (record) record.epoch += 1;
}

export const keyRoutes: Record<string, Route> = {
  "keys.mint": (state, body) => {
    const customerId = body["customer_id"];
    if (typeof customerId !== "string" || customerId === "") throw new SandboxError("invalidInputs", "customer_id is required");
    if (!state.customers.has(customerId)) throw new SandboxError("customerNotFound", `Customer ${customerId} not found`);
    return issue(state, customerId, body["indefinite"] === true);
  },

  "keys.refresh": (state, _body, _env, holder) => {
    if (holder?.kind !== "refresh") throw new SandboxError("tokenRouteForbidden", "keys.refresh takes a refresh token as its credential");
    const record = state.tokens.customers.get(holder.customerId)!;
    const claims = verify(state.tokens, holder.token)!;
    // The current generation rotates; the one before is a lost answer or a second tab, answered at the current generation.
    if (claims.gen === record.generation) return issue(state, holder.customerId, false);
    if (claims.gen === record.generation - 1) return issue(state, holder.customerId, false, false);
    revokeAll(state, holder.customerId);
    throw new SandboxError("refreshTokenReuse", "Refresh token reuse detected");
  },

  "keys.revoke": (state, body) => {
    const customerId = body["customer_id"];
    if (typeof customerId !== "string" || customerId === "") throw new SandboxError("invalidInputs", "customer_id is required");
    revokeAll(state, customerId);
    return { revoked: true };
  },
};
