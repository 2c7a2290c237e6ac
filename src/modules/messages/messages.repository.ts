// SQL for messages (0095). Every statement runs in the caller's tenant transaction: the citizen's own (app.citizen) or
// the staff's organisation (app.organisation); row-level security decides what is seen, so a thread of another citizen
// or another organisation is simply not there.
import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant.ts';
import type { AttachmentType, FromQuestion, MessageAuthor, MessageThreadStatus } from './messages.tables.ts';

export type ThreadRow = {
  id: string;
  citizen_id: string;
  municipality_code: string;
  organisation_id: string;
  subject: string;
  status: MessageThreadStatus;
  assigned_subject: string | null;
  from_question: FromQuestion | null;
  created_at: Date;
  last_message_at: Date;
  expected_answer_by: Date | null;
  unread_by_citizen: boolean;
  unread_by_staff: boolean;
};

export type ThreadListRow = ThreadRow;

export type MessageRow = {
  id: string;
  author: MessageAuthor;
  author_subject: string;
  author_name: string;
  body: string;
  created_at: Date;
};

export type AttachmentRow = { id: string; message_id: string; file_name: string; content_type: AttachmentType; size_bytes: number };

const threadColumns = sql`t.id, t.citizen_id, t.municipality_code, t.organisation_id, t.subject, t.status, t.assigned_subject, t.from_question,
  t.created_at, t.last_message_at, t.expected_answer_by,
  (t.last_staff_message_at is not null and t.last_staff_message_at > coalesce(t.citizen_read_at, '-infinity')) as unread_by_citizen,
  t.inbox_rank = 0 as unread_by_staff`;

/** The organisation responsible for the citizen now, as the citizen's own transaction sees it (their open period). */
export async function selectResponsibleOrganisation(trx: Trx, citizenId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('citizen_responsibility')
    .select('organisation_id')
    .where('citizen_id', '=', citizenId)
    .where('ends_on', 'is', null)
    .executeTakeFirst();
  return row?.organisation_id;
}

/** The citizen's municipality as the transaction sees it. */
export async function selectCitizenMunicipality(trx: Trx, citizenId: string): Promise<string | undefined> {
  const row = await trx.selectFrom('citizen_identity').select('municipality_code').where('id', '=', citizenId).executeTakeFirst();
  return row?.municipality_code;
}

/** A municipality's expected answer time in weekday hours; undefined when it has set none. */
export async function selectAnswerWithinHours(trx: Trx, municipalityCode: string): Promise<number | undefined> {
  const row = await trx.selectFrom('message_settings').select('answer_within_hours').where('municipality_code', '=', municipalityCode).executeTakeFirst();
  return row?.answer_within_hours;
}

/** Sets a municipality's expected answer time (the transaction acts for the municipality). */
export async function upsertAnswerWithinHours(trx: Trx, municipalityCode: string, hours: number, by: string): Promise<void> {
  await trx
    .insertInto('message_settings')
    .values({ municipality_code: municipalityCode, answer_within_hours: hours, updated_by: by })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet({ answer_within_hours: hours, updated_by: by, updated_at: new Date() }))
    .execute();
}

export type NewThread = {
  citizen_id: string;
  municipality_code: string;
  organisation_id: string;
  subject: string;
  from_question: FromQuestion | null;
  expected_answer_by: Date;
};

