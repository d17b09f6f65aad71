import { ResponseValidationError } from "./errors/response-validation-error.js";
import type { RequestOptions } from "./config.js";
import { err, ok, type Result } from "./result.js";

/** A function that fetches one cursor page. */
export type CursorPageFetcher<TCore, TParams extends { startCursor?: string }, TPage extends { nextCursor: string | null }> = (
  core: TCore,
  params: TParams,
  options?: RequestOptions,
) => Promise<Result<TPage>>;

/**
 * Walks a cursor-paginated list from `params.startCursor` to the page whose
 * `nextCursor` is null, yielding each page's `Result`. It stops after the
 * first failed page (yielding that failure), and reports a cursor that comes
 * back a second time as an error instead of looping forever.
 */
export async function* walkCursorPages<TCore, TParams extends { startCursor?: string }, TPage extends { nextCursor: string | null }>(
  fetchPage: CursorPageFetcher<TCore, TParams, TPage>,
  core: TCore,
  params: TParams,
  options?: RequestOptions,
): AsyncGenerator<Result<TPage>, void, undefined> {
  const seen = new Set<string>();
  let cursor = params.startCursor;
  for (;;) {
    const page = await fetchPage(core, { ...params, startCursor: cursor }, options);
    yield page;
    if (!page.ok || page.value.nextCursor === null || page.value.nextCursor === "") return;
    cursor = page.value.nextCursor;
    if (seen.has(cursor)) {
      yield err(
        new ResponseValidationError({
          status: 200,
          issues: [{ path: "next_cursor", message: "repeats an earlier page's cursor; stopped instead of looping" }],
          rawBody: JSON.stringify({ next_cursor: cursor }),
          headers: {},
        }),
      );
      return;
    }
    seen.add(cursor);
  }
}

/**
 * Walks a cursor-paginated list item by item across its pages, yielding each
 * item as an ok `Result`. A page that fails ends the walk with that failure as
 * the last element, so the caller sees it in the loop instead of the list just
 * ending early. It never throws.
 */
export async function* walkCursorItems<TCore, TParams extends { startCursor?: string }, TItem, TPage extends { nextCursor: string | null; list: readonly TItem[] }>(
  fetchPage: CursorPageFetcher<TCore, TParams, TPage>,
  core: TCore,
  params: TParams,
  options?: RequestOptions,
): AsyncGenerator<Result<TItem>, void, undefined> {
  for await (const page of walkCursorPages(fetchPage, core, params, options)) {
    if (!page.ok) {
      yield page;
      return;
    }
    for (const item of page.value.list) yield ok(item);
  }
}
