import { z } from 'zod';
import { AppError } from '../errors.ts';

/** Query parameters every paginated list accepts. */
export const pageQuerySchema = z.object({
  cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page’s nextCursor.'),
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('Items per page, 1–100.'),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** The shape of every paginated answer. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * Cursors are opaque to clients: the sort key of the last item on the page, base64url-encoded JSON.
 * Keyset pagination keeps every page as fast as the first, whatever the list grows to.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Reads a cursor made by encodeCursor; a forged or damaged cursor is a VALIDATION error on `cursor`. */
export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // fall through to the validation error
  }
  throw new AppError('VALIDATION', 'The cursor is not one this API gave out.', [{ field: 'cursor', message: 'validation.invalid' }]);
}

/**
 * Makes a page from rows fetched with `limit + 1`: the extra row only tells that a next page exists.
 * `keyOf` gives the sort key of a row, which becomes the next cursor.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => readonly (string | number)[],
  present: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return { items: pageRows.map(present), nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null };
}
