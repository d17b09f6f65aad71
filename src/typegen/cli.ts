#!/usr/bin/env node
import { readFile, writeFile } from "node:fs/promises";
import { AutumnCore } from "../core.js";
import { ConfigurationError } from "../lib/errors/configuration-error.js";
import { parseTypegenArgs, type TypegenOptions, TypegenUsageError, USAGE } from "./args.js";
import { type CatalogIds, describeChanges, readDeclaration, renderDeclaration } from "./declaration.js";
import { readConfigCatalog } from "./config-catalog.js";
import { CatalogReadError, readLiveCatalog } from "./live-catalog.js";

// `npx autumn-types`: writes the declaration file that registers the live catalog's ids (or, with
// --config, a catalog file's) with the SDK's types; `--check` only compares. Exit codes: 0 done, 1 a cause named in one line (the key refused, the
// API out of reach, the file out of date), 2 a bad option. The key is read from AUTUMN_SECRET_KEY only,
// never from the command line (which other users and shell histories see), and never printed.
async function main(): Promise<number> {
  let options: TypegenOptions;
  let read: () => Promise<CatalogIds>;
  try {
    options = parseTypegenArgs(process.argv.slice(2));
    if (options.help) {
      console.log(USAGE);
      return 0;
    }
    const { config, serverURL } = options;
    if (config !== undefined) {
      // A catalog file is read with no client: no key, and AUTUMN_SERVER_URL does not matter.
      read = () => readConfigCatalog(config);
    } else {
      const core = new AutumnCore(serverURL === undefined ? {} : { serverURL });
      read = () => readLiveCatalog(core);
    }
  } catch (error) {
    // A malformed AUTUMN_SERVER_URL is a bad option too; the SDK's message names it.
    if (!(error instanceof TypegenUsageError || error instanceof ConfigurationError)) throw error;
    console.error(`autumn-types: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  let ids: CatalogIds;
  try {
    ids = await read();
  } catch (error) {
    if (!(error instanceof CatalogReadError)) throw error;
    console.error(`autumn-types: ${error.message}`);
    return 1;
  }
  const text = renderDeclaration(ids);
  const summary = `${count(ids.features.length, "feature")}, ${count(ids.plans.length, "plan")}`;
  const current = await readFile(options.out, "utf8").catch(() => undefined);
  if (options.check) {
    if (current === text) {
      console.log(`${options.out} is up to date: ${summary}.`);
      return 0;
    }
    console.error(`autumn-types: ${outOfDate(options.out, current, ids)}; run autumn-types to rewrite it`);
    return 1;
  }
  if (current !== text) {
    try {
      await writeFile(options.out, text);
    } catch (error) {
      console.error(`autumn-types: cannot write ${options.out}: ${(error as Error).message}`);
      return 1;
    }
  }
  console.log(`${current === text ? "Kept" : "Wrote"} ${options.out}: ${summary}.`);
  return 0;
}

function outOfDate(out: string, current: string | undefined, ids: CatalogIds): string {
  if (current === undefined) return `${out} does not exist`;
  const before = readDeclaration(current);
  const changes = before && describeChanges(before, ids);
  return changes ? `${out} is out of date: ${changes}` : `${out} is out of date`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
