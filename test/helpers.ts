import { readdirSync, readFileSync } from "node:fs";
import nock from "nock";
import { expect } from "vitest";
import { AutumnCore, type AutumnOptions } from "../src/core.js";
import type { Result } from "../src/lib/result.js";

/** The fake origin nock answers for. */
export const BASE_URL = "https://api.autumn.test";
/** A sandbox-shaped key that the tests check never leaks. */
export const SECRET_KEY = "am_sk_test_0123456789abcdefSECRET";

/** A client pointed at nock, with retries fast enough for tests. */
export function testCore(options: AutumnOptions = {}): AutumnCore {
  return new AutumnCore({
    secretKey: SECRET_KEY,
    serverURL: BASE_URL,
    ...options,
    retryConfig: { initialDelayMs: 1, maxDelayMs: 5, ...options.retryConfig },
  });
}

/** A nock scope that only matches requests carrying the key and the API version. */
export function api(): nock.Scope {
  return nock(BASE_URL, {
    reqheaders: { authorization: `Bearer ${SECRET_KEY}`, "x-api-version": "2.3.0", "content-type": "application/json" },
  });
}

/** A wire JSON fixture from test/fixtures. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")) as T;
}

/** Records each request nock sees on a scope: path, headers and parsed body. */
export function recordRequests(scope: nock.Scope): { path: string; headers: Record<string, string>; body: unknown }[] {
  const seen: { path: string; headers: Record<string, string>; body: unknown }[] = [];
  scope.on("request", (request: { path: string; headers: Record<string, string> }, _interceptor: unknown, body: string) => {
    seen.push({ path: request.path, headers: request.headers, body: body ? JSON.parse(body) : undefined });
  });
  return seen;
}

/** Calls with each params in turn and expects a RequestValidationError naming the field. */
export async function expectRefused(call: (params: never) => Promise<Result<unknown>>, cases: readonly (readonly [params: unknown, field: string])[]): Promise<void> {
  for (const [params, field] of cases) {
    const result = await call(params as never);
    expect(!result.ok && result.error.name === "RequestValidationError" && result.error.field, JSON.stringify(params)).toBe(field);
  }
}

/** Answers `path` once with `wire` and expects the call to end in a ResponseValidationError at `issuePath` (a wire path), keeping the raw body. */
export async function expectMalformed(path: string, wire: unknown, call: () => Promise<Result<unknown>>, issuePath: string): Promise<void> {
  const body = JSON.stringify(wire);
  api().post(`/v1/${path}`).reply(200, body);
  const result = await call();
  if (result.ok || result.error.name !== "ResponseValidationError") throw new Error(`expected a ResponseValidationError, got ${JSON.stringify(result)}`);
  expect(result.error.issues[0]?.path).toBe(issuePath);
  expect(result.error.rawBody).toBe(body);
}

/**
 * A time limit in ms for work that grows with `count` (concurrent calls, property runs), used as the
 * test's own vitest timeout and, where the test does not check the budget, as the calls' `timeoutMs`.
 * Sized from the work, not from an idle machine: the 2,000-call test took ~15 s idle and ~75 s beside
 * 4 busy processes on 2 cores, i.e. under 40 ms a call; 150 ms a call plus a minute leaves several
 * times that. It only ever ends a test that hangs.
 */
export function sizedFor(count: number, perUnitMs = 150): number {
  return 60_000 + count * perUnitMs;
}

/**
 * For tests that spawn a process (tsx, tsc, npm pack, attw): the child's own kill timeout, and the
 * test's timeout, set above it so that a slow child is killed and reported with its output rather than
 * left running. Each child takes a few seconds on an idle machine and some tens of seconds beside busy
 * processes; these limits only ever end one that hangs.
 */
export const CHILD_TIMEOUT_MS = 180_000;
export const SPAWNING_TEST = { timeout: CHILD_TIMEOUT_MS + 30_000 } as const;

/**
 * The modules of src/funcs that give one of this SDK's functions the name Autumn's current SDK uses
 * (`check.ts` re-exports `balancesCheck` as `check`), by file name, each with the file it re-exports.
 * Tests that walk every operation module skip these: they are not operations of their own.
 */
export function aliasModules(): Map<string, string> {
  const dir = new URL("../src/funcs/", import.meta.url);
  const found = new Map<string, string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".ts"))) {
    const source = readFileSync(new URL(file, dir), "utf8");
    const primary = /^export const \w+: typeof \w+ = \w+;$/m.test(source) ? /from "\.\/([\w-]+)\.js"/.exec(source)?.[1] : undefined;
    if (primary) found.set(file, `${primary}.ts`);
  }
  return found;
}
