import { readFileSync } from "node:fs";
import nock from "nock";
import { AutumnCore, type AutumnOptions } from "../src/core.js";

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
