// Activity events from vendors' services (issue 15): CloudEvents 1.0 and xAPI statements land as one kind of stored
// event, once per (vendor, event id), for citizens who launched that vendor's listing, never with a CPR number, and
// move the citizen's plan in the same transaction. A 2xx is sent only after that transaction committed.
import { createHash } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.ts';
import { LoadingCache } from '../../platform/cache.ts';
import { announceChanges, type ChangeBus } from '../../platform/changes.ts';
import type { Config } from '../../platform/config.ts';
import { pairwiseSubject } from '../../platform/crypto/pairwise.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import { translate, type Locale, type MessageKey } from '../../platform/i18n/index.ts';
import { fieldErrorsFromIssues, parseInput } from '../../platform/validation.ts';
import { moveActivitiesFromEvents, type ActivityMove } from '../journey/index.ts';
import { listVendorListingLaunchers } from '../marketplace/index.ts';
import { getOwnVendor } from '../vendors/index.ts';
import { recordOutboundEvent } from '../webhooks/index.ts';
import { eventsPolicy } from './events.policy.ts';
import { customTypeName, isRegisteredType, publishedEventTypes, registryEntry, type PublishedEventType } from './events.registry.ts';
import {
  deleteOldRejections,
  insertCustomType,
  insertEvents,
  insertRejections,
  insertSubjects,
  selectCustomTypes,
  selectEventHashes,
  selectEventLog,
  selectOwnedListingsAndSubjects,
  selectSyncedUntil,
  selectVendorListings,
  type CustomTypeRow,
  type LogRow,
  type NewEventRow,
  type NewRejectionRow,
  type SubjectRow,
} from './events.repository.ts';
import {
  cloudEventSchema,
  customTypeInputSchema,
  MAX_CUSTOM_DATA_BYTES,
  MAX_KEPT_ITEM_BYTES,
  sourcePattern,
  xapiStatementSchema,
  type XapiStatement,
} from './events.schemas.ts';

export type RejectCode = 'validation' | 'cpr' | 'not-your-listing' | 'not-launched' | 'conflict';
type StoredFieldError = { field: string; message: MessageKey; params?: Record<string, string | number> };

/** What became of one item sent. */
export type ItemOutcome =
  { id: string | null; status: 'accepted' | 'duplicate' } | { id: string | null; status: 'rejected'; code: RejectCode; errors: StoredFieldError[] };

/** An item ready to store, whichever door it came through. */
type Candidate = {
  eventId: string;
  listingId: string;
  subject: string;
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  hash: Buffer;
  via: 'cloudevents' | 'xapi';
};

type Rejection = { eventId: string | null; listingId: string | null; type: string | null; code: RejectCode; errors: StoredFieldError[] };

/** The vendor an API client or portal user acts for. Throws FORBIDDEN (not a vendor), CONFLICT (company not registered). */
async function ownVendor(db: Db, actor: Principal, vendors?: VendorLookup): Promise<{ id: string; cvr: string }> {
  const vendor = vendors ? await vendors.ofActor(db, actor) : await getOwnVendor(db, actor);
  if (!vendor) throw new AppError('CONFLICT', 'Register the company before sending or reading events.');
  return { id: vendor.id, cvr: vendor.cvr };
}

/** The vendor behind an API client, kept between requests (each batch would otherwise ask the database by CVR). */
export type VendorLookup = {
  ofActor(db: Db, actor: Principal): Promise<{ id: string; cvr: string } | undefined>;
  stop(): void;
};

/**
 * A company's id by its CVR number, kept in the platform's LoadingCache for a minute at most, forgotten when the
 * change bus says listings or vendors changed (listingsChanged: the database's triggers on the vendor table among
 * others) and off while the bus is not listening. A company not (yet) registered is not kept.
 */
