import { announceChange, type ChangeBus } from '../../platform/changes.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type Trx } from '../../platform/db/tenant.ts';
import { burnAuthorizationCode, deleteVendorModels, revokeGrantTree, type VendorOwner } from './sso.repository.ts';

export type RevocationDeps = { db: Db; changes: ChangeBus };

/**
 * Deletes grants or tokens (`revoke`, in one transaction) and tells every process whose they were — vendorAccessRevoked
 * per citizen and vendor, announced in the transaction (the other processes hear it at commit) and published after it,
 * awaited — so that whoever keeps tokens (the Data API's token cache) forgets them before the caller goes on. Returns
 * what `revoke` returned. Throws on database failure.
 */
export async function endVendorTokens(deps: RevocationDeps, revoke: (trx: Trx) => Promise<VendorOwner[]>): Promise<VendorOwner[]> {
  const owners = await inTransaction(deps.db, async (trx) => {
    const gone = await revoke(trx);
    for (const owner of gone) await announceChange(trx, deps.changes, 'vendorAccessRevoked', owner);
    return gone;
  });
  for (const owner of owners) await deps.changes.publish('vendorAccessRevoked', owner);
  return owners;
}

/**
 * Ends at once everything a vendor's services hold from the platform for a citizen: their grants, authorization
 * codes, access and refresh tokens (oidc-provider's rows, each carrying the account and the client, which is the
 * listing's id). The Data API reads tokens from these rows (kept in memory a second at most, and forgotten when this
 * is heard), so the vendor's next call is refused. Returns how many rows went. Throws on database failure.
 */
export async function revokeVendorAccess(deps: RevocationDeps, citizenId: string, vendorId: string): Promise<number> {
  let deleted = 0;
  await endVendorTokens(deps, async (trx) => {
    deleted = await deleteVendorModels(trx, citizenId, vendorId);
    return [{ citizenId, vendorId }];
  });
  return deleted;
}

/**
 * Ends an authorization code a token request got wrong (a wrong PKCE verifier, another redirect_uri, …): the code is
 * consumed, so the right request fails too, and everything issued under its grant is revoked — a code presented
 * wrongly may be in an attacker's hands. Throws only on database failure.
 */
export async function burnCode(deps: RevocationDeps, code: string): Promise<void> {
  await endVendorTokens(deps, async (trx) => {
    const grantId = await burnAuthorizationCode(trx, code);
    return grantId ? revokeGrantTree(trx, grantId) : [];
  });
}

/**
 * sso's answer to a withdrawn consent: the vendor's grants and tokens for the citizen end in the same transaction as
 * the withdrawal (a crash in between cannot leave them alive). Every process's token cache forgets the citizen's
 * tokens when it hears the withdrawal itself (sso.token-cache.ts), so nothing more is announced here. Deleting rows
 * already gone deletes nothing, so hearing it twice is harmless. Returns the function that stops following.
 */
export function revokeOnConsentWithdrawal(deps: { changes: ChangeBus }): () => void {
  return deps.changes.subscribeWithin('consentWithdrawn', async ({ citizenId, vendorId }, trx) => {
    await deleteVendorModels(trx, citizenId, vendorId);
  });
}
