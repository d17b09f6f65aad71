import { type FSWatcher, watch } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, extname } from "node:path";
import { pathToFileURL } from "node:url";
import type { Catalog, SandboxCatalog } from "./catalog.js";

/**
 * The catalog file of `autumn-sandbox`: read (JSON parsed, a module
 * imported), described in one line, and watched for changes.
 */

/** A catalog file that cannot be read: missing, not JSON, or a module that throws or cannot be imported. */
export class CatalogFileError extends Error {
  override readonly name = "CatalogFileError";
}

const TYPESCRIPT_EXTENSIONS = new Set([".ts", ".mts", ".cts"]);
let imports = 0;

/**
 * The contents of a catalog file at an absolute path: the parsed JSON, or the
 * namespace of the module, for `loadCatalog`. Each call reads the file afresh.
 * `command` is the one a TypeScript file's error tells the user to run under a loader.
 */
export async function readCatalogFile(path: string, command = "autumn-sandbox"): Promise<SandboxCatalog> {
  const { size } = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new CatalogFileError(error.code === "ENOENT" ? `catalog file ${path} does not exist` : `catalog file ${path} cannot be read: ${error.message}`);
  });
  // An editor that truncates before it writes leaves an empty file for a moment; as a module it would be an empty catalog.
  if (size === 0) throw new CatalogFileError(`${basename(path)} is empty`);
  if (extname(path).toLowerCase() === ".json") {
    const text = await readFile(path, "utf8");
    try {
      return JSON.parse(text) as SandboxCatalog;
    } catch (error) {
      throw new CatalogFileError(`${basename(path)} is not valid JSON: ${(error as Error).message}`);
    }
  }
  return importFresh(path, command);
}

async function importFresh(path: string, command: string): Promise<SandboxCatalog> {
  // The query makes a new module each time, so a reload sees the new contents. A CommonJS file is
  // also kept in require's cache, which the ESM loader reads before the file: drop it from there.
  delete createRequire(path).cache[path];
  const url = `${pathToFileURL(path).href}?reload=${++imports}`;
  try {
    return (await import(url)) as SandboxCatalog;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_UNKNOWN_FILE_EXTENSION" && TYPESCRIPT_EXTENSIONS.has(extname(path).toLowerCase())) {
      throw new CatalogFileError(
        `${basename(path)} is TypeScript, which this Node cannot import: compile it to .js or .mjs, or run ${command} under a TypeScript loader (NODE_OPTIONS="--import tsx" npx ${command} …)`,
      );
    }
    throw new CatalogFileError(`${basename(path)} failed to load: ${firstLine(error)}`);
  }
}

/** "2 features (messages, seats), 3 plans (free, pro, team)". */
export function describeCatalog(catalog: Catalog): string {
  const list = (noun: string, ids: string[]) => `${ids.length} ${noun}${ids.length === 1 ? "" : "s"}${ids.length > 0 ? ` (${ids.join(", ")})` : ""}`;
  return `${list("feature", [...catalog.features.keys()])}, ${list("plan", [...catalog.plans.keys()])}`;
}

/**
 * Calls `onChange` once a burst of changes to the file at `path` has settled
 * (100 ms without another). Watches the folder, not the file: editors save by
 * writing a new file and renaming it over the old one, which ends a watch on
 * the file itself.
 */
export function watchCatalogFile(path: string, onChange: () => void, onError: (error: Error) => void): FSWatcher {
  const name = basename(path);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watcher = watch(dirname(path), (_event, filename) => {
    // Some platforms do not say which file changed; reading it again is harmless.
    if (filename !== null && filename !== name) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, 100);
  });
  watcher.on("error", onError);
  watcher.on("close", () => clearTimeout(timer));
  return watcher;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.split("\n")[0]!;
}
