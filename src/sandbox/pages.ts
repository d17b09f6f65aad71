import { require400, SandboxError } from "./errors.js";

/**
 * One page of a cursor list, as Autumn answers it: `limit` (default 50, a
 * positive integer, refused above the route's ceiling) items from where
 * `start_cursor` points (`""` or absent for the first page), and the cursor
 * of the next page, or null on the last.
 */
export function cursorPage<T>(all: readonly T[], body: Record<string, unknown>, ceiling: number): { page: T[]; next_cursor: string | null } {
  const limit = body["limit"] ?? 50;
  require400(typeof limit === "number" && Number.isInteger(limit) && limit >= 1, "limit must be a positive integer");
  if (limit > ceiling) throw new SandboxError("limitTooLarge", `limit must be at most ${ceiling}`);
  const cursor = body["start_cursor"] ?? "";
  let offset = 0;
  if (cursor !== "") {
    const decoded = typeof cursor === "string" ? /^c(\d+)$/.exec(cursor) : null;
    if (!decoded) throw new SandboxError("invalidCursor", "start_cursor is not a cursor this server issued");
    offset = Number(decoded[1]);
  }
  return { page: all.slice(offset, offset + limit), next_cursor: offset + limit < all.length ? `c${offset + limit}` : null };
}
