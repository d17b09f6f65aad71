import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { walkCursorPages } from "../lib/paginate.js";
import type { Result } from "../lib/result.js";
import type { EntitiesListParams, EntityPage } from "../models/operations/entities-list.js";
import { entitiesList } from "./entities-list.js";

/**
 * Walks every page of entities, yielding each page's `Result`. It ends after
 * the last page (`nextCursor: null`) or after the first failed page, which it
 * yields; it never throws.
 *
 * @example
 * ```ts
 * for await (const page of entitiesListPages(autumn, { customerId: "user_123" })) {
 *   if (!page.ok) { console.error(page.error); break; }
 *   for (const entity of page.value.list) console.log(entity.id);
 * }
 * ```
 */
export function entitiesListPages(
  core: AutumnCore,
  params: EntitiesListParams = {},
  options?: RequestOptions,
): AsyncGenerator<Result<EntityPage>, void, undefined> {
  return walkCursorPages(entitiesList, core, params, options);
}
