// The change bus: domain changes one module makes and others react to, without the writer knowing who listens
// (consent publishes "consent withdrawn"; sso revokes the vendor's grants and tokens). One bus per app object —
// made in src/main.ts (or by buildApp when none is given, as in tests) and handed to modules in AppDeps — never a
// module-level singleton, so every app a test builds has its own.
//
// When subscribers act. Most subscribers hear a change only after the transaction that made it has committed: they
// never see, and never act on, a change that may still roll back. A subscriber whose work must stand or fall with the
// change itself (revoking a vendor's tokens when consent is withdrawn: a crash between the commit and the reaction
// must not leave tokens alive) subscribes `within`: it runs inside the writer's transaction, and its failure rolls
// the change back. The writer does two things:
//   1. inside its transaction, `announceChange(trx, bus, name, change)`: the `within` subscribers run on `trx`, then a
//      pg_notify on CHANGES_CHANNEL, which PostgreSQL delivers to the other processes at commit and never on rollback;
//   2. after the commit, `await bus.publish(name, change)`: this process's subscribers run then, and the writer's
//      answer waits for them, so what they do (revoking tokens) is done before the user is told.
// Because the same change can arrive twice (a process also hears the database after a crash between commit and
// publish would have lost the local call; two processes both react), every subscriber is idempotent. A subscriber
// that fails is logged and does not stop the others or fail the writer: the change itself is already committed.
//
// Other processes hear changes through `listenForChanges` (one LISTEN connection of the app's own, started by
// buildApp); their subscribers get `origin: 'another-process'`. While that connection is down nothing is heard, so
// the bus says whether it is listening (`followListening`): a cache of database state is on only while it is.
//
// The database announces on the same channel: triggers (migration 0037, on the tables that caches read) send the
// change any write makes — a writer's, a job's, a fixture's — as an envelope with origin 'database', which every
// process hears, this one too. A writer in this process still publishes after its commit, so that its own next
// page is fresh before the database's notification arrives.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { z } from 'zod';
import { listenForNotifications, notify, notifyAll, type NotificationListener } from './db/notifications.ts';
import type { Trx } from './db/tenant.ts';

/** The PostgreSQL notification channel every announced change travels on. */
export const CHANGES_CHANNEL = 'jobunivers_changes';
/** How the connection listening on it is named in pg_stat_activity. */
export const CHANGES_LISTENER_NAME = 'jobunivers-changes-listener';

/**
 * Every change the bus carries, by name, with its payload's schema (payloads from the database are parsed with it).
 * Each is published by the module that owns the data; the database's triggers announce the same names.
 */
export const changeSchemas = {
  /** A citizen withdrew their consent to a listing (consent); the vendor's grants and tokens must end (sso). */
  consentWithdrawn: z.object({ citizenId: z.uuid(), vendorId: z.uuid(), listingId: z.uuid(), consentId: z.uuid() }),
  /** Grants or tokens a vendor's services held for a citizen were revoked, some or all (sso): whoever keeps them forgets. */
  vendorAccessRevoked: z.object({ citizenId: z.uuid(), vendorId: z.uuid() }),
  /** A listing version went live, or the live one changed or went (listings, and the database's triggers). */
  listingWentLive: z.object({ listingId: z.uuid() }),
  /**
   * What every listing is shown with changed — a vendor's name, a taxonomy, an approved rating, a listing row — or a
   * table caches read was emptied: whoever keeps listings or offers forgets them all (the database's triggers).
   */
  listingsChanged: z.object({ table: z.string() }),
  /** A municipality's offer to its citizens changed: enablement, recommendations, local offers, licences, branding (curation). */
  municipalityOfferChanged: z.object({ municipalityCode: z.string().regex(/^\d{3}$/) }),
  /** A citizen's own inputs changed: screening, profile, plan, dismissals (journey). */
  citizenChanged: z.object({ citizenId: z.uuid() }),
  /** The organisation responsible for a citizen's contact course changed: a hand-over or a free choice (responsibility). */
  responsibilityChanged: z.object({
    citizenId: z.uuid(),
    municipalityCode: z.string().regex(/^\d{3}$/),
    organisationId: z.string(),
    previousOrganisationId: z.string().nullable(),
  }),
  /** An a-kasse's or another actor's own offers or recommendations changed (actor-offers, and the database's triggers). */
  actorOffersChanged: z.object({ organisationId: z.string().regex(/^(akasse|aktoer|kommune)-[0-9]{3,8}$/) }),
  /** An organisation's own details changed, such as what a municipality calls its employment service (organisations). */
  organisationChanged: z.object({ organisationId: z.string().regex(/^(akasse|aktoer|kommune)-[0-9]{3,8}$/) }),
  /** The statistics' daily rollups were recomputed (the database's refresh function): national figures are read again. */
  statisticsRefreshed: z.object({}),
  /** A platform session ended or was cut short (identity; the token's SHA-256 in hex, never the token). */
  sessionEnded: z.object({ tokenHash: z.string().regex(/^[0-9a-f]{64}$/) }),
} as const;