export function createVendorLookup(changes: ChangeBus): VendorLookup {
  const cache = new LoadingCache({ ttlMs: 60_000, maxEntries: 10_000 });
  const stops = [changes.followListening((listening) => cache.setEnabled(listening)), changes.subscribe('listingsChanged', () => cache.clear())];
  return {
    async ofActor(db, actor) {
      const cvr = actor.vendor?.cvr;
      if (!cvr) return getOwnVendor(db, actor);
      const key = `cvr:${cvr}`;
      const kept = cache.peek<{ id: string; cvr: string }>(key);
      if (kept) return kept;
      const found = await cache.remember(key, async () => {
        const vendor = await getOwnVendor(db, actor);
        return vendor ? { id: vendor.id, cvr: vendor.cvr } : undefined;
      });
      if (!found) cache.forget(key);
      return found;
    },
    stop() {
      stops.forEach((stop) => stop());
      cache.setEnabled(false);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Checks shared by both doors

/** JSON with its object keys sorted, so the same event sent with its keys in another order hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const bodyHash = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest();

// Ten digits, optionally with a dash after the sixth (DDMMYY-SSSS), not part of a longer run of digits.
const cprLike = /(?:^|\D)\d{6}-?\d{4}(?:\D|$)/;

/** The first place in `value` (under `path`) holding something that looks like a CPR number, as a field name. */
export function findCprLike(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return cprLike.test(value) ? path : undefined;
  if (typeof value === 'number') return cprLike.test(String(value)) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findCprLike(v, `${path}.${i}`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const keyPath = `${path}.${k}`;
      if (cprLike.test(k)) return keyPath;
      const found = findCprLike(v, keyPath);
      if (found) return found;
    }
  }
  return undefined;
}

const prefixed = (prefix: string, errors: readonly FieldError[]): StoredFieldError[] =>
  errors.map((e) => ({ field: e.field === '(root)' ? prefix : `${prefix}.${e.field}`, message: e.message, ...(e.params ? { params: e.params } : {}) }));

/** A custom type's data checker: its JSON Schema (Ajv, draft 2020-12) where it has one, else any object ≤ 16 KB. */
type CustomTypes = Map<string, { validate?: (data: unknown) => boolean }>;

function newAjv(): Ajv2020 {
  // strict: a schema with unknown keywords is refused when registered, not silently half-applied.
  return new Ajv2020({ strict: true, allErrors: false, validateFormats: false });
}

function compileCustomTypes(rows: readonly CustomTypeRow[]): CustomTypes {
  // An Ajv instance costs more to make than a batch of events costs to check: made only for a schema to compile.
  let ajv: Ajv2020 | undefined;
  return new Map(
    rows.map((row) => {
      if (!row.data_schema) return [row.type, {}];
      ajv ??= newAjv();
      const check = ajv.compile(row.data_schema);
      return [row.type, { validate: (data: unknown) => check(data) }];
    }),
  );
}

/** The data's field errors for its type (registered or the vendor's own); an unknown type is an error on `type`. */
function checkData(type: string, data: Record<string, unknown>, custom: CustomTypes): { data: Record<string, unknown> } | { errors: StoredFieldError[] } {
  if (isRegisteredType(type)) {
    const parsed = registryEntry(type).schema.safeParse(data);
    if (!parsed.success) return { errors: prefixed('data', fieldErrorsFromIssues(parsed.error.issues)) };
    return { data: parsed.data };
  }
  const own = custom.get(type);
  if (!own) return { errors: [{ field: 'type', message: 'events.error.unknownType' }] };
  if (Buffer.byteLength(JSON.stringify(data)) > MAX_CUSTOM_DATA_BYTES) return { errors: [{ field: 'data', message: 'events.error.dataTooLarge' }] };
  if (own.validate && !own.validate(data)) return { errors: [{ field: 'data', message: 'events.error.dataSchema' }] };
  return { data };
}

// ---------------------------------------------------------------------------------------------------------------
// The CloudEvents door

function readCloudEvent(raw: unknown, custom: CustomTypes): Candidate | Rejection {
  const object = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  const eventId = typeof object?.id === 'string' ? object.id.slice(0, 200) : null;
  const type = typeof object?.type === 'string' ? object.type.slice(0, 200) : null;
  const listingId = typeof object?.source === 'string' ? (sourcePattern.exec(object.source)?.[1] ?? null) : null;
  const rejected = (code: RejectCode, errors: StoredFieldError[]): Rejection => ({ eventId, listingId, type, code, errors });
  if (!object) return rejected('validation', [{ field: '(root)', message: 'events.error.notAnObject' }]);
  // A CPR number is refused before anything else is looked at, and wherever it hides.
  const cpr = findCprLike(object.subject, 'subject') ?? findCprLike(object.data, 'data');
  if (cpr) return rejected('cpr', [{ field: cpr, message: 'events.error.cpr' }]);
  const parsed = cloudEventSchema.safeParse(object);
  if (!parsed.success) return rejected('validation', prefixed('', fieldErrorsFromIssues(parsed.error.issues)).map(unprefixRoot));
  const event = parsed.data;
  const checked = checkData(event.type, event.data ?? {}, custom);
  if ('errors' in checked) return rejected('validation', checked.errors);
  return {
    eventId: event.id,
    listingId: listingId ?? '',
    subject: event.subject,
    type: event.type,
    occurredAt: new Date(event.time),
    data: checked.data,
    hash: bodyHash(object),
    via: 'cloudevents',
  };
}

const unprefixRoot = (e: StoredFieldError): StoredFieldError => ({ ...e, field: e.field.replace(/^\./, '') || '(root)' });

// ---------------------------------------------------------------------------------------------------------------
// The xAPI door (1.0.3): a statement is mapped onto the registry's types and lands as the same stored event

const ADL = 'http://adlnet.gov/expapi/verbs/';
const verbMoves: Record<string, 'started' | 'progress' | 'completed' | 'dropped'> = {
  [`${ADL}launched`]: 'started',
  [`${ADL}initialized`]: 'started',
  [`${ADL}progressed`]: 'progress',
  [`${ADL}completed`]: 'completed',
  [`${ADL}passed`]: 'completed',
  [`${ADL}failed`]: 'dropped',
  [`${ADL}terminated`]: 'dropped',
  [`${ADL}abandoned`]: 'dropped',
  'https://w3id.org/xapi/adl/verbs/abandoned': 'dropped',
};
/** Where cmi5 (and most LMSs that follow it) put the progress percent. */
const PROGRESS_EXTENSION = 'https://w3id.org/xapi/cmi5/result/extensions/progress';

/** A UUID made from a statement's hash, for a statement sent without an id: the same statement gets the same id. */
function uuidFromHash(hash: Buffer): string {
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x80; // version 8: custom
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const percentOf = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : undefined);

function readStatement(raw: unknown, baseUrl: string, now: Date): Candidate | Rejection {
  const object = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  const hash = bodyHash(raw);
  const givenId = typeof object?.id === 'string' ? object.id.slice(0, 200) : null;
  const rejected = (code: RejectCode, errors: StoredFieldError[], listingId: string | null = null, type: string | null = null): Rejection => ({
    eventId: givenId ?? uuidFromHash(hash),
    listingId,
    type,
    code,
    errors,
  });
  if (!object) return rejected('validation', [{ field: '(root)', message: 'events.error.notAnObject' }]);
  const cpr = findCprLike(object.actor, 'actor') ?? findCprLike(object.result, 'result') ?? findCprLike(object.context, 'context');
  if (cpr) return rejected('cpr', [{ field: cpr, message: 'events.error.cpr' }]);
  const parsed = xapiStatementSchema.safeParse(object);
  if (!parsed.success) return rejected('validation', prefixed('', fieldErrorsFromIssues(parsed.error.issues)).map(unprefixRoot));
  const statement: XapiStatement = parsed.data;
  const listingMatch = statement.object.id.startsWith(`${baseUrl}/listings/`) ? sourcePattern.exec(statement.object.id.slice(baseUrl.length)) : null;
  const listingId = listingMatch?.[1] ?? null;
  const errors: StoredFieldError[] = [];
  if (statement.actor.account.homePage.replace(/\/$/, '') !== baseUrl) errors.push({ field: 'actor.account.homePage', message: 'events.error.homePage' });
  if (!listingId) errors.push({ field: 'object.id', message: 'events.error.activityId' });
  const move = verbMoves[statement.verb.id];
  if (!move) errors.push({ field: 'verb.id', message: 'events.error.verb' });
  const percent = percentOf(statement.result?.extensions?.[PROGRESS_EXTENSION]) ?? percentOf((statement.result?.score?.scaled ?? NaN) * 100);
  if (move === 'progress' && percent === undefined) errors.push({ field: 'result.extensions', message: 'events.error.percent' });
  if (errors.length > 0 || !move || !listingId) return rejected('validation', errors, listingId);
  const scaled = statement.result?.score?.scaled;
  const data: Record<string, unknown> =
    move === 'progress'
      ? { percent }
      : move === 'completed' && scaled !== undefined && scaled >= 0
        ? { score: Math.round(scaled * 10000) / 100 }
        : move === 'dropped'
          ? { reason: statement.verb.id.split('/').at(-1) }
          : {};
  const type = `dk.jobunivers.activity.${move}`;
  const checked = checkData(type, data, new Map());
  if ('errors' in checked) return rejected('validation', checked.errors, listingId, type);
  return {
    eventId: givenId ?? uuidFromHash(hash),
    listingId,
    subject: statement.actor.account.name,
    type,
    occurredAt: statement.timestamp ? new Date(statement.timestamp) : now,
    data: checked.data,
    hash,
    via: 'xapi',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Storing

const isRejection = (item: Candidate | Rejection): item is Rejection => 'code' in item;

/** Five minutes: longer than any launch transaction runs, so a launch committed after a sync began is found next time. */
const SYNC_OVERLAP_MS = 5 * 60 * 1000;

/**
 * The citizens behind the candidates' (listing, subject) pairs. A pair not yet known maps the listing's launches since
 * its last sync (each launcher's pairwise sub computed once, then kept) and is looked up again.
 */
async function resolveSubjects(
  trx: Trx,
  config: Pick<Config, 'cookieSecret'>,
  vendorId: string,
  candidates: readonly Candidate[],
  known: readonly SubjectRow[],
): Promise<Map<string, { citizenId: string; municipalityCode: string }>> {
  const key = (listingId: string, subject: string) => `${listingId} ${subject}`;
  const pairs = [...new Map(candidates.map((c) => [key(c.listingId, c.subject), { listingId: c.listingId, subject: c.subject }])).values()];
  const found = new Map<string, { citizenId: string; municipalityCode: string }>();
  const remember = (rows: { listing_id: string; subject: string; citizen_id: string; municipality_code: string }[]) => {
    for (const r of rows) found.set(key(r.listing_id, r.subject), { citizenId: r.citizen_id, municipalityCode: r.municipality_code });
  };
  remember([...known]);
  const missingListings = new Set(pairs.filter((p) => !found.has(key(p.listingId, p.subject))).map((p) => p.listingId));
  for (const listingId of missingListings) {
    const syncedUntil = await selectSyncedUntil(trx, listingId);
    const since = syncedUntil ? new Date(syncedUntil.getTime() - SYNC_OVERLAP_MS) : new Date(0);
    const launchers = await listVendorListingLaunchers(trx, listingId, since);
    const rows = launchers.map((l) => ({
      subject: pairwiseSubject(config, vendorId, l.citizen_id),
      citizen_id: l.citizen_id,
      municipality_code: l.municipality_code,
    }));
    await insertSubjects(trx, vendorId, listingId, rows);
    remember(rows.map((r) => ({ ...r, listing_id: listingId })));
  }
  return found;
}

type IngestInput = { raw: unknown; via: 'cloudevents' | 'xapi'; read: () => Candidate | Rejection };

/** Thrown inside the transaction to roll an all-or-nothing request (xAPI) back when an item was refused. */
class RolledBack extends Error {
  readonly outcomes: ItemOutcome[];
  constructor(outcomes: ItemOutcome[]) {
    super('rolled back');
    this.outcomes = outcomes;
  }
}

export type IngestDeps = { db: Db; config: Pick<Config, 'cookieSecret' | 'baseUrl'>; changes: ChangeBus; vendors?: VendorLookup };

/**
 * Stores what can be stored of `inputs`, in order, in one transaction as the vendor, and keeps the refused items for
 * the vendor's log. With `atomic`, one refused item refuses them all (nothing but the refusals is kept).
 * Returns each item's outcome in the order sent, after the commit.
 */
async function ingest(deps: IngestDeps, vendor: { id: string; cvr: string }, inputs: readonly IngestInput[], atomic: boolean): Promise<ItemOutcome[]> {
  const { db, config, changes } = deps;
  const rejections: NewRejectionRow[] = [];
  let changedCitizens: string[] = [];
  const keep = (input: IngestInput, r: Rejection, via: 'cloudevents' | 'xapi', ownedListing: boolean) =>
    rejections.push({
      vendor_id: vendor.id,
      event_id: r.eventId,
      listing_id: ownedListing ? r.listingId : null,
      type: r.type,
      code: r.code,
      errors: r.errors,
      item: truncate(canonicalJson(input.raw), MAX_KEPT_ITEM_BYTES),
      received_via: via,
    });
  let outcomes: ItemOutcome[];
  // Read and checked before the transaction: the CPU work of a batch holds no connection.
  const read = inputs.map((input) => input.read());
  try {
    outcomes = await withTenant(db, { vendor: vendor.id }, async (trx) => {
      const listingIds = [...new Set(read.map((r) => r.listingId).filter((id): id is string => typeof id === 'string' && id.length > 0))];
      // Which listings are the vendor's, and who the known subjects are, in one round trip: a subject row exists only
      // for the vendor's own listings, so asking for every item's pair before the ownership is known finds no more.
      const pairs = [
        ...new Map(
          read
            .filter((item): item is Candidate => !isRejection(item) && item.listingId.length > 0)
            .map((c) => [`${c.listingId} ${c.subject}`, { listingId: c.listingId, subject: c.subject }]),
        ).values(),
      ];
      const { owned, subjects: known } = await selectOwnedListingsAndSubjects(trx, vendor.id, listingIds, pairs);
      const results: (ItemOutcome | undefined)[] = read.map(() => undefined);
      const candidates: { index: number; candidate: Candidate }[] = [];
      read.forEach((item, index) => {
        if (isRejection(item)) {
          const input = inputs[index] as IngestInput;
          keep(input, item, input.via, item.listingId !== null && owned.has(item.listingId));
          results[index] = { id: item.eventId, status: 'rejected', code: item.code, errors: item.errors };
        } else if (!owned.has(item.listingId)) {
          const r: Rejection = {
            eventId: item.eventId,
            listingId: item.listingId,
            type: item.type,
            code: 'not-your-listing',
            errors: [{ field: fieldOf(item, 'source'), message: 'events.error.notYourListing' }],
          };
          keep(inputs[index] as IngestInput, r, item.via, false);
          results[index] = { id: item.eventId, status: 'rejected', code: r.code, errors: r.errors };
        } else candidates.push({ index, candidate: item });
      });
      const subjects = await resolveSubjects(
        trx,
        config,
        vendor.id,
        candidates.map((c) => c.candidate),
        known,
      );
      // Within the request, a repeated id is the first one's duplicate (same body) or a conflict (another body).
      const firstById = new Map<string, Candidate>();
      const toInsert: { index: number; candidate: Candidate; row: NewEventRow }[] = [];
      const repeats: { index: number; candidate: Candidate }[] = [];
      for (const { index, candidate } of candidates) {
        const who = subjects.get(`${candidate.listingId} ${candidate.subject}`);
        if (!who) {
          const r: Rejection = {
            eventId: candidate.eventId,
            listingId: candidate.listingId,
            type: candidate.type,
            code: 'not-launched',
            errors: [{ field: fieldOf(candidate, 'subject'), message: 'events.error.notLaunched' }],
          };
          keep(inputs[index] as IngestInput, r, candidate.via, true);
          results[index] = { id: candidate.eventId, status: 'rejected', code: r.code, errors: r.errors };
          continue;
        }
        if (firstById.has(candidate.eventId)) {
          repeats.push({ index, candidate });
          continue;
        }
        firstById.set(candidate.eventId, candidate);
        toInsert.push({
          index,
          candidate,
          row: {
            vendor_id: vendor.id,
            listing_id: candidate.listingId,
            citizen_id: who.citizenId,
            municipality_code: who.municipalityCode,
            event_id: candidate.eventId,
            type: candidate.type,
            occurred_at: candidate.occurredAt,
            data: candidate.data,
            body_hash: candidate.hash,
            received_via: candidate.via,
          },
        });
      }
      const inserted = await insertEvents(
        trx,
        toInsert.map((t) => t.row),
      );
      const stored = await selectEventHashes(
        trx,
        vendor.id,
        toInsert.filter((t) => !inserted.has(t.candidate.eventId)).map((t) => t.candidate.eventId),
      );
      const moves: ActivityMove[] = [];
      const conflict = (index: number, candidate: Candidate) => {
        const r: Rejection = {
          eventId: candidate.eventId,
          listingId: candidate.listingId,
          type: candidate.type,
          code: 'conflict',
          errors: [{ field: 'id', message: 'events.error.conflict' }],
        };
        keep(inputs[index] as IngestInput, r, candidate.via, true);
        results[index] = { id: candidate.eventId, status: 'rejected', code: 'conflict', errors: r.errors };
      };
      for (const { index, candidate, row } of toInsert) {
        if (inserted.has(candidate.eventId)) {
          results[index] = { id: candidate.eventId, status: 'accepted' };
          // The citizen's municipality's systems are told in this transaction, so the news is durable with the event.
          if (candidate.type === 'dk.jobunivers.activity.completed')
            await recordOutboundEvent(trx, {
              audience: { municipalityCode: row.municipality_code },
              type: 'activity.completed',
              data: { listingId: candidate.listingId, occurredAt: candidate.occurredAt.toISOString() },
              citizenId: row.citizen_id,
            });
          const move = isRegisteredType(candidate.type) ? registryEntry(candidate.type).planMove : undefined;
          if (move) {
            const percent = move === 'progress' ? (candidate.data.percent as number) : undefined;
            moves.push({ citizenId: row.citizen_id, listingId: candidate.listingId, move, ...(percent === undefined ? {} : { percent }) });
          }
        } else if (stored.get(candidate.eventId)?.equals(candidate.hash)) results[index] = { id: candidate.eventId, status: 'duplicate' };
        else conflict(index, candidate);
      }
      for (const { index, candidate } of repeats) {
        if (firstById.get(candidate.eventId)?.hash.equals(candidate.hash)) {
          const first = results[toInsert.find((t) => t.candidate.eventId === candidate.eventId)?.index ?? -1];
          if (first && first.status === 'rejected') conflict(index, candidate);
          else results[index] = { id: candidate.eventId, status: 'duplicate' };
        } else conflict(index, candidate);
      }
      const final = results.map((r) => r ?? { id: null, status: 'rejected' as const, code: 'validation' as const, errors: [] });
      if (atomic && final.some((r) => r.status === 'rejected')) throw new RolledBack(final);
      // Every citizen with an accepted event has a changed timeline, and only they can have a changed plan (a move
      // comes from an accepted event): one notification for the batch, heard by the other processes' caches at
      // commit, instead of one statement and one notification per citizen.
      const accepted = new Set(toInsert.filter((t) => inserted.has(t.candidate.eventId)).map((t) => t.row.citizen_id));
      await announceChanges(
        trx,
        changes,
        'citizenChanged',
        [...accepted].map((citizenId) => ({ citizenId })),
      );
      await moveActivitiesFromEvents(trx, changes, moves, accepted);
      changedCitizens = [...accepted];
      await insertRejections(trx, rejections);
      return final;
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    // Nothing of the request was stored; what was refused is still shown in the vendor's log.
    await withTenant(db, { vendor: vendor.id }, (trx) => insertRejections(trx, rejections));
    return error.outcomes.map((o) => (o.status === 'accepted' ? { ...o, status: 'rejected', code: 'validation', errors: [] } : o));
  }
  await Promise.all(changedCitizens.map((citizenId) => changes.publish('citizenChanged', { citizenId })));
  return outcomes;
}

/** The field an error about the listing or the citizen names, in the terms of the door the item came through. */
function fieldOf(candidate: { via: 'cloudevents' | 'xapi' } | Candidate, field: 'source' | 'subject'): string {
  if (candidate.via === 'cloudevents') return field;
  return field === 'source' ? 'object.id' : 'actor.account.name';
}

function truncate(text: string, bytes: number): string {
  const buffer = Buffer.from(text);
  if (buffer.length <= bytes) return text;
  // Cut on a character boundary: a UTF-8 continuation byte is 10xxxxxx.
  let end = bytes;
  while (end > 0 && ((buffer[end] ?? 0) & 0xc0) === 0x80) end--;
  return buffer.subarray(0, end).toString('utf8');
}

// ---------------------------------------------------------------------------------------------------------------
// Use cases

/** An outcome's errors in the reader's language, as the API answers them. */
export function presentOutcome(outcome: ItemOutcome, locale: Locale) {
  if (outcome.status !== 'rejected') return { id: outcome.id, status: outcome.status };
  return {
    id: outcome.id,
    status: outcome.status,
    code: outcome.code,
    errors: outcome.errors.map((e) => ({ field: e.field, message: translate(locale, e.message, e.params) })),
  };
}

/**
 * Stores one CloudEvent. Returns its id and whether it was new or a repeat; throws VALIDATION (shape, data, CPR),
 * UNPROCESSABLE (not the vendor's listing, or a citizen who did not launch it), CONFLICT (the id was used with another
 * body), FORBIDDEN, CONFLICT (company not registered).
 */
export async function receiveEvent(deps: IngestDeps, actor: Principal, raw: unknown): Promise<{ id: string; status: 'accepted' | 'duplicate' }> {
  eventsPolicy.authorize(actor, 'event.send');
  const vendor = await ownVendor(deps.db, actor, deps.vendors);
  const [outcome] = await ingestCloudEvents(deps, vendor, [raw]);
  if (!outcome) throw new AppError('INTERNAL');
  if (outcome.status !== 'rejected') return { id: outcome.id ?? '', status: outcome.status };
  const fields = outcome.errors.map((e) => ({ field: e.field, message: e.message, ...(e.params ? { params: e.params } : {}) }));
  if (outcome.code === 'conflict') throw new AppError('CONFLICT', `The id ${outcome.id ?? ''} was used before for another event.`, fields);
  if (outcome.code === 'not-your-listing' || outcome.code === 'not-launched')
    throw new AppError('UNPROCESSABLE', 'The event names a listing or a citizen it cannot be about.', fields);
  throw new AppError('VALIDATION', 'The event is not valid.', fields);
}

/** Stores a batch of CloudEvents; each item's outcome in the order sent (refused ones do not stop the others). */
export async function receiveEventBatch(deps: IngestDeps, actor: Principal, items: readonly unknown[]): Promise<ItemOutcome[]> {
  eventsPolicy.authorize(actor, 'event.send');
  const vendor = await ownVendor(deps.db, actor, deps.vendors);
  return ingestCloudEvents(deps, vendor, items);
}

async function ingestCloudEvents(deps: IngestDeps, vendor: { id: string; cvr: string }, items: readonly unknown[]): Promise<ItemOutcome[]> {
  // The vendor's own types are read once, outside the ingest's transaction: a type registered meanwhile counts next time.
  // Only when an item names a type the registry does not have: most batches are of the registry's types alone.
  const ownTypeNamed = items.some((raw) => {
    const type = raw !== null && typeof raw === 'object' ? (raw as { type?: unknown }).type : undefined;
    return typeof type === 'string' && !isRegisteredType(type.slice(0, 200));
  });
  const types = ownTypeNamed
    ? compileCustomTypes(await withTenant(deps.db, { vendor: vendor.id }, (trx) => selectCustomTypes(trx, vendor.id)))
    : compileCustomTypes([]);
  return ingest(
    deps,
    vendor,
    items.map((raw) => ({ raw, via: 'cloudevents' as const, read: () => readCloudEvent(raw, types) })),
    false,
  );
}

/**
 * Stores xAPI statements (one, or an array) as events; xAPI's rule holds: one refused statement refuses the request
 * and none is stored. Returns the statements' ids in order. Throws VALIDATION (the first refusal's fields, or a
 * missing X-Experience-API-Version), UNPROCESSABLE, CONFLICT as receiveEvent.
 */
export async function receiveStatements(deps: IngestDeps, actor: Principal, body: unknown, version: string | undefined): Promise<string[]> {
  eventsPolicy.authorize(actor, 'event.send');
  if (!version || !/^1\.0(\.\d+)?$/.test(version))
    throw new AppError('VALIDATION', 'Send the header X-Experience-API-Version: 1.0.3.', [
      { field: 'X-Experience-API-Version', message: 'events.error.xapiVersion' },
    ]);
  const vendor = await ownVendor(deps.db, actor, deps.vendors);
  const statements: unknown[] = Array.isArray(body) ? (body as unknown[]) : [body];
  const now = new Date();
  const outcomes = await ingest(
    deps,
    vendor,
    statements.map((raw) => ({ raw, via: 'xapi' as const, read: () => readStatement(raw, deps.config.baseUrl, now) })),
    true,
  );
  const refused = outcomes.find((o): o is Extract<ItemOutcome, { status: 'rejected' }> => o.status === 'rejected' && o.errors.length > 0);
  if (refused) {
    const fields = refused.errors.map((e) => ({ field: e.field, message: e.message, ...(e.params ? { params: e.params } : {}) }));
    if (refused.code === 'conflict') throw new AppError('CONFLICT', `The statement ${refused.id ?? ''} was stored before with other content.`, fields);
    if (refused.code === 'not-your-listing' || refused.code === 'not-launched')
      throw new AppError('UNPROCESSABLE', 'A statement names an activity or an actor it cannot be about.', fields);
    throw new AppError('VALIDATION', 'A statement is not valid; none was stored.', fields);
  }
  return outcomes.map((o) => o.id ?? '');
}

/** The registry's v1 types as JSON Schema. */
export function listEventTypes(): PublishedEventType[] {
  return publishedEventTypes();
}

/** One v1 type as JSON Schema. Throws NOT_FOUND for a type the registry does not have. */
export function getEventType(type: string): PublishedEventType {
  const found = publishedEventTypes().find((t) => t.type === type);
  if (!found) throw new AppError('NOT_FOUND', `No event type ${type} in the registry.`);
  return found;
}

/** The company's own event types. Throws FORBIDDEN, CONFLICT (company not registered). */
export async function listCustomTypes(db: Db, actor: Principal): Promise<CustomTypeRow[]> {
  if (!eventsPolicy.can(actor, 'event-log.read')) eventsPolicy.authorize(actor, 'event-type.create');
  const vendor = await ownVendor(db, actor);
  return withTenant(db, { vendor: vendor.id }, (trx) => selectCustomTypes(trx, vendor.id));
}

const schemaText = z
  .string()
  .trim()
  .max(MAX_CUSTOM_DATA_BYTES, { message: 'validation.tooLong' })
  .optional()
  .transform((text, ctx) => {
    if (!text) return undefined;
    try {
      const value = JSON.parse(text) as unknown;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // refused below
    }
    ctx.addIssue({ code: 'custom', message: 'events.error.schemaJson' });
    return z.NEVER;
  });

/** The portal form's fields: the schema typed as JSON text. */
export const customTypeFormSchema = z.object({
  name: customTypeInputSchema.shape.name,
  description: customTypeInputSchema.shape.description,
  dataSchema: schemaText,
});

/**
 * Registers one of the company's own event types, dk.cvr.<CVR>.<name>, with an optional JSON Schema (draft 2020-12)
 * its events' data must satisfy. Returns the stored type. Throws VALIDATION (name, schema — one Ajv cannot compile),
 * CONFLICT (the name is taken), FORBIDDEN.
 */
export async function registerCustomType(db: Db, actor: Principal, input: unknown, form = false): Promise<CustomTypeRow> {
  eventsPolicy.authorize(actor, 'event-type.create');
  const vendor = await ownVendor(db, actor);
  const given = form ? parseInput(customTypeFormSchema, input) : parseInput(customTypeInputSchema, input);
  const dataSchema = given.dataSchema ?? null;
  if (dataSchema) {
    if (Buffer.byteLength(JSON.stringify(dataSchema)) > MAX_CUSTOM_DATA_BYTES)
      throw new AppError('VALIDATION', 'The schema is too large.', [{ field: 'dataSchema', message: 'events.error.schemaTooLarge' }]);
    try {
      newAjv().compile(dataSchema);
    } catch {
      throw new AppError('VALIDATION', 'The schema is not a JSON Schema Ajv can use.', [{ field: 'dataSchema', message: 'events.error.schemaInvalid' }]);
    }
  }
  const type = customTypeName(vendor.cvr, given.name);
  const row = { vendor_id: vendor.id, type, description: given.description ?? '', data_schema: dataSchema, created_by: actor.subject };
  const created = await withTenant(db, { vendor: vendor.id }, (trx) => insertCustomType(trx, row));
  if (!created) throw new AppError('CONFLICT', `The type ${type} exists already.`, [{ field: 'name', message: 'events.error.typeTaken' }]);
  return { type, description: row.description, data_schema: dataSchema, created_at: new Date() };
}

/** One line of the vendor's event log. */
export type LogEntry = Omit<LogRow, 'key' | 'at'> & { listingName: string | null };

export type EventLog = {
  entries: LogEntry[];
  listings: { id: string; name: string }[];
  next: string | null;
  filter: { listingId?: string | undefined; outcome?: 'accepted' | 'rejected' | undefined };
};

export const EVENT_LOG_PAGE = 25;

/**
 * The company's event log, newest first, 25 to a page: stored events and refused items with their errors, of one
 * listing and one outcome if asked. Throws FORBIDDEN, CONFLICT (company not registered), VALIDATION (a bad cursor).
 */
export async function getEventLog(
  db: Db,
  actor: Principal,
  filter: { listingId?: string | undefined; outcome?: 'accepted' | 'rejected' | undefined; cursor?: string | undefined },
): Promise<EventLog> {
  eventsPolicy.authorize(actor, 'event-log.read');
  const vendor = await ownVendor(db, actor);
  const before = filter.cursor ? decodeCursor(filter.cursor, 2) : undefined;
  return withTenant(db, { vendor: vendor.id }, async (trx) => {
    const [rows, listings] = await Promise.all([
      selectEventLog(trx, vendor.id, {
        listingId: filter.listingId,
        outcome: filter.outcome,
        before: before ? { at: String(before[0]), key: String(before[1]) } : undefined,
        limit: EVENT_LOG_PAGE,
      }),
      selectVendorListings(trx, vendor.id),
    ]);
    const names = new Map(listings.map((l) => [l.listing_id, l.name]));
    const page = rows.slice(0, EVENT_LOG_PAGE);
    const last = page.at(-1);
    return {
      entries: page.map(({ key: _key, at: _at, ...row }) => ({ ...row, listingName: row.listing_id ? (names.get(row.listing_id) ?? null) : null })),
      listings: listings.map((l) => ({ id: l.listing_id, name: l.name })),
      next: rows.length > EVENT_LOG_PAGE && last ? encodeCursor([last.at, last.key]) : null,
      filter: { listingId: filter.listingId, outcome: filter.outcome },
    };
  });
}

/** Removes refused items older than 30 days (the nightly job). */
export async function pruneRejections(db: Db): Promise<number> {
  return deleteOldRejections(db, 30);
}
