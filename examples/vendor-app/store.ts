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
