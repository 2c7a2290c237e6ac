// What we keep: browser sessions (in memory; each holds the citizen's DPoP-bound access token and the DPoP key it is
// bound to) and, per citizen, a small record of our own on disk — the data a deletion request makes us delete.
import { randomBytes, type webcrypto } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Session = {
  id: string;
  /** The pairwise subject: the platform gives every vendor its own identifier for the same citizen. */
  sub: string;
  /** The platform's session id (ID token `sid`), named by back-channel logout tokens. */
  sid: string | undefined;
  acr: string | undefined;
  accessToken: string;
  /** The scopes the platform granted: only the categories the citizen accepted. */
  scopes: string[];
  dpopKeys: webcrypto.CryptoKeyPair;
  expiresAt: number;
  /** Sent with our own forms and checked on their POST, so another site cannot make the browser report for the citizen. */
  csrf: string;
};

/** A login on its way: what the callback checks the answer against. */
export type PendingLogin = { state: string; nonce: string; codeVerifier: string; dpopKeys: webcrypto.CryptoKeyPair; returnTo: string; createdAt: number };

/** Our own record of a citizen (keyed by the pairwise sub): when we saw them and which categories we were shown. */
export type CitizenRecord = { firstSeen: string; lastSeen: string; categoriesShared: string[] };

export const newId = () => randomBytes(32).toString('base64url');

export class Store {
  readonly sessions = new Map<string, Session>();
  readonly pending = new Map<string, PendingLogin>();
  /** Logout and deletion tokens already used (by jti), so a replayed token does nothing. */
  readonly seenTokenIds = new Map<string, number>();
  private readonly file: string;
  private citizens: Record<string, CitizenRecord>;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, 'citizens.json');
    try {
      this.citizens = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, CitizenRecord>;
    } catch {
      this.citizens = {};
    }
  }

  citizen(sub: string): CitizenRecord | undefined {
    return this.citizens[sub];
  }

  rememberCitizen(sub: string, categoriesShared: string[]): void {
    const now = new Date().toISOString();
    this.citizens[sub] = { firstSeen: this.citizens[sub]?.firstSeen ?? now, lastSeen: now, categoriesShared };
    this.save();
  }

  /** Deletes everything we hold about the citizen and ends their sessions here. Returns whether we held anything. */
  forgetCitizen(sub: string): boolean {
    const held = sub in this.citizens;
    delete this.citizens[sub];
    this.save();
    return this.endSessions((session) => session.sub === sub) > 0 || held;
  }

  /** Ends the sessions that match; returns how many. */
  endSessions(match: (session: Session) => boolean): number {
    let ended = 0;
    for (const [id, session] of this.sessions) {
      if (match(session)) {
        this.sessions.delete(id);
        ended++;
      }
    }
    return ended;
  }

  /** True the first time a token id is seen (kept for an hour, longer than any token lives). */
  firstUse(jti: string): boolean {
    const now = Date.now();
    for (const [id, at] of this.seenTokenIds) if (now - at > 3_600_000) this.seenTokenIds.delete(id);
    if (this.seenTokenIds.has(jti)) return false;
    this.seenTokenIds.set(jti, now);
    return true;
  }

  private save(): void {
    // Write then rename, so a crash never leaves half a file.
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.citizens, null, 2), { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }
}

/**
 * Something the platform told us (a webhook or a feed item), as we show it on our page: `id` is the webhook's message
 * id or the feed item's id; `eventId` the event's own id (a webhook's `data.id`, the feed item's `id`), the same for
 * the same event by either way; `subject` the citizen it is about (their pairwise sub with us), when it names one.
 */
export type Received = { via: 'webhook' | 'feed'; id: string; eventId?: string | undefined; type: string; at: string; subject?: string | undefined };

type PlatformFile = {
  cursors: { catalogue?: string; vendor?: string };
  /** Our copy of the national catalogue, replayed from its feed: listing id → name and version. */
  catalogue: Record<string, { nameDa: string; version: number }>;
  /** The newest things the platform told us, newest first (50 at most). */
  received: Received[];
  /** Ids of webhook messages already handled: a retry of the same message is acknowledged and dropped. */
  webhookIds: string[];
};

/** What we keep from following the platform (on disk, so a restart continues from the cursors instead of from zero). */
export class PlatformState {
  private readonly file: string;
  private data: PlatformFile;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, 'platform.json');
    try {
      this.data = JSON.parse(readFileSync(this.file, 'utf8')) as PlatformFile;
    } catch {
      this.data = { cursors: {}, catalogue: {}, received: [], webhookIds: [] };
    }
  }

  cursor(feed: 'catalogue' | 'vendor'): string | undefined {
    return this.data.cursors[feed];
  }

  get catalogueSize(): number {
    return Object.keys(this.data.catalogue).length;
  }

  get received(): readonly Received[] {
    return this.data.received;
  }

  /** Replays catalogue feed items into our copy (a tombstone deletes) and keeps the cursor, in one write. */
  takeCatalogueItems(items: { id: string; [key: string]: unknown }[], next: string): void {
    for (const item of items) {
      const listing = item.listing as { id: string; removed?: boolean; nameDa?: string; version?: number };
      if (listing.removed) delete this.data.catalogue[listing.id];
      else this.data.catalogue[listing.id] = { nameDa: String(listing.nameDa), version: Number(listing.version) };
    }
    this.data.cursors.catalogue = next;
    this.save();
  }

  /** Records our company's feed items (the same events as the webhooks, with the same ids) and keeps the cursor. */
  takeVendorFeedItems(items: { id: string; [key: string]: unknown }[], next: string): void {
    for (const item of items) {
      const data = (item.data ?? {}) as { subject?: unknown };
      this.remember({
        via: 'feed',
        id: item.id,
        eventId: item.id,
        type: String(item.type),
        at: String(item.time),
        subject: typeof data.subject === 'string' ? data.subject : undefined,
      });
    }
    this.data.cursors.vendor = next;
    this.save();
  }

  /** Records a verified webhook; false when its message id was handled before (a retry). */
  takeWebhook(id: string, payload: { type: string; timestamp: string; data: unknown }): boolean {
    if (this.data.webhookIds.includes(id)) return false;
    this.data.webhookIds = [id, ...this.data.webhookIds].slice(0, 1000);
    const data = (typeof payload.data === 'object' && payload.data !== null ? payload.data : {}) as { id?: unknown; subject?: unknown };
    this.remember({
      via: 'webhook',
      id,
      eventId: typeof data.id === 'string' ? data.id : undefined,
      type: String(payload.type),
      at: String(payload.timestamp),
      subject: typeof data.subject === 'string' ? data.subject : undefined,
    });
    this.save();
    return true;
  }

  private remember(received: Received): void {
    this.data.received = [received, ...this.data.received].slice(0, 50);
  }

  private save(): void {
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.data, null, 2), { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }
}
