// SQL for meetings (0097). Every statement runs in the caller's tenant transaction — the citizen's own (app.citizen)
// or the caseworker's organisation (app.organisation) — and row-level security decides what is seen; the reminder
// job's list comes from a SECURITY DEFINER function that gives ids and times only.
import { sql, type Insertable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type { MeetingForm, MeetingOutcome, MeetingSlotTable, MeetingTable } from './meetings.tables.ts';

export type SlotRow = {
  id: string;
  organisation_id: string;
  municipality_code: string;
  starts_at: Date;
  duration_minutes: number;
  form: MeetingForm;
  address: string | null;
  video_url: string | null;
  host_subject: string;
  host_name: string;
};

/** A slot as the caseworker's overview shows it: with its meeting, if booked, and the citizen's name. */
export type StaffSlotRow = SlotRow & {
  meeting_id: string | null;
  citizen_id: string | null;
  citizen_name: string | null;
  topic: string | null;
  outcome: MeetingOutcome | null;
};

export type MeetingRow = SlotRow & {
  meeting_id: string;
  slot_id: string;
  citizen_id: string;
  citizen_municipality_code: string;
  organisation_name: string;
  booked_by: 'citizen' | 'staff';
  topic: string | null;
  booked_at: Date;
  moved_at: Date | null;
  cancelled_at: Date | null;
  cancelled_by: 'citizen' | 'staff' | null;
  outcome: MeetingOutcome | null;
  outcome_note: string | null;
  outcome_at: Date | null;
};

const slotColumns = sql`s.id, s.organisation_id, s.municipality_code, s.starts_at, s.duration_minutes, s.form, s.address, s.video_url,
  s.host_subject, s.host_name`;
const meetingColumns = sql`s.organisation_id, s.municipality_code, s.starts_at, s.duration_minutes, s.form, s.address, s.video_url,
  s.host_subject, s.host_name, s.id as slot_id, m.id as meeting_id, m.id, m.citizen_id, m.municipality_code as citizen_municipality_code,
  m.organisation_name, m.booked_by, m.topic, m.booked_at, m.moved_at, m.cancelled_at, m.cancelled_by, m.outcome, m.outcome_note, m.outcome_at`;

/** Records new slots; a start the caseworker already holds is skipped. Returns how many were made. */
export async function insertSlots(trx: Trx, slots: Insertable<MeetingSlotTable>[]): Promise<number> {
  if (slots.length === 0) return 0;
  const rows = await trx
    .insertInto('meeting_slot')
    .values(slots)
    .onConflict((oc) => oc.columns(['organisation_id', 'host_subject', 'starts_at']).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

/**
 * The organisation's slots from `from` on (or one caseworker's), in time order, each with its booked meeting if any:
 * `limit` of them after skipping `offset`.
 */
export async function selectStaffSlots(
  trx: Trx,
  options: { from: Date; hostSubject?: string | undefined; limit: number; offset: number },
): Promise<StaffSlotRow[]> {
  const host = options.hostSubject === undefined ? sql`true` : sql`s.host_subject = ${options.hostSubject}`;
  const { rows } = await sql<StaffSlotRow>`
    select ${slotColumns}, m.id as meeting_id, m.citizen_id, c.full_name as citizen_name, m.topic, m.outcome
      from meeting_slot s
      left join meeting m on m.slot_id = s.id and m.cancelled_at is null
      left join citizen_identity c on c.id = m.citizen_id
     where s.organisation_id = current_setting('app.organisation', true) and s.starts_at >= ${options.from} and ${host}
     order by s.starts_at, s.host_name, s.id
     limit ${options.limit} offset ${options.offset}`.execute(trx);
  return rows;
}

/** The free slots the transaction may see between `from` and `to`, in time order: `limit` after skipping `offset`. */
export async function selectFreeSlots(trx: Trx, options: { organisationId: string; from: Date; to: Date; limit: number; offset: number }): Promise<SlotRow[]> {
  const { rows } = await sql<SlotRow>`
    select ${slotColumns}
      from meeting_slot s
     where s.organisation_id = ${options.organisationId} and s.starts_at >= ${options.from} and s.starts_at < ${options.to}
       and not meeting_slot_taken(s.id)
     order by s.starts_at, s.host_name, s.id
     limit ${options.limit} offset ${options.offset}`.execute(trx);
  return rows;
}

/** The organisation responsible for the citizen now (their open period's, or their municipality's kommune). */
export async function selectCitizenOrganisation(trx: Trx, citizenId: string): Promise<string | undefined> {
  const { rows } = await sql<{ organisation_id: string | null }>`select meeting_citizen_organisation(${citizenId}::uuid) as organisation_id`.execute(trx);
  return rows[0]?.organisation_id ?? undefined;
}

/** One slot the transaction may see, and whether it is taken. */
export async function selectSlot(trx: Trx, slotId: string): Promise<(SlotRow & { taken: boolean }) | undefined> {
  const { rows } = await sql<SlotRow & { taken: boolean }>`
    select ${slotColumns}, meeting_slot_taken(s.id) as taken from meeting_slot s where s.id = ${slotId}::uuid`.execute(trx);
  return rows[0];
}

/** Serialises a citizen's bookings for the rest of the transaction (so "at most N future meetings" holds under concurrency). */
export async function lockCitizenBookings(trx: Trx, citizenId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`meetings:${citizenId}`}, 0))`.execute(trx);
}

/** How many meetings the citizen has booked that start after `now`. */
export async function countFutureMeetings(trx: Trx, citizenId: string, now: Date): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(*)::int as count from meeting m join meeting_slot s on s.id = m.slot_id
     where m.citizen_id = ${citizenId}::uuid and m.cancelled_at is null and s.starts_at > ${now}`.execute(trx);
  return rows[0]?.count ?? 0;
}

