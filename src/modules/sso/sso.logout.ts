// Single sign-out: when a citizen's platform session ends (sign-out, sign-out everywhere, expiry), the provider's
// sessions for the citizen end too and every vendor service they signed in to hears it by back-channel logout
// (OpenID Connect Back-Channel Logout 1.0: a signed logout token with the pairwise sub and the session id).
import type pg from 'pg';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.ts';
import { listenForNotifications, type NotificationListener } from '../../platform/db/notifications.ts';
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
 * Listens for ended platform sessions (notification session_ended, migration 0019) and ends the vendor sessions that
 * came from them. Only the process that takes the session's link acts, so each vendor hears it once.
 */
export async function followPlatformSignOuts(deps: { provider: Provider; db: Db; pool: pg.Pool; logger: Logger }): Promise<NotificationListener> {
  const { provider, db, logger } = deps;
  const ended = async (hex: string) => {
    const accountId = await takeEndedPlatformSession(db, Buffer.from(hex, 'hex'));
    // Another browser of the citizen still signed in keeps its vendor sessions (the provider's sessions are per account).
    if (!accountId || (await hasOtherLinkedSession(db, accountId))) return;
    await endVendorSessions(provider, db, accountId, logger);
  };
  return listenForNotifications({
    connection: deps.pool.options,
    channels: ['session_ended'],
    name: 'jobunivers-sso-signout-listener',
    logger,
    onNotification: (_channel, payload) => {
      if (payload && /^[0-9a-f]{64}$/.test(payload)) ended(payload).catch((error: unknown) => logger.warn({ err: error }, 'ending vendor sessions failed'));
    },
    onListening: () => undefined,
  });
}
