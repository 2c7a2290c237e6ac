import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import { burnAuthorizationCode, revokeGrantTree } from './sso.repository.ts';
import { forgetVendorTokens } from './sso.token-cache.ts';

/**
 * Ends at once everything a vendor's services hold from the platform for a citizen: their grants, authorization
 * codes, access and refresh tokens (oidc-provider's rows, each carrying the account and the client, which is the
 * listing's id). The Data API reads tokens from these rows (kept in memory a second at most, and forgotten here), so
 * the vendor's next call is refused. Inside a transaction, call `forgetVendorTokens()` again after the commit: a call
 * in between may have read the rows still there. Returns how many rows went.
 */
export async function revokeVendorAccess(db: Db | Trx, citizenId: string, vendorId: string): Promise<number> {
  const result = await db
    .deleteFrom('oidc_model')
    .where('account_id', '=', citizenId)
    .where('client_id', 'in', (eb) => eb.selectFrom('listing').select(sql<string>`id::text`.as('id')).where('vendor_id', '=', vendorId))
    .executeTakeFirst();
  forgetVendorTokens();
  return Number(result.numDeletedRows);
}

/**
 * Ends an authorization code a token request got wrong (a wrong PKCE verifier, another redirect_uri, …): the code is
 * consumed, so the right request fails too, and everything issued under its grant is revoked — a code presented
 * wrongly may be in an attacker's hands. Throws only on database failure.
 */
export async function burnCode(db: Db, code: string): Promise<void> {
  const grantId = await burnAuthorizationCode(db, code);
  if (grantId) await revokeGrantTree(db, grantId);
  forgetVendorTokens();
}
