// The events module's SQL. No rules here; the caller runs it in the vendor's transaction (withTenant with `vendor`),
// and row-level security (0061, 0062) keeps every row to that vendor again.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';

export type SubjectRow = { listing_id: string; subject: string; citizen_id: string; municipality_code: string };

/**
 * Of the given listings, those the vendor owns; and the citizens behind (listing, subject) pairs, where known. One
 * statement: the ingest asks both for every batch.
 */
export async function selectOwnedListingsAndSubjects(
  trx: Trx,
  vendorId: string,
  listingIds: readonly string[],
  pairs: readonly { listingId: string; subject: string }[],
): Promise<{ owned: Set<string>; subjects: SubjectRow[] }> {
  if (listingIds.length === 0) return { owned: new Set(), subjects: [] };
  const { rows } = await sql<{
    kind: 'owned' | 'subject';
    listing_id: string;
    subject: string | null;
    citizen_id: string | null;
    municipality_code: string | null;
  }>`
    select 'owned' as kind, o.listing_id, null::text as subject, null::uuid as citizen_id, null::text as municipality_code
      from listing_owner o
     where o.vendor_id = ${vendorId}::uuid and o.listing_id = any(${[...listingIds]}::uuid[])
    union all
    select 'subject', s.listing_id, s.subject, s.citizen_id, s.municipality_code::text
      from event_subject s
      join jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as p("listingId" uuid, subject text)
        on s.listing_id = p."listingId" and s.subject = p.subject`.execute(trx);
  const owned = new Set<string>();
  const subjects: SubjectRow[] = [];
  for (const r of rows) {
    if (r.kind === 'owned') owned.add(r.listing_id);
    else subjects.push({ listing_id: r.listing_id, subject: r.subject ?? '', citizen_id: r.citizen_id ?? '', municipality_code: r.municipality_code ?? '' });
  }
  return { owned, subjects };
}

/** Up to when the listing's launches were mapped (undefined: never). */
export async function selectSyncedUntil(trx: Trx, listingId: string): Promise<Date | undefined> {
  const row = await trx.selectFrom('event_subject_sync').select('synced_until').where('listing_id', '=', listingId).executeTakeFirst();
  return row?.synced_until;
}

/** Stores subjects (a subject already known stays as it was) and moves the listing's sync mark to the statement's time. */
export async function insertSubjects(trx: Trx, vendorId: string, listingId: string, rows: readonly Omit<SubjectRow, 'listing_id'>[]): Promise<void> {
  if (rows.length > 0) {
    await trx
      .insertInto('event_subject')
      .values(
        rows.map((r) => ({ listing_id: listingId, vendor_id: vendorId, subject: r.subject, citizen_id: r.citizen_id, municipality_code: r.municipality_code })),
      )
      .onConflict((oc) => oc.columns(['listing_id', 'subject']).doUpdateSet({ municipality_code: (eb) => eb.ref('excluded.municipality_code') }))
      .execute();
  }
  await trx
    .insertInto('event_subject_sync')
    .values({ listing_id: listingId, vendor_id: vendorId, synced_until: sql<Date>`now()` })
    .onConflict((oc) => oc.column('listing_id').doUpdateSet({ synced_until: sql<Date>`now()` }))
    .execute();
}

export type NewEventRow = {
  vendor_id: string;
  listing_id: string;
  citizen_id: string;
  municipality_code: string;
  event_id: string;
  type: string;
  occurred_at: Date;
  data: Record<string, unknown>;
  body_hash: Buffer;
  received_via: 'cloudevents' | 'xapi';
};

/** Inserts events; one whose (vendor, event id) is stored already is left alone. Returns the event ids inserted. */
export async function insertEvents(trx: Trx, rows: readonly NewEventRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  // One array a column (unnest), not a parameter a value: a batch of 100 events is 10 parameters instead of 1,000,
  // which is most of what building, sending and parsing the statement cost.
  const column = <K extends keyof NewEventRow>(key: K) => rows.map((r) => r[key]);
  const { rows: inserted } = await sql<{ event_id: string }>`
    insert into activity_event (vendor_id, listing_id, citizen_id, municipality_code, event_id, type, occurred_at, data, body_hash, received_via)
    select * from unnest(${column('vendor_id')}::uuid[], ${column('listing_id')}::uuid[], ${column('citizen_id')}::uuid[],
                         ${column('municipality_code')}::bpchar[], ${column('event_id')}::text[], ${column('type')}::text[],
                         ${column('occurred_at')}::timestamptz[], ${rows.map((r) => JSON.stringify(r.data))}::jsonb[],
                         ${column('body_hash')}::bytea[], ${column('received_via')}::text[])
    on conflict (vendor_id, event_id) do nothing
    returning event_id`.execute(trx);
  return new Set(inserted.map((r) => r.event_id));
}

