import { RequestTimeoutError } from "./errors/request-timeout-error.js";
import { ResponseValidationError } from "./errors/response-validation-error.js";
import type { RequestOptions } from "./config.js";
import { err, ok, type Result } from "./result.js";

/** A function that fetches one cursor page. */
export type CursorPageFetcher<TCore, TParams extends { startCursor?: string }, TPage extends { nextCursor: string | null }> = (
  core: TCore,
  params: TParams,
  options?: RequestOptions,
) => Promise<Result<TPage>>;

// Empty pages in a row that still name a next page; a server that answers more is not walked on.
const MAX_EMPTY_PAGES = 10;

/**
 * Walks a cursor-paginated list from `params.startCursor` to the page whose
 * `nextCursor` is null, yielding each page's `Result`. It stops after the
 * first failed page (yielding that failure), and ends with an error instead
 * of walking on when a cursor comes back a second time or when
 * `MAX_EMPTY_PAGES` empty pages in a row name a next page. A `timeoutMs` in
 * `options` is the budget of the whole walk (the time spent fetching pages,
 * not the caller's between them): each page gets what the earlier ones left.
 */
export async function* walkCursorPages<TCore, TParams extends { startCursor?: string }, TPage extends { nextCursor: string | null; list: readonly unknown[] }>(
  fetchPage: CursorPageFetcher<TCore, TParams, TPage>,
  core: TCore,
  params: TParams,
  options?: RequestOptions,
): AsyncGenerator<Result<TPage>, void, undefined> {
  const seen = new Set<string>();
  // A malformed timeoutMs is left for the first page's call to refuse.
  const budget = (options?.timeoutMs ?? 0) > 0 ? options!.timeoutMs! : undefined;
  let spent = 0;
  let pages = 0;
  let empty = 0;
  let cursor = params.startCursor;
  for (;;) {
    if (budget !== undefined && spent >= budget) {
      yield err(new RequestTimeoutError({ timeoutMs: budget, attempts: pages }));
      return;
    }
    const started = Date.now();
    let page = await fetchPage(core, { ...params, startCursor: cursor }, budget === undefined ? options : { ...options, timeoutMs: budget - spent });
    spent += Date.now() - started;
    pages++;
    // The page ran out of what the walk had left: the bound hit is the walk's.
    if (budget !== undefined && !page.ok && page.error.name === "RequestTimeoutError") page = err(new RequestTimeoutError({ timeoutMs: budget, attempts: pages }));
    yield page;
    if (!page.ok || page.value.nextCursor === null || page.value.nextCursor === "") return;
    cursor = page.value.nextCursor;
    empty = page.value.list.length === 0 ? empty + 1 : 0;
    const stop = seen.has(cursor)
      ? "repeats an earlier page's cursor; stopped instead of looping"
      : empty === MAX_EMPTY_PAGES
        ? `${MAX_EMPTY_PAGES} pages in a row were empty yet named a next page; stopped`
        : undefined;
    if (stop) {
      yield err(new ResponseValidationError({ status: 200, issues: [{ path: "next_cursor", message: stop }], rawBody: JSON.stringify({ next_cursor: cursor }), headers: {} }));
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
