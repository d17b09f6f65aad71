import { parseArgs } from "node:util";

/** What `autumn-types` was asked to do. */
export interface TypegenOptions {
  /** The declaration file, as given (relative to the working directory). */
  readonly out: string;
  /** Compare the file with the live catalog instead of writing it. */
  readonly check: boolean;
  /** The API origin, when given; otherwise the SDK's (AUTUMN_SERVER_URL, then Autumn's). */
  readonly serverURL: string | undefined;
  /** A catalog file to read the ids from instead of the API (no key needed). */
  readonly config: string | undefined;
  readonly help: boolean;
}

/** A command line that cannot be run: the option at fault and what is wrong with it. */
export class TypegenUsageError extends Error {
  override readonly name = "TypegenUsageError";
}

export const USAGE = `Usage: autumn-types [options]

Writes a declaration file that registers your Autumn catalog's feature and plan ids
with @useautumn/sdk, read from the API with the secret key in AUTUMN_SECRET_KEY, or
from a catalog file with --config.

Options:
  --out <file>          the file to write (default: autumn-catalog.d.ts); keep it where
                        your tsconfig.json includes it
  --check               write nothing; exit 1 when the file is missing or out of date
  --server-url <url>    the API (default: $AUTUMN_SERVER_URL, else https://api.useautumn.com)
  --config <file>       read the ids from this file instead of the API, with no key: an
                        autumn.config.ts (under a TypeScript loader: NODE_OPTIONS="--import tsx"),
                        or a .js, .mjs, .cjs or .json catalog as autumn-sandbox takes it
  --help                show this help

Exit codes: 0 done, 1 the catalog could not be read or the file is out of date, 2 a bad option.`;

const DEFAULT_OUT = "autumn-catalog.d.ts";

/** Reads the command line (without `node` and the script), or throws a TypegenUsageError. */
export function parseTypegenArgs(argv: readonly string[]): TypegenOptions {
  let values: ReturnType<typeof parse>["values"];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    // node:util names the option in its own words ("Unknown option '--ot'"); the first line says it all.
    throw new TypegenUsageError((error as Error).message.split("\n")[0]!);
  }
  const out = values.out ?? DEFAULT_OUT;
  if (!out.endsWith(".d.ts")) throw new TypegenUsageError(`--out: "${out}" is not a .d.ts file`);
  const serverURL = values["server-url"];
  if (serverURL !== undefined && !/^https?:\/\/[^/]/.test(serverURL)) throw new TypegenUsageError(`--server-url: "${serverURL}" is not an http:// or https:// URL`);
  const config = values.config;
  if (config !== undefined && serverURL !== undefined) throw new TypegenUsageError("--config and --server-url: give one; a catalog file is read without the API");
  if (config === "") throw new TypegenUsageError("--config: give the catalog file's path");
  return { out, check: values.check === true, serverURL, config, help: values.help === true };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      out: { type: "string" },
      check: { type: "boolean" },
      "server-url": { type: "string" },
      config: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
