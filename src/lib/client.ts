import type { Logger, ResolvedHooks, RetryConfig } from "./config.js";
import type { SDKError } from "./errors/index.js";
import type { Result } from "./result.js";

/**
 * What the pipeline needs of a client: its settings, and where its credential
 * comes from. `AutumnCore` (a secret key) and `CustomerCore` (one customer's
 * tokens) are clients.
 */
export interface Client {
  readonly serverURL: string;
  readonly xApiVersion: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly retryConfig: Required<RetryConfig>;
  readonly fetch: typeof fetch | undefined;
  readonly hooks: ResolvedHooks;
  readonly debugLogger: Logger | undefined;
  readonly userAgent: string;
  readonly autoIdempotencyKey: boolean;
  readonly failOpen: boolean;
  /** Present when the client acts for one customer only, with a per-customer token. */
  readonly customerScope?: CustomerScope | undefined;
  /**
   * The credential for the next request, checked, or the error that stops the
   * call before anything is sent: at once when it is at hand, or a promise when
   * it takes work (a key function, a token refresh), which the call's budget
   * and signal bound.
   */
  credential(budget: CallBudget): Result<string> | Promise<Result<string>>;
}

/** The budget of a call, one object per call: a client bounds the work it does for the call by it. */
export interface CallBudget {
  /** Epoch ms by which the call must end. */
  readonly deadline: number;
  /** The call's time budget, in milliseconds. */
  readonly timeoutMs: number;
  /** The caller's signal, which ends the call's wait at once. */
  readonly signal: AbortSignal | undefined;
}

/** How a per-customer token limits a client. */
export interface CustomerScope {
  /** The customer the token acts for: every call is made for them. */
  readonly customerId: string;
  /** The routes (the path after `/v1/`) the token reaches. */
  readonly routes: ReadonlySet<string>;
  /** The params of a call to `path` with the token's customer filled in, or why the token cannot make it (nothing is sent). */
  scoped<TParams>(path: string, params: TParams): Result<TParams>;
  /**
   * After Autumn refused `rejected` with a 401 (`refusal`): a renewed credential to send once more, or the
   * error that ends the call; within the call's budget and signal, like the credential it replaces.
   */
  renew(rejected: string, refusal: SDKError, budget: CallBudget): Promise<Result<string>>;
}

/** A client that acts for one customer with that customer's token (a `CustomerCore`). */
export interface CustomerClient extends Client {
  readonly customerScope: CustomerScope;
}

/** Params of a call made with a customer's token: the customer is the token's, so `customerId` is left out. */
export type ForCustomer<T> = T extends unknown ? Omit<T, "customerId"> & { readonly customerId?: undefined } : never;
