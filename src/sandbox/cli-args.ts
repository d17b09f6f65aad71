import { extname } from "node:path";
import { parseArgs } from "node:util";
import { canonicalOrigin } from "./access.js";

/** What `autumn-sandbox` was asked to do. */
export interface CliOptions {
  /** The port to listen on; 0 for any free one. */
  readonly port: number;
  /** The catalog file as given (relative to the working directory), or undefined for the demo catalog. */
  readonly catalog: string | undefined;
  readonly webhookURL: string | undefined;
  readonly webhookSecret: string | undefined;
  /** Origins besides loopback ones whose pages may call it, in canonical form. */
  readonly allowedOrigins: readonly string[];
  readonly help: boolean;
}

/** A command line that cannot be run: the option at fault and what is wrong with it. */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";

  constructor(
    /** The option, as `--port`, or the environment variable, as `PORT`. */
    readonly option: string,
    problem: string,
  ) {
    super(`${option}: ${problem}`);
  }
}

export const USAGE = `Usage: autumn-sandbox [options]

Runs an in-memory Autumn on 127.0.0.1 for local development.

Options:
  --port <n>              port to listen on (default: $PORT, else 8787; 0 for any free port)
  --catalog <file>        features and plans to serve, from a .json, .js, .mjs or .cjs file,
                          reloaded when it changes (default: the demo catalog)
  --webhook-url <url>     send webhooks to this URL (default: $AUTUMN_SANDBOX_WEBHOOK_URL)
  --webhook-secret <s>    sign them with this whsec_… secret (default: $AUTUMN_SANDBOX_WEBHOOK_SECRET,
                          else a random one)
  --allow-origin <origin> let pages on this origin call it, such as https://app.example (repeatable;
                          pages on localhost, 127.0.0.1 and [::1] always may)
  --help                  show this help`;

const DEFAULT_PORT = 8787;
// TypeScript files are accepted too: they load when the process has a loader for them (node --import tsx).
const CATALOG_EXTENSIONS = new Set([".json", ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"]);
// A webhook secret is `whsec_` and base64, as Svix and Autumn make them; the sandbox signs with the decoded bytes.
const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

/** Reads the command line (without `node` and the script), or throws a CliUsageError. */
export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): CliOptions {
  const { values } = parseOrExplain(argv);
  const catalog = values["catalog"];
  if (catalog !== undefined && !CATALOG_EXTENSIONS.has(extname(catalog).toLowerCase())) {
    throw new CliUsageError("--catalog", `"${catalog}" is not a .json, .js, .mjs or .cjs file`);
  }
  const webhookURL = values["webhook-url"];
  if (webhookURL !== undefined && !isHttpURL(webhookURL)) throw new CliUsageError("--webhook-url", `"${webhookURL}" is not an http:// or https:// URL`);
  const webhookSecret = values["webhook-secret"];
  if (webhookSecret !== undefined && !WEBHOOK_SECRET_PATTERN.test(webhookSecret)) {
    throw new CliUsageError("--webhook-secret", "must be whsec_ followed by base64");
  }
  const allowedOrigins = (values["allow-origin"] ?? []).map((origin) => {
    const canonical = canonicalOrigin(origin);
    if (canonical === undefined) throw new CliUsageError("--allow-origin", `"${origin}" is not an http:// or https:// origin such as https://app.example`);
    return canonical;
  });
  return {
    port: values["port"] !== undefined ? portFrom("--port", values["port"]) : env["PORT"] ? portFrom("PORT", env["PORT"]) : DEFAULT_PORT,
    catalog,
    webhookURL,
    webhookSecret,
    allowedOrigins,
    help: values["help"] === true,
  };
}

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        catalog: { type: "string" },
        "webhook-url": { type: "string" },
        "webhook-secret": { type: "string" },
        "allow-origin": { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw usageErrorFrom(error as NodeJS.ErrnoException);
  }
}

// Node's own messages run to several lines; the option is the quoted part ("Unknown option '--prot'",
// "Option '-h, --help' does not take an argument"), the long name where it gives two.
function usageErrorFrom(error: NodeJS.ErrnoException): CliUsageError {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? "";
  const option = quoted.match(/--?[\w-]+/g)?.at(-1) ?? (quoted || "arguments");
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new CliUsageError(option, "unknown option");
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return new CliUsageError(option, error.message.includes("does not take") ? "takes no value" : "needs a value");
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return new CliUsageError(option, "unexpected argument (options start with --)");
    default:
      return new CliUsageError(option, error.message.split("\n")[0]!);
  }
}

function portFrom(option: string, text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) throw new CliUsageError(option, `"${text}" is not a port (0 to 65535)`);
  return port;
}

function isHttpURL(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}
