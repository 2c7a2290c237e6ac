// The webhooks module's SQL: the outbox, endpoints and their secrets, deliveries and the dispatcher's cursor.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type { WebhookDeliveryStatus, WebhookDisabledReason } from '../../platform/db/schema.ts';

/** Whose rows a transaction sees: a vendor's, a municipality's, or every one (the module's worker and operator pages). */
export type WebhookScope = { vendorId: string } | { municipalityCode: string } | { worker: true };

/** The owner of an endpoint or the audience of an outbound event. */
export type WebhookOwner = { vendorId: string } | { municipalityCode: string };

/** Runs `work` in one transaction scoped for row-level security (app.vendor, app.municipality or app.webhook_worker). */
export async function withWebhookScope<T>(db: Db, scope: WebhookScope, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.vendor', ${'vendorId' in scope ? scope.vendorId : ''}, true),
      set_config('app.municipality', ${'municipalityCode' in scope ? scope.municipalityCode : ''}, true),
      set_config('app.webhook_worker', ${'worker' in scope ? 'on' : ''}, true)`.execute(trx);
    return work(trx);
  });
}

/** A position in the outbox: the writing transaction's id and the row's sequence number. */
export type OutboxPosition = { xid: string; seq: string };

/**
 * Writes an outbound event. Its id is made here: a writer acting for a citizen or an organisation may insert but not
 * read the outbox, and RETURNING would need the read.
 */
export async function insertOutboundEvent(
  trx: Trx,
  row: { vendorId: string | null; municipalityCode: string | null; type: string; citizenId: string | null; data: Record<string, unknown> },
): Promise<{ id: string }> {
  const id = randomUUID();
  await trx
    .insertInto('outbound_event')
    .values({
      id,
      vendor_id: row.vendorId,
      municipality_code: row.municipalityCode,
      type: row.type,
      citizen_id: row.citizenId,
      data: JSON.stringify(row.data),
    })
    .execute();
  return { id };
}

/** The vendor of a listing, through listings' published view. */
export async function selectListingVendor(trx: Trx, listingId: string): Promise<string | undefined> {
  const row = await trx.selectFrom('listing_owner').select('vendor_id').where('listing_id', '=', listingId).executeTakeFirst();
  return row?.vendor_id;
}

export type OutboundEventRow = {
  seq: string;
  xid: string;
  id: string;
  vendor_id: string | null;
  municipality_code: string | null;
  type: string;
  citizen_id: string | null;
  data: Record<string, unknown>;
  created_at: Date;
};

// Only rows of transactions older than every transaction still running: a row committed late can then never sort
// before a position a reader has already passed.
const belowHorizon = sql<boolean>`o.xid < pg_snapshot_xmin(pg_current_snapshot())`;

/** An audience's outbound events after `after` (or from the start), oldest first, at most `limit`. */
export async function selectFeed(trx: Trx, audience: WebhookOwner, after: OutboxPosition | undefined, limit: number): Promise<OutboundEventRow[]> {
  const owner = 'vendorId' in audience ? sql`o.vendor_id = ${audience.vendorId}::uuid` : sql`o.municipality_code = ${audience.municipalityCode}`;
  const position = after ? sql`and (o.xid, o.seq) > (${after.xid}::xid8, ${after.seq}::bigint)` : sql``;
  const { rows } = await sql<OutboundEventRow>`select o.seq::text as seq, o.xid::text as xid, o.id, o.vendor_id, o.municipality_code, o.type,
      o.citizen_id, o.data, o.created_at
    from outbound_event o where ${owner} ${position} and ${belowHorizon}
    order by o.xid, o.seq limit ${limit}`.execute(trx);
  return rows;
}

/** The dispatcher's cursor, locked for this transaction; undefined while another dispatcher holds it. */
export async function lockDispatchCursor(trx: Trx): Promise<OutboxPosition | undefined> {
  const { rows } = await sql<OutboxPosition>`select xid::text as xid, seq::text as seq from webhook_dispatch_cursor where id = 1
    for update skip locked`.execute(trx);
  return rows[0];
}

export async function updateDispatchCursor(trx: Trx, position: OutboxPosition): Promise<void> {
  await sql`update webhook_dispatch_cursor set xid = ${position.xid}::xid8, seq = ${position.seq}::bigint where id = 1`.execute(trx);
}

/** Outbound events of every audience after the position, oldest first. */
export async function selectOutboxAfter(trx: Trx, after: OutboxPosition, limit: number): Promise<OutboxPosition[]> {
  const { rows } = await sql<OutboxPosition>`select o.xid::text as xid, o.seq::text as seq from outbound_event o
    where (o.xid, o.seq) > (${after.xid}::xid8, ${after.seq}::bigint) and ${belowHorizon}
    order by o.xid, o.seq limit ${limit}`.execute(trx);
  return rows;
}

/** One pending delivery per active endpoint that subscribes to the event's type and existed when it happened; never twice. */
export async function insertDeliveriesFor(trx: Trx, seqs: string[]): Promise<number> {
  if (seqs.length === 0) return 0;
  const result = await sql`insert into webhook_delivery (endpoint_id, outbound_event_seq)
    select e.id, o.seq from outbound_event o
    join webhook_endpoint e on (e.vendor_id = o.vendor_id or e.municipality_code = o.municipality_code)
    where o.seq = any(${seqs}::bigint[]) and e.status = 'active' and o.type = any(e.event_types) and e.created_at <= o.created_at
    on conflict (endpoint_id, outbound_event_seq) do nothing`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

export type DueDeliveryRow = {
  id: string;
  message_id: string;
  endpoint_id: string;
  attempts: number;
  url: string;
  failing_since: Date | null;
  vendor_id: string | null;
  municipality_code: string | null;
  event_id: string | null;
  type: string | null;
  citizen_id: string | null;
  data: Record<string, unknown> | null;
  event_created_at: Date | null;
  created_at: Date;
};

/** One pending delivery whose time has come on an active endpoint, locked for this transaction (others skip it). */
export async function claimDueDelivery(trx: Trx, now: Date): Promise<DueDeliveryRow | undefined> {
  const { rows } = await sql<DueDeliveryRow>`select d.id, d.message_id, d.endpoint_id, d.attempts, d.created_at, e.url, e.failing_since,
      e.vendor_id, e.municipality_code, o.id as event_id, o.type, o.citizen_id, o.data, o.created_at as event_created_at
    from webhook_delivery d
    join webhook_endpoint e on e.id = d.endpoint_id
    left join outbound_event o on o.seq = d.outbound_event_seq
    where d.status = 'pending' and d.next_attempt_at <= ${now} and e.status = 'active'
    order by d.next_attempt_at limit 1
    for update of d skip locked`.execute(trx);
  return rows[0];
}

/** Holds a claimed delivery until `until`: no other sender takes it meanwhile, and after a crash it is due again then. */
export async function updateDeliveryLease(trx: Trx, id: string, until: Date): Promise<void> {
  await trx.updateTable('webhook_delivery').set({ next_attempt_at: until }).where('id', '=', id).execute();
}

/** The endpoint's secrets still live at `now`, newest first (sealed). */
export async function selectLiveSecrets(trx: Trx, endpointId: string, now: Date): Promise<Buffer[]> {
  const rows = await trx
    .selectFrom('webhook_secret')
    .select('sealed')
    .where('endpoint_id', '=', endpointId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => r.sealed);
}

export async function updateDeliveryAttempt(
  trx: Trx,
  id: string,
  fields: {
    status: WebhookDeliveryStatus;
    /** The attempts made before this one: the answer is recorded only if no other sender recorded one since the claim. */
    attemptsBefore: number;
    attempts: number;
    nextAttemptAt: Date;
    lastAttemptAt: Date;
    lastStatus: number | null;
    lastError: string | null;
  },
): Promise<void> {
  await trx
    .updateTable('webhook_delivery')
    .set({
      status: fields.status,
      attempts: fields.attempts,
      next_attempt_at: fields.nextAttemptAt,
      last_attempt_at: fields.lastAttemptAt,
      last_status: fields.lastStatus,
      last_error: fields.lastError,
      delivered_at: fields.status === 'delivered' ? fields.lastAttemptAt : null,
      dead_at: fields.status === 'dead' ? fields.lastAttemptAt : null,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('attempts', '=', fields.attemptsBefore)
    .execute();
}

/** Records an endpoint's health after an attempt: failing since when (null after a success). */
export async function updateEndpointFailingSince(trx: Trx, endpointId: string, failingSince: Date | null): Promise<void> {
  await trx.updateTable('webhook_endpoint').set({ failing_since: failingSince }).where('id', '=', endpointId).execute();
}

export async function updateEndpointDisabled(trx: Trx, endpointId: string, reason: WebhookDisabledReason, at: Date): Promise<boolean> {
  const result = await trx
    .updateTable('webhook_endpoint')
    .set({ status: 'disabled', disabled_reason: reason, disabled_at: at })
    .where('id', '=', endpointId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function updateEndpointEnabled(trx: Trx, endpointId: string): Promise<boolean> {
  const result = await trx
    .updateTable('webhook_endpoint')
    .set({ status: 'active', disabled_reason: null, disabled_at: null, failing_since: null })
    .where('id', '=', endpointId)
    .where('status', '=', 'disabled')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export type EndpointRow = {
  id: string;
  vendor_id: string | null;
  municipality_code: string | null;
  url: string;
  description: string | null;
  event_types: string[];
  status: 'active' | 'disabled';
  disabled_reason: WebhookDisabledReason | null;
  disabled_at: Date | null;
  failing_since: Date | null;
  created_at: Date;
};

const endpointColumns = [
  'id',
  'vendor_id',
  'municipality_code',
  'url',
  'description',
  'event_types',
  'status',
  'disabled_reason',
  'disabled_at',
  'failing_since',
  'created_at',
] as const;

export async function insertEndpoint(
  trx: Trx,
  row: { owner: WebhookOwner; url: string; description: string | null; eventTypes: string[]; createdBy: string },
): Promise<EndpointRow> {
  return trx
    .insertInto('webhook_endpoint')
    .values({
      vendor_id: 'vendorId' in row.owner ? row.owner.vendorId : null,
      municipality_code: 'municipalityCode' in row.owner ? row.owner.municipalityCode : null,
      url: row.url,
      description: row.description,
      event_types: row.eventTypes,
      created_by: row.createdBy,
    })
    .returning(endpointColumns)
    .executeTakeFirstOrThrow();
}

export async function insertSecret(trx: Trx, endpointId: string, sealed: Buffer): Promise<void> {
  await trx.insertInto('webhook_secret').values({ endpoint_id: endpointId, sealed }).execute();
}

/**
 * Keeps at most one secret besides the one about to be added: the newest live one expires at `keepUntil`, any older
 * one at once.
 */
export async function expireSecretsForRotation(trx: Trx, endpointId: string, now: Date, keepUntil: Date): Promise<void> {
  const live = await trx
    .selectFrom('webhook_secret')
    .select('id')
    .where('endpoint_id', '=', endpointId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('created_at', 'desc')
    .execute();
  const [newest, ...older] = live;
  if (older.length > 0)
    await trx
      .updateTable('webhook_secret')
      .set({ expires_at: now })
      .where(
        'id',
        'in',
        older.map((r) => r.id),
      )
      .execute();
  if (newest) await trx.updateTable('webhook_secret').set({ expires_at: keepUntil }).where('id', '=', newest.id).execute();
}

export async function countLiveSecrets(trx: Trx, endpointId: string, now: Date): Promise<number> {
  return (await selectLiveSecrets(trx, endpointId, now)).length;
}

/** The owner's endpoints (the scope already limits them), newest first. */
export async function selectEndpoints(trx: Trx): Promise<EndpointRow[]> {
  return trx.selectFrom('webhook_endpoint').select(endpointColumns).orderBy('created_at', 'desc').execute();
}

export async function selectEndpoint(trx: Trx, id: string): Promise<EndpointRow | undefined> {
  return trx.selectFrom('webhook_endpoint').select(endpointColumns).where('id', '=', id).executeTakeFirst();
}

/** The owner's oldest endpoint at exactly `url`, if any (named by the owner, not left to the scope: a seed has none). */
export async function selectEndpointByUrl(trx: Trx, owner: WebhookOwner, url: string): Promise<EndpointRow | undefined> {
  return trx
    .selectFrom('webhook_endpoint')
    .select(endpointColumns)
    .where('vendorId' in owner ? 'vendor_id' : 'municipality_code', '=', 'vendorId' in owner ? owner.vendorId : owner.municipalityCode)
    .where('url', '=', url)
    .orderBy('created_at')
    .executeTakeFirst();
}

export type DeliveryRow = {
  id: string;
  message_id: string;
  endpoint_id: string;
  url: string;
  vendor_id: string | null;
  municipality_code: string | null;
  type: string | null;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  dead_at: Date | null;
  redrives: number;
  created_at: Date;
};

function deliveries(trx: Trx) {
  return trx
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_endpoint as e', 'e.id', 'd.endpoint_id')
    .leftJoin('outbound_event as o', 'o.seq', 'd.outbound_event_seq')
    .select([
      'd.id',
      'd.message_id',
      'd.endpoint_id',
      'e.url',
      'e.vendor_id',
      'e.municipality_code',
      'o.type',
      'd.status',
      'd.attempts',
      'd.next_attempt_at',
      'd.last_attempt_at',
      'd.last_status',
      'd.last_error',
      'd.delivered_at',
      'd.dead_at',
      'd.redrives',
      'd.created_at',
    ]);
}

/** The scope's deliveries, newest first; one endpoint's, or only dead letters, when asked. */
export async function selectDeliveries(
  trx: Trx,
  filter: { endpointId?: string | undefined; dead?: boolean | undefined },
  limit: number,
): Promise<DeliveryRow[]> {
  let query = deliveries(trx);
  if (filter.endpointId) query = query.where('d.endpoint_id', '=', filter.endpointId);
  if (filter.dead) query = query.where('d.status', '=', 'dead');
  return query.orderBy('d.created_at', 'desc').orderBy('d.id').limit(limit).execute();
}

export async function selectDelivery(trx: Trx, id: string): Promise<DeliveryRow | undefined> {
  return deliveries(trx).where('d.id', '=', id).executeTakeFirst();
}

/** A dead letter back to pending, due now, with its message id kept; false when it is not a dead letter (of the scope). */
export async function updateDeliveryRedriven(trx: Trx, id: string, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('webhook_delivery')
    .set((eb) => ({
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      dead_at: null,
      redrives: eb('redrives', '+', 1),
    }))
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A test message to one endpoint (no outbound event behind it). */
export async function insertTestDelivery(trx: Trx, endpointId: string, now: Date): Promise<string> {
  const row = await trx.insertInto('webhook_delivery').values({ endpoint_id: endpointId, next_attempt_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
