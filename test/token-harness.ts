import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from "vitest";
import { AutumnCore } from "../src/core.js";
import { CustomerCore, type CustomerCoreOptions, type TokenLock, type TokenStorage } from "../src/customer-core.js";
import { billingAttach } from "../src/funcs/billing-attach.js";
import { customersGetOrCreate } from "../src/funcs/customers-get-or-create.js";
import { keysMint } from "../src/funcs/keys-mint.js";
import type { CustomerTokens } from "../src/models/customer-tokens.js";
import { type LoopbackServer, readText, serveOnLoopback } from "../src/sandbox/loopback-http.js";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";

export const HOUR = 60 * 60 * 1000;
const SECRET = "am_sk_test_tokens";

/**
 * What the tests of `CustomerCore` share: the sandbox, a secret-key client to mint with, and a proxy in
 * front of the sandbox that the token clients talk to, which records every request and can lose or
 * rewrite the answers to keys.refresh after the sandbox applied them. Each test gets a customer of its
 * own on the free plan, and a fake `Date` (the sandbox's clock follows it).
 */
export interface TokenHarness {
  readonly sandbox: Sandbox;
  readonly server: AutumnCore;
  /** The current test's customer. */
  readonly customerId: string;
  /** Every request the proxy forwarded: its path and the credential it carried. */
  readonly seen: { path: string; credential: string }[];
  /** How many answers to keys.refresh to lose, after the sandbox has applied them. */
  dropRefreshAnswers: number;
  /** Replaces the body of keys.refresh answers the sandbox applied (a misbehaving server), while set. */
  rewriteRefresh: ((body: string) => string) | undefined;
  /** A pair minted with the secret key. */
  mint(id?: string, indefinite?: boolean): Promise<CustomerTokens>;
  /** A token client pointed at the proxy, with fast retries. */
  client(tokens: CustomerTokens, options?: Partial<CustomerCoreOptions>): CustomerCore;
  /** How many requests reached keys.refresh. */
  refreshes(): number;
}

/** Registers the hooks and gives the harness; call it once at the top of a test file. */
export function tokenHarness(): TokenHarness {
  let proxy: LoopbackServer;
  let customerN = 0;
  const harness = {
    seen: [] as TokenHarness["seen"],
    dropRefreshAnswers: 0,
    rewriteRefresh: undefined,
    customerId: "",
    async mint(id = harness.customerId, indefinite = false) {
      const minted = await keysMint(harness.server, { customerId: id, indefinite });
      if (!minted.ok) throw minted.error;
      return minted.value;
    },
    client: (tokens, options = {}) => new CustomerCore({ tokens, serverURL: proxy.url, retryConfig: { initialDelayMs: 1, maxDelayMs: 5 }, ...options }),
    refreshes: () => harness.seen.filter((request) => request.path === "keys.refresh").length,
  } as Omit<TokenHarness, "sandbox" | "server"> as TokenHarness & { sandbox: Sandbox; server: AutumnCore; customerId: string };

  beforeAll(async () => {
    harness.sandbox = await startSandbox();
    harness.server = new AutumnCore({ secretKey: SECRET, serverURL: harness.sandbox.url });
    proxy = await serveOnLoopback((request, response) => {
      void readText(request).then(async (body) => {
        const path = (request.url ?? "").replace(/^\/v1\//, "");
        const credential = String(request.headers["authorization"] ?? "").replace(/^Bearer /, "");
        harness.seen.push({ path, credential });
        const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => ["authorization", "content-type", "x-api-version", "idempotency-key"].includes(name))) as Record<string, string>;
        let answer: Response;
        try {
          answer = await fetch(`${harness.sandbox.url}${request.url}`, { method: "POST", headers, body });
        } catch {
          // The sandbox cut the connection (a reset fault): so does the proxy.
          return request.socket.destroy();
        }
        let text = await answer.text();
        // The sandbox has processed the refresh; its answer never reaches the client.
        if (path === "keys.refresh" && answer.ok && harness.dropRefreshAnswers > 0) {
          harness.dropRefreshAnswers--;
          return request.socket.destroy();
        }
        if (path === "keys.refresh" && answer.ok && harness.rewriteRefresh) text = harness.rewriteRefresh(text);
        const forwarded = Object.fromEntries(["content-type", "retry-after", "ratelimit-reset"].flatMap((name) => (answer.headers.has(name) ? [[name, answer.headers.get(name)!]] : [])));
        response.writeHead(answer.status, forwarded).end(text);
      });
    });
  });
  afterAll(async () => {
    await proxy.close();
    await harness.sandbox.close();
  });
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    harness.seen.length = 0;
    harness.dropRefreshAnswers = 0;
    harness.rewriteRefresh = undefined;
    harness.sandbox.clearFaults();
    harness.customerId = `token_user_${++customerN}`;
    expect((await customersGetOrCreate(harness.server, { customerId: harness.customerId })).ok).toBe(true);
    expect((await billingAttach(harness.server, { customerId: harness.customerId, planId: "free" })).ok).toBe(true);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  return harness;
}

/** Storage shared by clients, as localStorage is by tabs; it counts what was saved. */
export function sharedStorage(initial: CustomerTokens | null): TokenStorage & { saved: CustomerTokens[]; cleared: number } {
  let stored = initial;
  const saved: CustomerTokens[] = [];
  const storage = {
    saved,
    cleared: 0,
    load: () => stored,
    save: (tokens: CustomerTokens) => void (saved.push(tokens), (stored = tokens)),
    clear: () => void (storage.cleared++, (stored = null)),
  };
  return storage;
}

/** One lock for several clients, as navigator.locks is for tabs of one origin. */
export function sharedLock(): TokenLock {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(_name: string, run: () => Promise<T>) => {
    const next = tail.then(run);
    tail = next.catch(() => undefined);
    return next;
  };
}
