import type pg from 'pg';
import type { Logger } from 'pino';
import { listenForNotifications, type NotificationListener } from '../../platform/db/notifications.ts';
import { changeOf, type MarketplaceCache } from './marketplace.cache.ts';

/** Migration 0020's channel: a municipality's offer, a citizen's personal inputs, or ratings changed. */
export const MARKETPLACE_CHANNEL = 'marketplace_changed';
/** Migration 0013's channel: what the national catalogue shows changed (a live version, a listing, a vendor, a taxonomy). */
export const CATALOGUE_CHANNEL = 'catalogue_changed';
/** How the listening connection is named in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'jobunivers-marketplace-listener';

/**
 * Keeps the marketplace cache true to the database: one connection of its own LISTENs on both channels and tells the
 * cache what to forget; while that connection is down the cache is off (every request reads the database). Resolves
 * after the first attempt to connect, connected or not. Never throws.
 */
export function keepMarketplaceCacheCurrent(options: {
  cache: MarketplaceCache;
  connection: pg.ClientConfig;
  logger: Pick<Logger, 'info' | 'warn'>;
}): Promise<NotificationListener> {
  const { cache } = options;
  return listenForNotifications({
    connection: options.connection,
    channels: [MARKETPLACE_CHANNEL, CATALOGUE_CHANNEL],
    name: LISTENER_APPLICATION_NAME,
    logger: options.logger,
    // A listing, its vendor or a taxonomy is shown in every municipality that enabled it: all offers are read again.
    onNotification: (channel, payload) => cache.forget(channel === CATALOGUE_CHANNEL ? { kind: 'offers' } : changeOf(payload)),
    onListening: (listening) => cache.setEnabled(listening),
  });
}
