import { resolve } from "node:path";
import { CatalogFileError, readCatalogFile } from "../sandbox/catalog-file.js";
import { loadCatalog, SandboxCatalogError } from "../sandbox/catalog.js";
import type { CatalogIds } from "./declaration.js";
import { CatalogReadError } from "./live-catalog.js";

/**
 * The ids of a catalog file: an `autumn.config.ts` as Autumn's CLI writes it (run under a TypeScript
 * loader, or compiled to .js), a module or JSON file of `{ features, plans }`. It is read and checked
 * as `autumn-sandbox --catalog` reads it, so that one file serves both. No key, no network: this is how
 * a config whose helpers type every id as `string` still gets its literal ids registered.
 */
export async function readConfigCatalog(path: string): Promise<CatalogIds> {
  try {
    const catalog = loadCatalog(await readCatalogFile(resolve(path), "autumn-types"));
    return { features: [...catalog.features.keys()], plans: [...catalog.plans.keys()] };
  } catch (error) {
    if (error instanceof CatalogFileError || error instanceof SandboxCatalogError) throw new CatalogReadError(error.message);
    throw error;
  }
}
