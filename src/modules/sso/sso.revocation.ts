import type { ChangeBus } from '../../platform/changes.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import { burnAuthorizationCode, deleteVendorModels, revokeGrantTree } from './sso.repository.ts';
import { forgetVendorTokens } from './sso.token-cache.ts';

/**
 * Ends at once everything a vendor's services hold from the platform for a citizen: their grants, authorization
 * codes, access and refresh tokens (oidc-provider's rows, each carrying the account and the client, which is the
 * listing's id). The Data API reads tokens from these rows (kept in memory a second at most, and forgotten here), so
 * the vendor's next call is refused. Inside a transaction, call `forgetVendorTokens()` again after the commit: a call
 * in between may have read the rows still there. Returns how many rows went.
 */
export async function revokeVendorAccess(db: Db | Trx, citizenId: string, vendorId: string): Promise<number> {
  const deleted = await deleteVendorModels(db, citizenId, vendorId);
  forgetVendorTokens();
  return deleted;
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

/**
 * sso's answer to a withdrawn consent: the vendor's grants and tokens for the citizen end in the same transaction as
 * the withdrawal (a crash in between cannot leave them alive), and every process forgets the tokens it kept once the
 * withdrawal has committed (this one when consent publishes it, the others when they hear it). Deleting rows already
 * gone deletes nothing, so hearing it twice is harmless. Returns the function that stops following.
 */
export function revokeOnConsentWithdrawal(deps: { changes: ChangeBus }): () => void {
  const stopWithin = deps.changes.subscribeWithin('consentWithdrawn', async ({ citizenId, vendorId }, trx) => {
    await revokeVendorAccess(trx, citizenId, vendorId);
  });
  const stopAfter = deps.changes.subscribe('consentWithdrawn', () => forgetVendorTokens());
  return () => {
    stopWithin();
    stopAfter();
  };
}
