// The public catalogue feed (issue 15): every change to what the national catalogue shows, in an order no late
// commit can slip behind, from a cursor the reader keeps.
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { isFeedPosition } from '../../platform/http/feed-position.ts';
import { selectFeedAfter, type FeedPosition, type FeedRow } from './listings.feed.repository.ts';

export type CatalogueFeedPage = { rows: FeedRow[]; next: string };

const START: FeedPosition = { xid: '0', seq: '0' };

/** The cursor a reader gets: base64url of the position, so readers treat it as opaque and it can change shape later. */
export function encodeFeedCursor(position: FeedPosition): string {
  return Buffer.from(JSON.stringify({ v: 1, x: position.xid, s: position.seq })).toString('base64url');
}

/** Reads a cursor made by encodeFeedCursor; anything else is a VALIDATION error on `after`. */
export function decodeFeedCursor(cursor: string): FeedPosition {
  try {
    if (/^[A-Za-z0-9_-]+$/.test(cursor)) {
      const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (typeof value === 'object' && value !== null && 'v' in value && 'x' in value && 's' in value) {
        const { v, x, s } = value;
        if (v === 1 && typeof x === 'string' && typeof s === 'string' && isFeedPosition(x, s)) return { xid: x, seq: s };
      }
    }
  } catch {
    // not base64url JSON: the validation error below
  }
  throw new AppError('VALIDATION', 'The cursor is not one this feed gave out.', [{ field: 'after', message: 'validation.invalid' }]);
}

/**
 * Up to `limit` changes after the cursor `after` (from the beginning without one) and the cursor to read on from;
 * with nothing new, the same position comes back. Throws VALIDATION for a cursor this feed did not give out.
 */
export async function readCatalogueFeed(db: Db, input: { after?: string | undefined; limit: number }): Promise<CatalogueFeedPage> {
  const from = input.after === undefined ? START : decodeFeedCursor(input.after);
  const rows = await selectFeedAfter(db, from, input.limit);
  const last = rows.at(-1);
  return { rows, next: encodeFeedCursor(last ? { xid: last.xid, seq: last.seq } : from) };
}