export type ChangeName = keyof typeof changeSchemas;
export type Change<N extends ChangeName> = z.infer<(typeof changeSchemas)[N]>;
/** Where a change was made: by this process (published after its commit) or by another (heard from the database). */
export type ChangeOrigin = 'this-process' | 'another-process';
export type ChangeSubscriber<N extends ChangeName> = (change: Change<N>, origin: ChangeOrigin) => void | Promise<void>;
/** A subscriber that acts inside the writer's transaction (see the top of this file). */
export type ChangeSubscriberWithin<N extends ChangeName> = (change: Change<N>, trx: Trx) => Promise<void>;

export type ChangeBus = {
  /** This bus's id, carried in its announcements so it does not hear its own changes twice. */
  readonly id: string;
  /** Calls `subscriber` for every change of that name; returns the function that stops it. Never throws. */
  subscribe<N extends ChangeName>(name: N, subscriber: ChangeSubscriber<N>): () => void;
  /** Calls `subscriber` inside the transaction of every change of that name this process makes; returns the function that stops it. */
  subscribeWithin<N extends ChangeName>(name: N, subscriber: ChangeSubscriberWithin<N>): () => void;
  /** Runs the `within` subscribers of a change on the writer's transaction, one after the other. Throws what they throw. */
  runWithin<N extends ChangeName>(trx: Trx, name: N, change: Change<N>): Promise<void>;
  /** Runs this process's subscribers of a committed change and waits for them all. Never throws (failures are logged). */
  publish<N extends ChangeName>(name: N, change: Change<N>): Promise<void>;
  /** A notification's payload from CHANGES_CHANNEL: runs the subscribers unless it is this bus's own or malformed. Never throws. */
  receive(payload: string | undefined): Promise<void>;
  /** Whether other processes' changes are heard now (the LISTEN connection is up). */
  readonly listening: boolean;
  /** Calls `follower` with whether changes are heard, now and at every change of that; returns the function that stops it. */
  followListening(follower: (listening: boolean) => void): () => void;
  /** Told by the LISTEN connection (listenForChanges) when it is up or down. */
  setListening(listening: boolean): void;
};

// `changes`: several changes of one name in one notification (announceChanges), heard as if each came alone.
const envelopeSchema = z.object({
  origin: z.string(),
  name: z.enum(Object.keys(changeSchemas) as [ChangeName, ...ChangeName[]]),
  change: z.unknown().optional(),
  changes: z.array(z.unknown()).max(1000).optional(),
});

