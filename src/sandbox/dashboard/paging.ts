/** One page of a view's list: `limit` items from `offset`, and how many there are in all. */
export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

/** The most a page holds: the dashboard draws a page at a time, never a whole list of 10,000. */
export const MAX_PAGE = 200;

/**
 * The page of `items` (newest first) from `offset`, mapped with `render` (which runs only for the page's
 * items). `items` may be a generator, so that a list filtered from 100,000 entries is walked once and
 * nothing but the page is kept.
 */
export function pageOf<T, R>(items: Iterable<T>, offset: number, limit: number, render: (item: T) => R): Page<R> {
  const page: T[] = [];
  let total = 0;
  for (const item of items) {
    if (total >= offset && page.length < limit) page.push(item);
    total++;
  }
  return { total, offset, limit, items: page.map(render) };
}

/** The entries of a list from the last to the first. */
export function* newestFirst<T>(list: readonly T[]): Generator<T> {
  for (let index = list.length - 1; index >= 0; index--) yield list[index]!;
}

/** The items `keep` keeps, lazily. */
export function* filtered<T>(items: Iterable<T>, keep: (item: T) => boolean): Generator<T> {
  for (const item of items) if (keep(item)) yield item;
}
