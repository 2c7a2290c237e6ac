// Access tokens as the Data API reads them, kept in memory for at most a second: a vendor's service calls the API
// several times a page, and each call would otherwise ask the database for its token, its listing and its vendor.
// What ends a token in this process (a withdrawal's revocation, the provider destroying or revoking it) forgets
// every kept token at once; a revocation by another process is seen within TOKEN_KEPT_MS — the "within one second"
// the Data API promises.
import type { Db } from '../../platform/db/database.ts';
import { selectVendorToken, type VendorTokenRow } from './sso.repository.ts';

export const TOKEN_KEPT_MS = 1000;
const MAX_TOKENS = 50_000;

const kept = new Map<string, { row: VendorTokenRow; until: number }>();
// Reads under way, so that calls arriving together with the same token share one.
const reading = new Map<string, Promise<VendorTokenRow | undefined>>();

/** The token's row (with its live listing and vendor), from memory when read less than a second ago. */
export async function vendorToken(db: Db, token: string): Promise<VendorTokenRow | undefined> {
  const now = Date.now();
  const hit = kept.get(token);
  if (hit && hit.until > now) return hit.row;
  const underway = reading.get(token);
  if (underway) return underway;
  const generation = forgotten;
  const read = selectVendorToken(db, token).finally(() => reading.delete(token));
  reading.set(token, read);
  const row = await read;
  // Unknown tokens are not kept (a token never becomes valid later); nor is a row read before a forgetting.
  if (row && generation === forgotten) {
    if (kept.size >= MAX_TOKENS) kept.clear();
    kept.set(token, { row, until: now + TOKEN_KEPT_MS });
  }
  return row;
}

let forgotten = 0;

/** Forgets every kept token (something ended one). Never throws. */
export function forgetVendorTokens(): void {
  forgotten++;
  kept.clear();
  reading.clear();
}
