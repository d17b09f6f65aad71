import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { walkCursorItems } from "../lib/paginate.js";
import type { Result } from "../lib/result.js";
import type { EntitiesListParams, EntityPage } from "../models/operations/entities-list.js";
import { entitiesList } from "./entities-list.js";

/**
 * Walks every entity across the pages of `entities.list`, yielding each as an ok
 * `Result`. A page that fails ends the walk with that failure as the last
 * element, so it cannot pass unnoticed; it never throws.
 *
 * @example
 * ```ts
 * for await (const entity of entitiesListItems(autumn, { limit: 200 })) {
 *   if (!entity.ok) { console.error(entity.error); break; }
 *   console.log(entity.value.id);
 * }
 * ```
 */
export function entitiesListItems(
  core: AutumnCore,
  params: EntitiesListParams = {},
  options?: RequestOptions,
): AsyncGenerator<Result<EntityPage["list"][number]>, void, undefined> {
  return walkCursorItems(entitiesList, core, params, options);
}