/** Records a new thread (the citizen's transaction); its first message follows. */
export async function insertThread(trx: Trx, thread: NewThread): Promise<string> {
  const row = await trx
    .insertInto('message_thread')
    .values({ ...thread, from_question: thread.from_question ? JSON.stringify(thread.from_question) : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type NewMessage = {
  thread_id: string;
  citizen_id: string;
  organisation_id: string;
  author: MessageAuthor;
  author_subject: string;
  author_name: string;
  body: string;
};

/** Records a message; returns its id and time. */
export async function insertMessage(trx: Trx, message: NewMessage): Promise<{ id: string; created_at: Date }> {
  return trx.insertInto('message').values(message).returning(['id', 'created_at']).executeTakeFirstOrThrow();
}

export type NewAttachment = {
  message_id: string;
  thread_id: string;
  citizen_id: string;
  organisation_id: string;
  file_name: string;
  content_type: AttachmentType;
  size_bytes: number;
  content: Buffer;
};

export async function insertAttachment(trx: Trx, attachment: NewAttachment): Promise<void> {
  await trx.insertInto('message_attachment').values(attachment).execute();
}

/** After a message: the thread's times, status and when an answer is due (null after the jobcenter answered). */
export async function updateThreadAfterMessage(
  trx: Trx,
  threadId: string,
  update: { author: MessageAuthor; at: Date; status: MessageThreadStatus; expectedAnswerBy: Date | null },
): Promise<void> {
  await trx
    .updateTable('message_thread')
    .set(
      update.author === 'citizen'
        ? {
            last_message_at: update.at,
            last_citizen_message_at: update.at,
            citizen_read_at: update.at,
            status: update.status,
            expected_answer_by: update.expectedAnswerBy,
          }
        : {
            last_message_at: update.at,
            last_staff_message_at: update.at,
            staff_read_at: update.at,
            status: update.status,
            expected_answer_by: update.expectedAnswerBy,
          },
    )
    .where('id', '=', threadId)
    .execute();
}

/** One thread the transaction may see; undefined for any other. `lock`: for update (a reply or an assignment). */
export async function selectThread(trx: Trx, threadId: string, lock = false): Promise<ThreadRow | undefined> {
  const { rows } = await sql<ThreadRow>`select ${threadColumns} from message_thread t where t.id = ${threadId}::uuid ${lock ? sql`for update` : sql``}`.execute(
    trx,
  );
  return rows[0];
}

/** The thread's messages, oldest first. */
export async function selectMessages(trx: Trx, threadId: string): Promise<MessageRow[]> {
  return trx
    .selectFrom('message')
    .select(['id', 'author', 'author_subject', 'author_name', 'body', 'created_at'])
    .where('thread_id', '=', threadId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The thread's attachments, without their bytes. */
export async function selectAttachments(trx: Trx, threadId: string): Promise<AttachmentRow[]> {
  return trx
    .selectFrom('message_attachment')
    .select(['id', 'message_id', 'file_name', 'content_type', 'size_bytes'])
    .where('thread_id', '=', threadId)
    .orderBy('created_at')
    .orderBy('file_name')
    .execute();
}

/** One attachment of a thread with its bytes; undefined when the transaction may not see it. */
export async function selectAttachmentContent(
  trx: Trx,
  threadId: string,
  attachmentId: string,
): Promise<{ file_name: string; content_type: AttachmentType; content: Buffer; citizen_id: string } | undefined> {
  return trx
    .selectFrom('message_attachment')
    .select(['file_name', 'content_type', 'content', 'citizen_id'])
    .where('id', '=', attachmentId)
    .where('thread_id', '=', threadId)
    .executeTakeFirst();
}

/** Marks the thread read up to now by one side, when the other side wrote since it last read (else nothing is written). */
export async function markRead(trx: Trx, threadId: string, side: MessageAuthor): Promise<void> {
  if (side === 'citizen')
    await sql`update message_thread set citizen_read_at = now()
              where id = ${threadId}::uuid and last_staff_message_at > coalesce(citizen_read_at, '-infinity')`.execute(trx);
  else
    await sql`update message_thread set staff_read_at = now()
              where id = ${threadId}::uuid and last_citizen_message_at > coalesce(staff_read_at, '-infinity')`.execute(trx);
}

export async function updateAssignment(trx: Trx, threadId: string, subject: string | null): Promise<void> {
  await trx.updateTable('message_thread').set({ assigned_subject: subject }).where('id', '=', threadId).execute();
}

export async function updateStatus(trx: Trx, threadId: string, status: MessageThreadStatus): Promise<void> {
  await trx.updateTable('message_thread').set({ status }).where('id', '=', threadId).execute();
}

/** The citizen's threads, unread ones first, then newest; a page and the total. */
export async function selectCitizenThreads(
  trx: Trx,
  citizenId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: ThreadListRow[]; total: number }> {
  const { rows } = await sql<ThreadListRow & { total: number }>`
    select ${threadColumns}, count(*) over ()::int as total
    from message_thread t
    where t.citizen_id = ${citizenId}::uuid
    order by (t.last_staff_message_at is not null and t.last_staff_message_at > coalesce(t.citizen_read_at, '-infinity')) desc, t.last_message_at desc, t.id
    limit ${page.limit} offset ${page.offset}`.execute(trx);
  return { rows, total: rows[0]?.total ?? (page.offset > 0 ? await countCitizenThreads(trx, citizenId) : 0) };
}

async function countCitizenThreads(trx: Trx, citizenId: string): Promise<number> {
  const { rows } = await sql<{ count: number }>`select count(*)::int as count from message_thread where citizen_id = ${citizenId}::uuid`.execute(trx);
  return rows[0]?.count ?? 0;
}

/**
 * A page of the organisation's team inbox, read off the inbox index in its order (inbox_rank: those the team has not
 * read first, closed ones last; then the oldest last message first), `limit` + 1 rows so the caller knows whether
 * another page follows (no count of them all): `assigned` only unassigned ones ('none') or one staff member's;
 * `unread` only those the team has not read.
 */
export async function selectInboxThreads(
  trx: Trx,
  organisationId: string,
  filter: { assigned: 'any' | 'none' | { subject: string }; unread: boolean; limit: number; offset: number },
): Promise<ThreadListRow[]> {
  const assigned =
    filter.assigned === 'any' ? sql`true` : filter.assigned === 'none' ? sql`t.assigned_subject is null` : sql`t.assigned_subject = ${filter.assigned.subject}`;
  const unread = filter.unread ? sql`t.inbox_rank = 0` : sql`true`;
  const { rows } = await sql<ThreadListRow>`
    select ${threadColumns}
    from message_thread t
    where t.organisation_id = ${organisationId} and ${assigned} and ${unread}
    order by t.inbox_rank, t.last_message_at, t.id
    limit ${filter.limit + 1} offset ${filter.offset}`.execute(trx);
  return rows;
}

/** A citizen's threads with the organisation, for the citizen page (no content): newest first. */
export async function selectThreadsOfCitizen(trx: Trx, organisationId: string, citizenId: string, limit: number): Promise<ThreadRow[]> {
  const { rows } = await sql<ThreadRow>`
    select ${threadColumns} from message_thread t
    where t.organisation_id = ${organisationId} and t.citizen_id = ${citizenId}::uuid
    order by t.last_message_at desc, t.id limit ${limit}`.execute(trx);
  return rows;
}

/** Of the citizens given, those with a thread the organisation's team has not read. */
export async function selectCitizensWithUnread(trx: Trx, organisationId: string, citizenIds: readonly string[]): Promise<string[]> {
  if (citizenIds.length === 0) return [];
  const rows = await trx
    .selectFrom('message_thread_status')
    .select('citizen_id')
    .distinct()
    .where('organisation_id', '=', organisationId)
    .where('unread_by_staff', '=', true)
    .where('citizen_id', 'in', citizenIds)
    .execute();
  return rows.map((row) => row.citizen_id);
}
