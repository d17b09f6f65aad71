// `tsx scripts/runtimes/install.ts`: fetch the pinned runtimes into
// .runtimes/ (skipping those already there): the binaries, the edge runtime
// and Next.js; and Chromium from Debian when it is missing. Only the npm
// registry and Debian mirrors are contacted.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { type AppName, appDir, apps, binaryPath, cacheDir, chromiumPath, pins, type RuntimeName } from "./pins.js";

const run = (command: string, args: string[], options: { env?: NodeJS.ProcessEnv; stdio?: "inherit"; cwd?: string } = {}): string => execFileSync(command, args, { encoding: "utf8", ...options });

function installPin(name: RuntimeName): string {
  const pin = pins[name];
  const binary = binaryPath(name);
  if (binary === process.execPath) return `${name}: the running Node (${process.version})`;
  if (existsSync(binary)) return `${name}: cached`;
  const staging = mkdtempSync(`${tmpdir()}/autumn-runtime-`);
  try {
    // `npm pack` downloads the tarball (through npm's own cache) and runs no install script.
    const [packed] = JSON.parse(run("npm", ["pack", `${pin.pkg}@${pin.version}`, "--json", "--pack-destination", staging, "--loglevel=error"])) as { filename: string; size: number }[];
    if (!packed) throw new Error(`npm pack ${pin.pkg}@${pin.version} packed nothing`);
    run("tar", ["-xzf", `${staging}/${packed.filename}`, "-C", staging]);
    const target = `${cacheDir}/${name}-${pin.version}`;
    mkdirSync(cacheDir, { recursive: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(`${staging}/package`, target);
    chmodSync(binary, 0o755);
    return `${name}: installed ${pin.pkg}@${pin.version} (${(packed.size / 1e6).toFixed(1)} MB)`;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * An app (npm packages with dependencies) into its folder of .runtimes/:
 * `npm install` of the pinned packages, with npm's own cache, no lockfile kept
 * and no install scripts. A file written last records what was installed, so
 * an interrupted install or a changed pin installs afresh.
 */
function installApp(name: AppName): string {
  const dir = appDir(name);
  const packages = apps[name].packages();
  const record = `${dir}/.installed.json`;
  const wanted = JSON.stringify(packages);
  if (existsSync(record) && readFileSync(record, "utf8") === wanted) return `${name}: cached`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/package.json`, JSON.stringify({ name: `autumn-runtime-${name}`, private: true, dependencies: packages }, null, 2));
  run("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", "--ignore-scripts", "--loglevel=error"], { cwd: dir, stdio: "inherit" });
  writeFileSync(record, wanted);
  return `${name}: installed ${Object.entries(packages).map(([pkg, version]) => `${pkg}@${version}`).join(", ")}`;
}

function installChromium(): string {
  if (existsSync(chromiumPath)) return "chromium: present";
  const root = process.getuid?.() === 0;
  const prefix = root ? [] : ["sudo", "-n"];
  if (!root && !commandExists("sudo")) throw new Error("chromium is missing and installing it needs root (apt-get install chromium)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const apt = (...args: string[]) => {
    const [command, ...rest] = [...prefix, "apt-get", ...args];
    run(command, rest, { env, stdio: "inherit" });
  };
  apt("update", "-qq");
  apt("install", "-y", "-qq", "--no-install-recommends", "chromium");
  return "chromium: installed from Debian";
}

function commandExists(command: string): boolean {
  try {
    run("sh", ["-c", `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

let failed = false;
const steps = [
  ...(Object.keys(pins) as RuntimeName[]).map((name) => () => installPin(name)),
  ...(Object.keys(apps) as AppName[]).map((name) => () => installApp(name)),
  installChromium,
];
for (const step of steps) {
  try {
    console.log(step());
  } catch (error) {
    failed = true;
    console.error(error instanceof Error ? error.message : String(error));
  }
}
process.exitCode = failed ? 1 : 0;