/** The body hashes of the vendor's stored events with these ids. */
export async function selectEventHashes(trx: Trx, vendorId: string, eventIds: readonly string[]): Promise<Map<string, Buffer>> {
  if (eventIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('activity_event')
    .select(['event_id', 'body_hash'])
    .where('vendor_id', '=', vendorId)
    .where('event_id', 'in', [...eventIds])
    .execute();
  return new Map(rows.map((r) => [r.event_id, r.body_hash]));
}

export type NewRejectionRow = {
  vendor_id: string;
  event_id: string | null;
  listing_id: string | null;
  type: string | null;
  code: string;
  errors: { field: string; message: string; params?: Record<string, string | number> }[];
  item: string;
  received_via: 'cloudevents' | 'xapi';
};

/** Keeps refused items for the vendor's event log. */
export async function insertRejections(db: Db, rows: readonly NewRejectionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('event_rejection')
    .values(rows.map((r) => ({ ...r, errors: JSON.stringify(r.errors) })))
    .execute();
}

export type CustomTypeRow = { type: string; description: string; data_schema: Record<string, unknown> | null; created_at: Date };

/** The vendor's own event types, by name. */
export async function selectCustomTypes(trx: Trx, vendorId: string): Promise<CustomTypeRow[]> {
  return trx
    .selectFrom('event_custom_type')
    .select(['type', 'description', 'data_schema', 'created_at'])
    .where('vendor_id', '=', vendorId)
    .orderBy('type')
    .execute();
}

/** Registers a custom type; false when the name is taken. */
export async function insertCustomType(
  trx: Trx,
  row: { vendor_id: string; type: string; description: string; data_schema: Record<string, unknown> | null; created_by: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('event_custom_type')
    .values({ ...row, data_schema: row.data_schema === null ? null : JSON.stringify(row.data_schema) })
    .onConflict((oc) => oc.column('type').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export type LogRow = {
  outcome: 'accepted' | 'rejected';
  key: string;
  /** received_at as PostgreSQL prints it (microseconds), for the cursor. */
  at: string;
  received_at: Date;
  event_id: string | null;
  listing_id: string | null;
  type: string | null;
  occurred_at: Date | null;
  received_via: 'cloudevents' | 'xapi';
  code: string | null;
  errors: { field: string; message: string; params?: Record<string, string | number> }[] | null;
  item: string | null;
};

/**
 * The vendor's event log, newest first: stored events and refused items together, optionally of one listing and one
 * outcome, before a (received_at, key) cursor; `limit + 1` rows tell whether there is a next page.
 */
export async function selectEventLog(
  trx: Trx,
  vendorId: string,
  filter: { listingId?: string | undefined; outcome?: 'accepted' | 'rejected' | undefined; before?: { at: string; key: string } | undefined; limit: number },
): Promise<LogRow[]> {
  const before = filter.before;
  const accepted = sql`select 'accepted'::text as outcome, 'a:' || e.id::text as key, e.received_at::text as at, e.received_at, e.event_id, e.listing_id, e.type, e.occurred_at,
      e.received_via, null::text as code, null::jsonb as errors, null::text as item
    from activity_event e
    where e.vendor_id = ${vendorId}::uuid
      ${filter.listingId ? sql`and e.listing_id = ${filter.listingId}::uuid` : sql``}
      ${before ? sql`and (e.received_at, 'a:' || e.id::text) < (${before.at}::timestamptz, ${before.key})` : sql``}
    order by e.received_at desc, e.id desc limit ${filter.limit + 1}`;
  const rejected = sql`select 'rejected'::text as outcome, 'r:' || lpad(r.id::text, 19, '0') as key, r.received_at::text as at, r.received_at, r.event_id, r.listing_id, r.type,
      null::timestamptz as occurred_at, r.received_via, r.code, r.errors, r.item
    from event_rejection r
    where r.vendor_id = ${vendorId}::uuid
      ${filter.listingId ? sql`and r.listing_id = ${filter.listingId}::uuid` : sql``}
      ${before ? sql`and (r.received_at, 'r:' || lpad(r.id::text, 19, '0')) < (${before.at}::timestamptz, ${before.key})` : sql``}
    order by r.received_at desc, r.id desc limit ${filter.limit + 1}`;
  const parts = filter.outcome === 'accepted' ? [accepted] : filter.outcome === 'rejected' ? [rejected] : [accepted, rejected];
  const { rows } = await sql<LogRow>`select * from (${sql.join(
    parts.map((p) => sql`(${p})`),
    sql` union all `,
  )}) log order by received_at desc, key desc limit ${filter.limit + 1}`.execute(trx);
  return rows;
}

/** The vendor's listings with their Danish names, for the log's filter. */
export async function selectVendorListings(trx: Trx, vendorId: string): Promise<{ listing_id: string; name: string }[]> {
  return trx
    .selectFrom('listing_owner as o')
    .innerJoin('listing_name as n', 'n.listing_id', 'o.listing_id')
    .select(['o.listing_id', 'n.name_da as name'])
    .where('o.vendor_id', '=', vendorId)
    .orderBy('n.name_da')
    .execute();
}

/** Removes refused items older than `days` days (the event log keeps them 30). */
export async function deleteOldRejections(db: Db, days: number): Promise<number> {
  const result = await db
    .deleteFrom('event_rejection')
    .where('received_at', '<', sql<Date>`now() - make_interval(days => ${days})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
