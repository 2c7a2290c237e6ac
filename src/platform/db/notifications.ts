import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from './database.ts';
import type { Trx } from './tenant.ts';

export type NotificationListener = {
  /** Closes the connection and stops reconnecting. */
  stop(): Promise<void>;
};

/**
 * Keeps one connection of its own (outside the pool, where it would hold a slot for ever) listening on PostgreSQL
 * notification channels, for in-process caches that must forget what the database changed. `onNotification` gets
 * each notification; `onListening(true)` once LISTEN is in place, `onListening(false)` whenever the connection is
 * lost — nothing is heard then, so a cache must not be trusted. A lost connection is opened again with growing
 * pauses (1 s up to 30 s). Resolves after the first attempt, connected or not, so the app starts without its caches
 * rather than not at all. Never throws.
 */
export async function listenForNotifications(options: {
  connection: pg.ClientConfig;
  channels: readonly string[];
  /** How the connection is named in pg_stat_activity. */
  name: string;
  logger: Pick<Logger, 'info' | 'warn'>;
  onNotification: (channel: string, payload: string | undefined) => void;
  onListening: (listening: boolean) => void;
}): Promise<NotificationListener> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let pause = 1_000;

  const lost = (lostClient: pg.Client, error?: unknown) => {
    if (client !== lostClient) return;
    client = undefined;
    options.onListening(false);
    lostClient.end().catch(() => undefined);
    if (stopped) return;
    options.logger.warn(
      { err: error, retryInMs: pause, listener: options.name },
      'a notification listener lost its connection; its caches are off until it is back',
    );
    retry = setTimeout(() => void connect(), pause);
    pause = Math.min(pause * 2, 30_000);
  };

  const connect = async (): Promise<void> => {
    retry = undefined;
    const candidate = new pg.Client({ ...options.connection, application_name: options.name, keepAlive: true });
    client = candidate;
    candidate.on('error', (error) => lost(candidate, error));
    candidate.on('end', () => lost(candidate));
    candidate.on('notification', (message) => {
      if (options.channels.includes(message.channel)) options.onNotification(message.channel, message.payload);
    });
    try {
      await candidate.connect();
      for (const channel of options.channels) await candidate.query(`listen ${pg.escapeIdentifier(channel)}`);
      if (client !== candidate || stopped) return;
      pause = 1_000;
      options.onListening(true);
    } catch (error) {
      lost(candidate, error);
    }
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = undefined;
      options.onListening(false);
      await current?.end().catch(() => undefined);
    },
  };
}

/**
 * Sends a notification on `channel`. Inside a transaction PostgreSQL delivers it at commit, and not at all on
 * rollback. Throws on database failure (a payload over 8000 bytes is one).
 */
export async function notify(db: Db | Trx, channel: string, payload: string): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}

/** Sends each payload as a notification on `channel`, in one statement; otherwise as notify. */
export async function notifyAll(db: Db | Trx, channel: string, payloads: readonly string[]): Promise<void> {
  if (payloads.length === 0) return;
  await sql`select pg_notify(${channel}, p) from unnest(${[...payloads]}::text[]) p`.execute(db);
}