/** Books a slot; undefined when it has a meeting already (the unique index decides, also between concurrent bookings). */
export async function insertMeeting(trx: Trx, meeting: Insertable<MeetingTable>): Promise<string | undefined> {
  const row = await trx
    .insertInto('meeting')
    .values(meeting)
    .onConflict((oc) => oc.column('slot_id').where('cancelled_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** One meeting the transaction may see, with its slot; locked for the rest of the transaction when `forUpdate`. */
export async function selectMeeting(trx: Trx, meetingId: string, options: { forUpdate?: boolean } = {}): Promise<MeetingRow | undefined> {
  const { rows } = await sql<MeetingRow>`
    select ${meetingColumns} from meeting m join meeting_slot s on s.id = m.slot_id
     where m.id = ${meetingId}::uuid ${options.forUpdate ? sql`for update of m` : sql``}`.execute(trx);
  return rows[0];
}

/**
 * Moves a meeting to another slot in one statement (the old slot is freed as the new one is taken); false when the
 * new slot has a meeting already. Runs under a savepoint, so the caller's transaction stays usable either way.
 */
export async function moveMeeting(trx: Trx, meetingId: string, slotId: string): Promise<boolean> {
  await sql`savepoint meeting_move`.execute(trx);
  try {
    await trx.updateTable('meeting').set({ slot_id: slotId, moved_at: new Date() }).where('id', '=', meetingId).where('cancelled_at', 'is', null).execute();
    await sql`release savepoint meeting_move`.execute(trx);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code !== '23505') throw error;
    await sql`rollback to savepoint meeting_move`.execute(trx);
    return false;
  }
}

/** Cancels a meeting (which frees its slot). */
export async function cancelMeeting(trx: Trx, meetingId: string, by: 'citizen' | 'staff'): Promise<boolean> {
  const result = await trx
    .updateTable('meeting')
    .set({ cancelled_at: new Date(), cancelled_by: by })
    .where('id', '=', meetingId)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records (or corrects) what became of a meeting. */
export async function updateOutcome(trx: Trx, meetingId: string, outcome: { outcome: MeetingOutcome; note: string | null; subject: string }): Promise<boolean> {
  const result = await trx
    .updateTable('meeting')
    .set({ outcome: outcome.outcome, outcome_note: outcome.note, outcome_at: new Date(), outcome_by_subject: outcome.subject })
    .where('id', '=', meetingId)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A citizen's meetings the transaction may see (cancelled ones too), the latest first: at most `limit`. */
export async function selectCitizenMeetings(trx: Trx, citizenId: string, limit: number): Promise<MeetingRow[]> {
  const { rows } = await sql<MeetingRow>`
    select ${meetingColumns} from meeting m join meeting_slot s on s.id = m.slot_id
     where m.citizen_id = ${citizenId}::uuid
     order by s.starts_at desc, m.id
     limit ${limit}`.execute(trx);
  return rows;
}

/** A citizen the organisation the transaction acts for knows, by CPR number (through identity's published view). */
export async function selectCitizenByCpr(trx: Trx, cpr: string): Promise<{ id: string } | undefined> {
  const { rows } = await sql<{ id: string }>`select id from citizen_identity where cpr_number = ${cpr}`.execute(trx);
  return rows[0];
}

/** The booked meetings starting in [from, to), for the reminder job (any tenant: ids and times only). */
export async function selectRemindersDue(db: Db, from: Date, to: Date): Promise<{ meeting_id: string; citizen_id: string; starts_at: Date }[]> {
  const { rows } = await sql<{ meeting_id: string; citizen_id: string; starts_at: Date }>`
    select * from meeting_reminders_due(${from}, ${to})`.execute(db);
  return rows;
}
