import type { IncomingMessage } from "node:http";
import { SandboxError } from "./errors.js";

/*
 * Who may reach a running sandbox. It listens on 127.0.0.1 only, but the developer's browser runs on the
 * same machine: any site it visits can send requests to 127.0.0.1, and a DNS name rebound to 127.0.0.1
 * makes that site's pages same-origin with the sandbox. So a request must be addressed to a loopback name
 * (the Host header, which a rebound page cannot choose), and a page may read answers only from a loopback
 * origin or one the user allowed. Requests from servers and tests carry no Origin and need no CORS.
 */

const LOOPBACK_NAMES: ReadonlySet<string> = new Set(["localhost", "127.0.0.1", "[::1]"]);
// An optional port after the name; IPv6 literals keep their brackets in a Host header.
const HOST_PATTERN = /^(\[[^\]]*\]|[^:]*)(?::\d{1,5})?$/;

// The headers the SDK sends from a page (a customer token's calls), and those of an answer it reads.
const ALLOWED_HEADERS = "authorization, content-type, x-api-version, idempotency-key, user-agent";
const EXPOSED_HEADERS = "ratelimit-policy, ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after";

/** The origins besides loopback ones whose pages may call the sandbox, checked and in canonical form. */
export type AllowedOrigins = ReadonlySet<string>;

/**
 * `allowedOrigins` as given to `startSandbox`, each an http(s) origin such as `https://app.example`
 * (a trailing slash is dropped). Throws a TypeError naming the first entry that is not one.
 */
export function allowedOrigins(origins: readonly unknown[] | undefined): AllowedOrigins {
  return new Set(
    (origins ?? []).map((origin, index) => {
      const canonical = typeof origin === "string" ? canonicalOrigin(origin) : undefined;
      if (canonical === undefined) throw new TypeError(`allowedOrigins[${index}] must be an http:// or https:// origin such as "https://app.example", without a path; got ${JSON.stringify(origin)}`);
      return canonical;
    }),
  );
}

/** The origin `text` names (scheme, host and port, as a browser sends it), or undefined when it names something else. */
export function canonicalOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const bare = url.pathname === "/" && url.search === "" && url.hash === "" && url.username === "" && url.password === "";
  return bare && (url.protocol === "http:" || url.protocol === "https:") && /^https?:\/\/[^/]+\/?$/i.test(text) ? url.origin : undefined;
}

/**
 * What a request may be answered with: a SandboxError when it is refused (a foreign Host or Origin), else
 * the CORS headers its answers carry (none without an Origin).
 */
export function accessOf(request: IncomingMessage, allowed: AllowedOrigins): SandboxError | Record<string, string> {
  const host = request.headers.host ?? "";
  if (!isLoopbackHost(host)) {
    return new SandboxError(
      "hostNotAllowed",
      `The sandbox answers only requests addressed to localhost, 127.0.0.1 or [::1], not ${JSON.stringify(host)}: a page on another site may be trying to reach it`,
    );
  }
  const origin = request.headers.origin;
  if (origin === undefined) return { vary: "origin" };
  if (!isLoopbackOrigin(origin) && !allowed.has(origin)) {
    return new SandboxError(
      "originNotAllowed",
      `Pages on ${origin} may not call the sandbox: only loopback origins may, and those given in allowedOrigins (autumn-sandbox --allow-origin)`,
    );
  }
  return { "access-control-allow-origin": origin, "access-control-expose-headers": EXPOSED_HEADERS, vary: "origin" };
}

/** What a preflight of an allowed page is answered with, besides its CORS headers. A preflight is never recorded. */
export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  "access-control-allow-methods": "POST",
  "access-control-allow-headers": ALLOWED_HEADERS,
  "access-control-max-age": "600",
};

function isLoopbackHost(host: string): boolean {
  const name = HOST_PATTERN.exec(host.toLowerCase())?.[1];
  return name !== undefined && LOOPBACK_NAMES.has(name);
}

function isLoopbackOrigin(origin: string): boolean {
  const canonical = canonicalOrigin(origin);
  return canonical === origin && isLoopbackHost(new URL(canonical).host);
}
