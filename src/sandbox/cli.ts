#!/usr/bin/env node
import { resolve } from "node:path";
import { SandboxCatalogError } from "./catalog.js";
import { CatalogFileError, describeCatalog, readCatalogFile, watchCatalogFile } from "./catalog-file.js";
import { type CliOptions, CliUsageError, parseCliArgs, USAGE } from "./cli-args.js";
import { type Sandbox, startSandbox } from "./server.js";

// `npx autumn-sandbox`: a local Autumn to point `serverURL` at, serving your catalog file and reloading
// it when it changes. Ctrl-C stops it. Exit codes: 2 for a bad command line, 1 when it cannot start.
async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(`autumn-sandbox: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const path = options.catalog === undefined ? undefined : resolve(options.catalog);
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      port: options.port,
      catalog: path === undefined ? undefined : await readCatalogFile(path),
      webhookURL: options.webhookURL,
      webhookSecret: options.webhookSecret,
      allowedOrigins: options.allowedOrigins,
    });
  } catch (error) {
    console.error(`autumn-sandbox: ${problem(error, options)}`);
    process.exitCode = 1;
    return;
  }
  if (path !== undefined) sandbox.state.catalogSource = { file: options.catalog!, loadedAt: Date.now(), error: null };
  // Watching and the signal handlers start before the banner: whoever reads it may edit or stop at once.
  const watcher = path === undefined ? undefined : watchForChanges(sandbox, path, options);

  let closing = false;
  const stop = () => {
    // A second Ctrl-C does not wait for the first to finish closing.
    if (closing) process.exit(1);
    closing = true;
    watcher?.close();
    void sandbox.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  printBanner(sandbox, options);
}

function printBanner(sandbox: Sandbox, options: CliOptions): void {
  const catalog = describeCatalog(sandbox.state.catalog);
  console.log(`Autumn sandbox listening on ${sandbox.url}

  Dashboard   ${sandbox.url}/ (customers, balances, events, webhooks and requests; open it in a browser)
  Secret key  ${sandbox.secretKey}
  Catalog     ${options.catalog === undefined ? `the demo catalog: ${catalog} (--catalog <file> serves yours)` : `${options.catalog}: ${catalog}, reloaded when the file changes`}
  Webhooks    ${sandbox.webhooks.url ? `sent to ${sandbox.webhooks.url}, signed with ${webhookSecretLabel(sandbox, options)}` : "not sent (--webhook-url <url> sends them)"}
  Browsers    pages on localhost, 127.0.0.1 and [::1]${options.allowedOrigins.length === 0 ? " may call it (--allow-origin <origin> lets another)" : ` and on ${options.allowedOrigins.join(", ")} may call it`}

Point the SDK at it:
  AUTUMN_SERVER_URL=${sandbox.url} AUTUMN_SECRET_KEY=${sandbox.secretKey} node your-app.js
Ctrl-C stops it.`);
}

// A secret the sandbox made up is printed, since there is no other way to learn it; one the user gave is not echoed.
function webhookSecretLabel(sandbox: Sandbox, options: CliOptions): string {
  if (options.webhookSecret !== undefined) return "the secret given with --webhook-secret";
  if (process.env["AUTUMN_SANDBOX_WEBHOOK_SECRET"]) return "the secret in AUTUMN_SANDBOX_WEBHOOK_SECRET";
  return sandbox.webhooks.secret;
}

/** Reloads the catalog after each change to its file; a catalog that fails to load leaves the previous one served. */
function watchForChanges(sandbox: Sandbox, path: string, options: CliOptions) {
  let reloading = Promise.resolve();
  const reload = () => {
    // One reload at a time, in the order the changes came.
    reloading = reloading.then(async () => {
      try {
        sandbox.setCatalog(await readCatalogFile(path));
        console.log(`${time()} Reloaded ${options.catalog}: ${describeCatalog(sandbox.state.catalog)}`);
      } catch (error) {
        console.error(`${time()} Catalog not reloaded, still serving the previous one. ${problem(error, options)}`);
        // The dashboard's catalog page shows it too, until a reload succeeds.
        if (sandbox.state.catalogSource) sandbox.state.catalogSource.error = { message: problem(error, options), at: Date.now() };
      }
    });
  };
  return watchCatalogFile(path, reload, (error) => console.error(`${time()} Stopped watching ${options.catalog}: ${error.message}`));
}

function problem(error: unknown, options: CliOptions): string {
  if (error instanceof SandboxCatalogError) return `${options.catalog}: ${error.message}`;
  if (error instanceof CatalogFileError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EADDRINUSE") return `port ${options.port} is in use; pick another with --port (0 for any free port)`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function time(): string {
  return new Date().toTimeString().slice(0, 8);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
