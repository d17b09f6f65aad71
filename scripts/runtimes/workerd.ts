import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { freePort } from "./ports.js";
import { tmpdir } from "node:os";
import { build } from "esbuild";
import { binaryPath } from "./pins.js";

/** A Worker served by workerd on 127.0.0.1. */
export interface RunningWorker {
  /** The Worker's origin. */
  readonly url: string;
  /** What workerd printed, for failure messages. */
  output(): string;
  close(): Promise<void>;
}

/**
 * Bundles `entry` the way Wrangler would (esbuild, ESM, the `workerd` and
 * `worker` export conditions) and serves it with workerd. Text bindings become
 * `env` fields. Every outbound `fetch` of the Worker goes to `upstream`
 * (host:port on 127.0.0.1), since workerd's default outbound refuses private
 * addresses.
 */
export async function startWorker(options: {
  entry: string;
  resolveDir?: string;
  bindings: Record<string, string>;
  upstream: string;
  compatibilityDate?: string;
}): Promise<RunningWorker> {
  const dir = mkdtempSync(`${tmpdir()}/autumn-workerd-`);
  await build({
    entryPoints: [options.entry],
    absWorkingDir: options.resolveDir,
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    outfile: `${dir}/worker.js`,
    logLevel: "silent",
  });
  const port = await freePort();
  const bindings = Object.entries(options.bindings)
    .map(([name, text]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(text)})`)
    .join(", ");
  writeFileSync(
    `${dir}/config.capnp`,
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "upstream", external = (address = ${JSON.stringify(options.upstream)}, http = ())),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = ${JSON.stringify(options.compatibilityDate ?? "2026-11-01")},
  bindings = [${bindings}],
  globalOutbound = "upstream",
);
`,
  );
  const child = spawn(binaryPath("workerd"), ["serve", `${dir}/config.capnp`], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const close = async () => {
    child.kill("SIGKILL");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  // workerd prints nothing when it is ready: poll the socket.
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null || attempt > 200) {
      await close();
      throw new Error(`workerd did not start: ${output}`);
    }
    if (await accepts(port)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, output: () => output, close };
}


function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
