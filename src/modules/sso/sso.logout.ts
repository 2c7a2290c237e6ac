// Single sign-out: when a citizen's platform session ends (sign-out, sign-out everywhere, expiry), the provider's
// sessions for the citizen end too and every vendor service they signed in to hears it by back-channel logout
// (OpenID Connect Back-Channel Logout 1.0: a signed logout token with the pairwise sub and the session id).
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import type { ChangeBus } from '../../platform/changes.ts';
import type { Db } from '../../platform/db/database.ts';
import { destroyModel, hasOtherLinkedSession, selectSessionsOfAccount, takeEndedPlatformSession } from './sso.repository.ts';

/**
 * Ends the provider's sessions of a citizen and sends each vendor service with a back-channel logout URI a logout
 * token. A vendor that does not answer is logged, not retried: its session ends at the latest with its own lifetime.
 * Returns how many logout tokens were delivered.
 */
export async function endVendorSessions(provider: Provider, db: Db, accountId: string, logger: Pick<Logger, 'info' | 'warn'>): Promise<number> {
  let delivered = 0;
  for (const row of await selectSessionsOfAccount(db, accountId)) {
    await destroyModel(db, 'Session', row.id);
    const authorizations = (row.payload.authorizations ?? {}) as Record<string, { sid?: string } | undefined>;
    for (const [clientId, authorization] of Object.entries(authorizations)) {
      // oidc-provider's Client has backchannelLogout(sub, sid) with the feature on; its types do not say so.
      const client = (await provider.Client.find(clientId)) as
        { backchannelLogoutUri?: string; backchannelLogout(sub: string, sid: string): Promise<void> } | undefined;
      if (!client?.backchannelLogoutUri || !authorization?.sid) continue;
      try {
        await client.backchannelLogout(accountId, authorization.sid);
        delivered += 1;
      } catch (error) {
        logger.warn({ clientId, err: error }, 'a vendor service did not accept its back-channel logout');
      }
    }
  }
  if (delivered > 0) logger.info({ delivered }, 'vendor services signed out with the platform session');
  return delivered;
}

/**
 * Follows ended platform sessions on the app's change bus (sessionEnded: this process's sign-outs, and every
 * process's through the database's trigger) and ends the vendor sessions that came from them. Only the process that
 * takes the session's link acts, so each vendor hears it once. Returns the function that stops following.
 */
export function followPlatformSignOuts(deps: { provider: Provider; db: Db; changes: ChangeBus; logger: Logger }): () => void {
  const { provider, db, logger } = deps;
  const ended = async (hex: string) => {
    const accountId = await takeEndedPlatformSession(db, Buffer.from(hex, 'hex'));
    // Another browser of the citizen still signed in keeps its vendor sessions (the provider's sessions are per account).
    if (!accountId || (await hasOtherLinkedSession(db, accountId))) return;
    await endVendorSessions(provider, db, accountId, logger);
  };
  // Not awaited: the citizen's sign-out is answered without waiting for vendors' back-channel endpoints.
  return deps.changes.subscribe('sessionEnded', ({ tokenHash }) => {
    ended(tokenHash).catch((error: unknown) => logger.warn({ err: error }, 'ending vendor sessions failed'));
  });
}
