// What citizens saw in the marketplace, for the statistics' funnel (shown → viewed) and demand signals (searches): kept
// for up to `flushMs` and written in one statement, so the marketplace page — answered from memory — does not wait for
// a database write per request. Only statistics live here: a process that dies loses at most that second's views (a
// graceful stop writes them), and a batch the database refuses is logged and dropped, never retried into the page.
import type { Db } from '../../platform/db/database.ts';
import { insertMarketplaceViews, type MarketplaceViewRow } from './marketplace.repository.ts';

export type RecordedView = Omit<MarketplaceViewRow, 'at'>;

/** At most this many views wait; a full buffer is written at once. */
const MAX_BATCH = 1000;

export class MarketplaceViewRecorder {
  readonly #db: Db;
  readonly #flushMs: number;
  readonly #onError: (error: unknown, lost: number) => void;
  #buffer: MarketplaceViewRow[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();

  /** `flushMs` 0 writes each view with its request (the caller awaits it): tests read what a request recorded at once. */
  constructor(db: Db, options: { flushMs: number; onError: (error: unknown, lost: number) => void }) {
    this.#db = db;
    this.#flushMs = options.flushMs;
    this.#onError = options.onError;
  }

  /**
   * Records a view as of now. With flushMs 0 the promise of its write is returned, for the request to await; otherwise
   * nothing: the view waits for its batch, and the request does not.
   */
  record(view: RecordedView): Promise<void> | undefined {
    const row = { ...view, at: new Date() };
    if (this.#flushMs === 0) return insertMarketplaceViews(this.#db, [row]);
    this.#buffer.push(row);
    if (this.#buffer.length >= MAX_BATCH) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#flushMs).unref();
    return undefined;
  }

  /** Writes what waits (after any batch being written); resolves when it is written or its failure logged. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#buffer;
    if (batch.length === 0) return this.#writing;
    this.#buffer = [];
    this.#writing = this.#writing.then(() => insertMarketplaceViews(this.#db, batch)).catch((error: unknown) => this.#onError(error, batch.length));
    return this.#writing;
  }
}
