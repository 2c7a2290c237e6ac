import pg from 'pg';
import type { Logger } from 'pino';

/** The channel migration 0013's triggers notify when what the catalogue shows changes. */
export const CATALOGUE_CHANNEL = 'catalogue_changed';
/** How the listening connection is named in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'jobunivers-catalogue-listener';

export type CatalogueListener = {
  /** Closes the connection and stops reconnecting. */
  stop(): Promise<void>;
};

/**
 * Keeps one connection of its own (outside the pool, which it would otherwise hold a slot of for ever) listening
 * for catalogue changes. `onChange` is called for each notification; `onListening(true)` once LISTEN is in place,
 * `onListening(false)` when the connection is lost: nothing is heard then, so the cache must not be trusted. A lost
 * connection is opened again with growing pauses (1 s up to 30 s). Resolves after the first attempt, whether it
 * connected or not, so the app starts without the cache rather than not at all. Never throws.
 */
export async function listenForCatalogueChanges(options: {
  connection: pg.ClientConfig;
  logger: Pick<Logger, 'info' | 'warn'>;
  onChange: () => void;
  onListening: (listening: boolean) => void;
}): Promise<CatalogueListener> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let pause = 1_000;

  const lost = (client_: pg.Client, error?: unknown) => {
    if (client !== client_) return;
    client = undefined;
    options.onListening(false);
    client_.end().catch(() => undefined);
    if (stopped) return;
    options.logger.warn({ err: error, retryInMs: pause }, 'catalogue change listener lost its connection; the catalogue cache is off until it is back');
    retry = setTimeout(() => void connect(), pause);
    pause = Math.min(pause * 2, 30_000);
  };

  const connect = async (): Promise<void> => {
    retry = undefined;
    const candidate = new pg.Client({ ...options.connection, application_name: LISTENER_APPLICATION_NAME, keepAlive: true });
    client = candidate;
    candidate.on('error', (error) => lost(candidate, error));
    candidate.on('end', () => lost(candidate));
    candidate.on('notification', (message) => {
      if (message.channel === CATALOGUE_CHANNEL) options.onChange();
    });
    try {
      await candidate.connect();
      await candidate.query(`listen ${CATALOGUE_CHANNEL}`);
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