/** A new, empty bus for one app. */
export function createChangeBus(options: { logger: Pick<Logger, 'warn' | 'error'> }): ChangeBus {
  const { logger } = options;
  const id = randomUUID();
  const subscribers = new Map<ChangeName, Set<ChangeSubscriber<never>>>();
  const withinSubscribers = new Map<ChangeName, Set<ChangeSubscriberWithin<never>>>();
  const listeningFollowers = new Set<(listening: boolean) => void>();
  let listening = false;

  async function run(name: ChangeName, change: unknown, origin: ChangeOrigin): Promise<void> {
    const list = [...(subscribers.get(name) ?? [])] as ChangeSubscriber<ChangeName>[];
    const results = await Promise.allSettled(list.map(async (subscriber) => subscriber(change as Change<ChangeName>, origin)));
    for (const result of results) {
      if (result.status === 'rejected') logger.error({ err: result.reason, change: name, origin }, 'a subscriber to a change failed');
    }
  }

  return {
    id,
    subscribe(name, subscriber) {
      const set = subscribers.get(name) ?? new Set();
      subscribers.set(name, set);
      set.add(subscriber);
      return () => void set.delete(subscriber);
    },
    subscribeWithin(name, subscriber) {
      const set = withinSubscribers.get(name) ?? new Set();
      withinSubscribers.set(name, set);
      set.add(subscriber);
      return () => void set.delete(subscriber);
    },
    async runWithin(trx, name, change) {
      for (const subscriber of [...(withinSubscribers.get(name) ?? [])] as ChangeSubscriberWithin<typeof name>[]) await subscriber(change, trx);
    },
    publish(name, change) {
      return run(name, change, 'this-process');
    },
    async receive(payload) {
      let envelope: z.infer<typeof envelopeSchema>;
      try {
        envelope = envelopeSchema.parse(JSON.parse(payload ?? ''));
      } catch {
        logger.warn({ channel: CHANGES_CHANNEL }, 'a change notification that is not one was ignored');
        return;
      }
      if (envelope.origin === id) return;
      for (const one of envelope.changes ?? [envelope.change]) {
        const change = changeSchemas[envelope.name].safeParse(one);
        if (!change.success) {
          logger.warn({ channel: CHANGES_CHANNEL, change: envelope.name }, 'a change notification with a malformed payload was ignored');
          continue;
        }
        await run(envelope.name, change.data, 'another-process');
      }
    },
    get listening() {
      return listening;
    },
    followListening(follower) {
      listeningFollowers.add(follower);
      follower(listening);
      return () => void listeningFollowers.delete(follower);
    },
    setListening(now) {
      listening = now;
      for (const follower of [...listeningFollowers]) follower(now);
    },
  };
}

/**
 * Inside the transaction that makes a change: runs the `within` subscribers on it, and tells the other processes, at
 * commit and only if it commits. This process's after-commit subscribers are not called here — `bus.publish` after the
 * commit does that. Throws on database failure or what a `within` subscriber throws (which fails the transaction, as
 * it should).
 */
export async function announceChange<N extends ChangeName>(trx: Trx, bus: ChangeBus, name: N, change: Change<N>): Promise<void> {
  await bus.runWithin(trx, name, change);
  await notify(trx, CHANGES_CHANNEL, JSON.stringify({ origin: bus.id, name, change }));
}

/** A notification's payload stays under PostgreSQL's 8,000 bytes with room for the envelope. */
const MAX_CHANGES_PAYLOAD = 7000;

/**
 * announceChange for many changes of one name (an ingest batch's citizens): the `within` subscribers run for each,
 * and the other processes are told in as few notifications as fit — one statement, not one round trip and one
 * notification per change, which every process would otherwise parse one by one. Throws as announceChange.
 */
export async function announceChanges<N extends ChangeName>(trx: Trx, bus: ChangeBus, name: N, changes: readonly Change<N>[]): Promise<void> {
  if (changes.length === 0) return;
  for (const change of changes) await bus.runWithin(trx, name, change);
  const payloads: string[] = [];
  let chunk: string[] = [];
  let size = 0;
  const flush = () => {
    if (chunk.length > 0) payloads.push(`{"origin":${JSON.stringify(bus.id)},"name":${JSON.stringify(name)},"changes":[${chunk.join(',')}]}`);
    chunk = [];
    size = 0;
  };
  for (const change of changes) {
    const text = JSON.stringify(change);
    if (size + text.length + 1 > MAX_CHANGES_PAYLOAD || chunk.length >= 1000) flush();
    chunk.push(text);
    size += text.length + 1;
  }
  flush();
  await notifyAll(trx, CHANGES_CHANNEL, payloads);
}

/**
 * Feeds the bus from the database: one connection of its own LISTENs on CHANGES_CHANNEL, so a change another process
 * announced reaches this process's subscribers, and tells the bus whether it is listening. Resolves after the first
 * attempt to connect. Never throws.
 */
export function listenForChanges(bus: ChangeBus, options: { connection: pg.ClientConfig; logger: Logger }): Promise<NotificationListener> {
  return listenForNotifications({
    connection: options.connection,
    channels: [CHANGES_CHANNEL],
    name: CHANGES_LISTENER_NAME,
    logger: options.logger,
    onNotification: (_channel, payload) => void bus.receive(payload),
    onListening: (listening) => bus.setListening(listening),
  });
}
