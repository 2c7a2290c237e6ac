// Messages between a citizen and their jobcenter (issue 18). A citizen writes to "Jobcentret": the organisation
// responsible for them when the thread starts (their open responsibility period, else their municipality's kommune),
// never to a person. Its staff answer as a team; a caseworker may be assigned. The citizen's side runs as the citizen
// (app.citizen), the staff's as their organisation (app.organisation): row-level security decides which threads exist.
// A staff read is written to the citizen's Min Log in the same transaction. A new message notifies the other side
// (never with its content). Attachments are judged by their bytes and kept in the database with their message.
import { fileTypeFromBuffer } from 'file-type';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { createOnce, FORM_TOKEN_FIELD, formOnce, type CreatedOnce } from '../../platform/http/form-token.ts';
import { copenhagenMoment, copenhagenWallClock } from '../../platform/time.ts';
import { parseInput } from '../../platform/validation.ts';
import { listStaffMembers, recordCitizenAccess, type StaffMember } from '../identity/index.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { notify } from '../notifications/index.ts';
import { messagesPolicy } from './messages.policy.ts';
import {
  insertAttachment,
  insertMessage,
  insertThread,
  markRead,
  selectAnswerWithinHours,
  selectAttachmentContent,
  selectAttachments,
  selectCitizenMunicipality,
  selectCitizenThreads,
  selectCitizensWithUnread,
  selectInboxThreads,
  selectMessages,
  selectResponsibleOrganisation,
  selectThread,
  selectThreadsOfCitizen,
  updateAssignment,
  updateStatus,
  updateThreadAfterMessage,
  upsertAnswerWithinHours,
  type AttachmentRow,
  type MessageRow,
  type ThreadListRow,
  type ThreadRow,
} from './messages.repository.ts';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENTS_PER_MESSAGE,
  assignSchema,
  newThreadSchema,
  questionSchema,
  replySchema,
  settingsSchema,
  SUBJECT_MAX,
  type InboxFilter,
  type UploadedFile,
} from './messages.schemas.ts';
import type { AttachmentType, MessageAuthor, MessageThreadStatus } from './messages.tables.ts';

/** The expected answer time when a municipality has set none: two working days. */
export const DEFAULT_ANSWER_WITHIN_HOURS = 48;
/** Threads a list page shows. */
export const THREADS_PER_PAGE = 20;
/** The access log's data category for a caseworker's read of a citizen's messages. */
const MESSAGES_DATA_CATEGORY = 'messages';
/** The platform's wording of that read's purpose (Danish; Min Log shows the English by its code). */
const READ_PURPOSE = 'Læse og besvare borgerens beskeder til jobcentret';
/** Threads the citizen page shows at most. */
const SUMMARY_THREADS = 20;

const HOUR_MS = 3_600_000;
const allowedTypes: readonly AttachmentType[] = ['application/pdf', 'image/png', 'image/jpeg'];
const extensions: Record<AttachmentType, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

// ---------------------------------------------------------------------------------------------------------------
// Who acts

/** The signed-in citizen's id; FORBIDDEN for anyone else. */
function ownCitizenId(actor: Principal): string {
  const citizenId = actor.citizenId;
  if (!citizenId || !messagesPolicy.can(actor, 'messages.write-own', { citizenId })) throw new AppError('FORBIDDEN', 'Only the citizen writes their messages.');
  return citizenId;
}

/** The organisation a caseworker acts for; FORBIDDEN for anyone else. */
function staffOrganisation(actor: Principal): string {
  const organisation = actor.organisation?.id;
  if (!organisation || !messagesPolicy.can(actor, 'messages.answer')) throw new AppError('FORBIDDEN', 'Only caseworkers answer messages.');
  return organisation;
}

const notFound = () => new AppError('NOT_FOUND', 'There is no such message thread.');

// ---------------------------------------------------------------------------------------------------------------
// The expected answer time

type OpeningHours = { weekday: number; opens: string; closes: string }[];

/** The ISO weekday (Monday 1 … Sunday 7) of a Copenhagen calendar day. */
function isoWeekday(year: number, month: number, day: number): number {
  return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
}

/** The Copenhagen midnight after `moment`'s day. */
function nextCopenhagenMidnight(moment: Date): Date {
  const clock = copenhagenWallClock(moment);
  const next = new Date(Date.UTC(clock.year, clock.month - 1, clock.day + 1));
  return (
    copenhagenMoment({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 }) ??
    new Date(moment.getTime() + 24 * HOUR_MS)
  );
}

/**
 * When the jobcenter should have answered a message written at `from`: `hours` of weekday time later (Monday to
 * Friday, Copenhagen time; public holidays are not counted out), and — when the jobcenter has opening hours — moved to
 * the close of the opening period it falls in or the next one, since nobody answers while it is closed.
 */
export function expectedAnswerTime(from: Date, hours: number, openingHours: OpeningHours = []): Date {
  let left = hours * HOUR_MS;
  let cursor = from;
  for (let guard = 0; guard < 400 && left > 0; guard++) {
    const clock = copenhagenWallClock(cursor);
    const midnight = nextCopenhagenMidnight(cursor);
    if (isoWeekday(clock.year, clock.month, clock.day) <= 5) {
      const span = midnight.getTime() - cursor.getTime();
      if (left <= span) return atOpeningHours(new Date(cursor.getTime() + left), openingHours);
      left -= span;
    }
    cursor = midnight;
  }
  return atOpeningHours(cursor, openingHours);
}

/** `deadline` when the jobcenter is open then; else the close of its next opening period (as it stands, without any). */
function atOpeningHours(deadline: Date, openingHours: OpeningHours): Date {
  if (openingHours.length === 0) return deadline;
  let day = deadline;
  for (let i = 0; i < 14; i++) {
    const clock = copenhagenWallClock(day);
    const weekday = isoWeekday(clock.year, clock.month, clock.day);
    const periods = openingHours
      .filter((period) => period.weekday === weekday)
      .map((period) => ({ opens: at(clock, period.opens), closes: at(clock, period.closes) }))
      .filter((period): period is { opens: Date; closes: Date } => period.opens !== undefined && period.closes !== undefined)
      .sort((a, b) => a.closes.getTime() - b.closes.getTime());
    const open = periods.find((period) => period.closes.getTime() >= deadline.getTime());
    if (open) return open.opens.getTime() <= deadline.getTime() ? deadline : open.closes;
    day = nextCopenhagenMidnight(day);
  }
  return deadline;
}

function at(clock: { year: number; month: number; day: number }, time: string): Date | undefined {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return copenhagenMoment({ year: clock.year, month: clock.month, day: clock.day, hour, minute });
}

/** The municipality's expected answer time in weekday hours, and its jobcenter's opening hours (a kommune's thread). */
async function answerRules(db: Db, municipalityCode: string, organisationId: string): Promise<{ hours: number; openingHours: OpeningHours }> {
  const hours = (await withTenant(db, {}, (trx) => selectAnswerWithinHours(trx, municipalityCode))) ?? DEFAULT_ANSWER_WITHIN_HOURS;
  if (organisationId !== `kommune-${municipalityCode}`) return { hours, openingHours: [] };
  const { jobcenters } = await getMunicipality(db, municipalityCode).catch(() => ({ jobcenters: [] }));
  return { hours, openingHours: jobcenters.find((jobcenter) => jobcenter.opening_hours.length > 0)?.opening_hours ?? [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Attachments

/** An attachment as it will be kept: its name (with the extension its bytes say), type and bytes. */
type JudgedFile = { fileName: string; type: AttachmentType; bytes: Buffer };

/** A file name as it may be shown and sent back: no folders, no control characters, the extension its type says. */
function cleanFileName(name: string, type: AttachmentType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}"<>]/gu, '')
    .trim()
    .slice(0, 150);
  const stem = base.replace(/\.(pdf|png|jpe?g)$/i, '') || 'bilag';
  return `${stem}.${extensions[type]}`;
}

/**
 * Judges the uploaded files by their bytes (never their name or the browser's type): PDF, PNG or JPEG, at most 10 MB,
 * at most ATTACHMENTS_PER_MESSAGE. VALIDATION on the field `attachments`, naming the file, for any other.
 */
export async function judgeAttachments(files: readonly UploadedFile[], field = 'attachments'): Promise<JudgedFile[]> {
  const given = files.filter((file) => file.fileName !== '' || file.bytes.length > 0);
  if (given.length > ATTACHMENTS_PER_MESSAGE)
    throw new AppError('VALIDATION', 'Too many attachments.', [
      { field, message: 'messages.error.tooManyAttachments', params: { max: ATTACHMENTS_PER_MESSAGE } },
    ]);
  const judged: JudgedFile[] = [];
  const errors: FieldError[] = [];
  for (const file of given) {
    const name = file.fileName.slice(0, 100) || '?';
    if (file.bytes.length === 0) {
      errors.push({ field, message: 'messages.error.attachmentEmpty', params: { name } });
      continue;
    }
    if (file.bytes.length > ATTACHMENT_MAX_BYTES) {
      errors.push({ field, message: 'messages.error.attachmentTooBig', params: { name } });
      continue;
    }
    const detected = await fileTypeFromBuffer(file.bytes);
    const type = allowedTypes.find((allowed) => allowed === detected?.mime);
    if (!type) {
      errors.push({ field, message: 'messages.error.attachmentType', params: { name } });
      continue;
    }
    judged.push({ fileName: cleanFileName(file.fileName, type), type, bytes: file.bytes });
  }
  const first = errors[0];
  // One message on the field (the form shows one per field): the first refused file's.
  if (first) throw new AppError('VALIDATION', 'An attachment was refused.', [first]);
  return judged;
}

async function addAttachments(trx: Trx, message: { id: string; thread_id: string; citizen_id: string; organisation_id: string }, files: JudgedFile[]) {
  for (const file of files)
    await insertAttachment(trx, {
      message_id: message.id,
      thread_id: message.thread_id,
      citizen_id: message.citizen_id,
      organisation_id: message.organisation_id,
      file_name: file.fileName,
      content_type: file.type,
      size_bytes: file.bytes.length,
      content: file.bytes,
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Notifications

/** Tells the other side of a thread there is a new message (never what it says). */
async function notifyOtherSide(trx: Trx, thread: ThreadRow, author: MessageAuthor, messageId: string): Promise<void> {
  if (author === 'staff') {
    await notify(trx, {
      recipient: { citizenId: thread.citizen_id },
      kind: thread.from_question ? 'answer' : 'message',
      link: `/borger/beskeder/${thread.id}`,
      dedupeKey: `message:${messageId}`,
    });
    return;
  }
  await notify(trx, {
    recipient: thread.assigned_subject ? { staffSubject: thread.assigned_subject, organisationId: thread.organisation_id } : { team: thread.organisation_id },
    kind: 'message',
    link: `/medarbejder/beskeder/${thread.id}`,
    dedupeKey: `message:${messageId}`,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The citizen's side

export type NewThreadResult = CreatedOnce & { expectedAnswerBy: Date | null };

/**
 * Starts a thread as the citizen, in one transaction: the thread to the organisation responsible for them now, its
 * first message and its attachments; once per form (a resubmit gets the first thread). Notifies the organisation.
 */
async function startThreadAs(
  db: Db,
  actor: Principal,
  content: { subject: string; body: string; files: JudgedFile[]; fromQuestion: { question: string; articles: { id: string; title: string }[] } | null },
  once: ReturnType<typeof formOnce>,
): Promise<NewThreadResult> {
  const citizenId = ownCitizenId(actor);
  const where = await withTenant(db, { citizen: citizenId }, async (trx) => {
    const municipality = await selectCitizenMunicipality(trx, citizenId);
    if (!municipality) throw new AppError('NOT_FOUND', 'The citizen is not known.');
    return { municipality, organisation: (await selectResponsibleOrganisation(trx, citizenId)) ?? `kommune-${municipality}` };
  });
  const rules = await answerRules(db, where.municipality, where.organisation);
  const now = new Date();
  const expectedAnswerBy = expectedAnswerTime(now, rules.hours, rules.openingHours);
  const created = await withTenant(db, { citizen: citizenId }, (trx) =>
    createOnce(trx, once, async (inner) => {
      const threadId = await insertThread(inner, {
        citizen_id: citizenId,
        municipality_code: where.municipality,
        organisation_id: where.organisation,
        subject: content.subject,
        from_question: content.fromQuestion,
        expected_answer_by: expectedAnswerBy,
      });
      const message = await insertMessage(inner, {
        thread_id: threadId,
        citizen_id: citizenId,
        organisation_id: where.organisation,
        author: 'citizen',
        author_subject: actor.subject,
        author_name: actor.name.slice(0, 200) || '-',
        body: content.body,
      });
      await addAttachments(inner, { id: message.id, thread_id: threadId, citizen_id: citizenId, organisation_id: where.organisation }, content.files);
      await updateThreadAfterMessage(inner, threadId, { author: 'citizen', at: message.created_at, status: 'open', expectedAnswerBy });
      const thread = await selectThread(inner, threadId);
      if (thread) await notifyOtherSide(inner, thread, 'citizen', message.id);
      return threadId;
    }),
  );
  if (!created.replayed) return { ...created, expectedAnswerBy };
  const thread = await withTenant(db, { citizen: citizenId }, (trx) => selectThread(trx, created.id));
  return { ...created, expectedAnswerBy: thread?.expected_answer_by ?? null };
}

/**
 * A citizen's new thread from the form: subject, text (both trimmed, required, within limits) and attachments.
 * VALIDATION names the field (nothing is written then); FORBIDDEN for anyone but a citizen.
 */
export async function startThread(db: Db, actor: Principal, input: unknown, files: readonly UploadedFile[]): Promise<NewThreadResult> {
  ownCitizenId(actor);
  const value = parseInput(newThreadSchema, input);
  const judged = await judgeAttachments(files);
  return startThreadAs(
    db,
    actor,
    { subject: value.subject, body: value.body, files: judged, fromQuestion: null },
    formOnce(input, 'messages.thread', actor.subject),
  );
}

/**
 * A citizen's question the knowledge base did not answer, as a new thread to their jobcenter ("Jobcentret"): the
 * question is the first message, and the articles shown are kept with it (id + title, shown to staff). Returns the
 * thread id and the expected answer time (from the municipality's expected answer time and opening hours). Once per
 * `formToken`. VALIDATION on `question`; FORBIDDEN for anyone but a citizen.
 */
export async function startThreadFromQuestion(
  db: Db,
  actor: Principal,
  input: { question: string; articles: { id: string; title: string }[]; formToken?: string },
): Promise<{ threadId: string; expectedAnswerBy: Date }> {
  ownCitizenId(actor);
  const value = parseInput(questionSchema, { question: input.question, articles: input.articles });
  const firstLine = value.question.split('\n')[0]?.trim() ?? value.question;
  const subject = firstLine.length > 100 ? `${firstLine.slice(0, 99).trimEnd()}…` : firstLine;
  const once = input.formToken ? formOnce({ [FORM_TOKEN_FIELD]: input.formToken }, 'messages.question', actor.subject) : undefined;
  const result = await startThreadAs(
    db,
    actor,
    { subject: subject.slice(0, SUBJECT_MAX), body: value.question, files: [], fromQuestion: { question: value.question, articles: value.articles } },
    once,
  );
  return { threadId: result.id, expectedAnswerBy: result.expectedAnswerBy ?? new Date() };
}

/** A page of threads: whether another follows, and (the citizen's list) how many pages there are. */
export type ThreadList = { threads: ThreadListRow[]; page: number; hasNext: boolean; pages?: number | undefined };

function pageOf(page: number | undefined): { page: number; offset: number } {
  const number = page && page > 0 ? page : 1;
  return { page: number, offset: (number - 1) * THREADS_PER_PAGE };
}

/** The signed-in citizen's threads, unread first, a page at a time. */
export async function listOwnThreads(db: Db, actor: Principal, options: { page?: number | undefined }): Promise<ThreadList> {
  const citizenId = ownCitizenId(actor);
  const { page, offset } = pageOf(options.page);
  const { rows, total } = await withTenant(db, { citizen: citizenId }, (trx) => selectCitizenThreads(trx, citizenId, { limit: THREADS_PER_PAGE, offset }));
  const pages = Math.max(1, Math.ceil(total / THREADS_PER_PAGE));
  return { threads: rows, page, hasNext: page < pages, pages };
}

export type ThreadView = { thread: ThreadRow; messages: (MessageRow & { attachments: AttachmentRow[] })[] };

async function loadThread(trx: Trx, threadId: string): Promise<ThreadView> {
  const thread = await selectThread(trx, threadId);
  if (!thread) throw notFound();
  const [messages, attachments] = [await selectMessages(trx, threadId), await selectAttachments(trx, threadId)];
  return { thread, messages: messages.map((message) => ({ ...message, attachments: attachments.filter((a) => a.message_id === message.id) })) };
}

/** One of the citizen's threads with its messages; opening it marks it read. NOT_FOUND for anyone else's. */
export async function openOwnThread(db: Db, actor: Principal, threadId: string): Promise<ThreadView> {
  const citizenId = ownCitizenId(actor);
  return withTenant(db, { citizen: citizenId }, async (trx) => {
    const view = await loadThread(trx, threadId);
    await markRead(trx, threadId, 'citizen');
    return view;
  });
}

/** Adds a message (and attachments) to a thread as `author`, in the transaction; notifies the other side. */
async function addMessage(
  trx: Trx,
  actor: Principal,
  threadId: string,
  author: MessageAuthor,
  content: { body: string; files: JudgedFile[] },
  expectedAnswerBy: (thread: ThreadRow) => Date | null,
): Promise<string> {
  const thread = await selectThread(trx, threadId, true);
  if (!thread) throw notFound();
  const message = await insertMessage(trx, {
    thread_id: thread.id,
    citizen_id: thread.citizen_id,
    organisation_id: thread.organisation_id,
    author,
    author_subject: actor.subject,
    author_name: actor.name.slice(0, 200) || '-',
    body: content.body,
  });
  await addAttachments(trx, { id: message.id, thread_id: thread.id, citizen_id: thread.citizen_id, organisation_id: thread.organisation_id }, content.files);
  const status: MessageThreadStatus = author === 'citizen' ? 'open' : 'answered';
  await updateThreadAfterMessage(trx, thread.id, { author, at: message.created_at, status, expectedAnswerBy: expectedAnswerBy(thread) });
  await notifyOtherSide(trx, thread, author, message.id);
  return thread.id;
}

/**
 * The citizen answers in one of their threads (a closed one opens again); once per form. VALIDATION names the field;
 * NOT_FOUND for a thread that is not theirs.
 */
export async function replyAsCitizen(db: Db, actor: Principal, threadId: string, input: unknown, files: readonly UploadedFile[]): Promise<CreatedOnce> {
  const citizenId = ownCitizenId(actor);
  const value = parseInput(replySchema, input);
  const judged = await judgeAttachments(files);
  const known = await withTenant(db, { citizen: citizenId }, (trx) => selectThread(trx, threadId));
  if (!known) throw notFound();
  const rules = await answerRules(db, known.municipality_code, known.organisation_id);
  const due = expectedAnswerTime(new Date(), rules.hours, rules.openingHours);
  return withTenant(db, { citizen: citizenId }, (trx) =>
    createOnce(trx, formOnce(input, 'messages.reply', actor.subject), (inner) =>
      // A citizen's second message while one waits keeps the first's due time.
      addMessage(inner, actor, threadId, 'citizen', { body: value.body, files: judged }, (thread) =>
        thread.status === 'open' && thread.expected_answer_by ? thread.expected_answer_by : due,
      ),
    ),
  );
}

/** One attachment as it is sent: name, type and bytes. */
export type AttachmentFile = { fileName: string; type: AttachmentType; bytes: Buffer };

/** An attachment of one of the citizen's threads. NOT_FOUND for any other (another citizen's, a guessed id). */
export async function getOwnAttachment(db: Db, actor: Principal, threadId: string, attachmentId: string): Promise<AttachmentFile> {
  const citizenId = ownCitizenId(actor);
  const file = await withTenant(db, { citizen: citizenId }, (trx) => selectAttachmentContent(trx, threadId, attachmentId));
  if (!file) throw new AppError('NOT_FOUND', 'There is no such attachment.');
  return { fileName: file.file_name, type: file.content_type, bytes: file.content };
}

// ---------------------------------------------------------------------------------------------------------------
// The staff's side

export type Inbox = ThreadList & {
  filter: InboxFilter;
  unread: boolean;
  staff: StaffMember[];
  /** The signed-in caseworker's subject (their own assignments say "you"). */
  me: string;
};

/**
 * The organisation's team inbox: unassigned threads, the caseworker's own, or all; optionally only those the team has
 * not read; waiting ones first, oldest first. FORBIDDEN for anyone but a caseworker acting for an organisation.
 */
export async function listInbox(
  db: Db,
  actor: Principal,
  options: { filter?: InboxFilter | undefined; unread?: boolean; page?: number | undefined },
): Promise<Inbox> {
  const organisation = staffOrganisation(actor);
  const filter = options.filter ?? 'all';
  const { page, offset } = pageOf(options.page);
  const assigned = filter === 'all' ? ('any' as const) : filter === 'unassigned' ? ('none' as const) : { subject: actor.subject };
  // The directory is read beside the inbox (its own transaction, another connection).
  const [rows, staff] = await Promise.all([
    withTenant(db, { organisation }, (trx) =>
      selectInboxThreads(trx, organisation, { assigned, unread: options.unread === true, limit: THREADS_PER_PAGE, offset }),
    ),
    listStaffMembers(db, actor, { role: 'caseworker' }),
  ]);
  return {
    threads: rows.slice(0, THREADS_PER_PAGE),
    page,
    hasNext: rows.length > THREADS_PER_PAGE,
    filter,
    unread: options.unread === true,
    staff,
    me: actor.subject,
  };
}

export type StaffThreadView = ThreadView & { staff: StaffMember[]; me: string; citizenName: string };

/**
 * One of the organisation's threads for a caseworker: its messages and attachments, and who may be assigned. The
 * read is written to the citizen's Min Log (category messages, the platform's purpose) in the same transaction, and
 * marks the thread read for the team. NOT_FOUND for a thread of another organisation (or none).
 */
export async function openThreadAsStaff(db: Db, actor: Principal, threadId: string): Promise<StaffThreadView> {
  const organisation = staffOrganisation(actor);
  // The directory is read beside the thread (its own transaction, another connection).
  const [staff, read] = await Promise.all([
    listStaffMembers(db, actor, { role: 'caseworker' }),
    withTenant(db, { organisation }, async (trx) => {
      const view = await loadThread(trx, threadId);
      const citizen = await recordCitizenAccess(trx, actor, view.thread.citizen_id, {
        dataCategory: MESSAGES_DATA_CATEGORY,
        purpose: READ_PURPOSE,
        purposeCode: 'message_thread',
      });
      await markRead(trx, threadId, 'staff');
      return { ...view, citizenName: citizen.full_name };
    }),
  ]);
  return { ...read, staff, me: actor.subject };
}

/** A caseworker answers in one of the organisation's threads; once per form. Notifies the citizen ('answer' for a question). */
export async function replyAsStaff(db: Db, actor: Principal, threadId: string, input: unknown, files: readonly UploadedFile[]): Promise<CreatedOnce> {
  const organisation = staffOrganisation(actor);
  const value = parseInput(replySchema, input);
  const judged = await judgeAttachments(files);
  return withTenant(db, { organisation }, (trx) =>
    createOnce(trx, formOnce(input, 'messages.reply', actor.subject), (inner) =>
      addMessage(inner, actor, threadId, 'staff', { body: value.body, files: judged }, () => null),
    ),
  );
}

/**
 * Assigns one of the organisation's threads to one of its caseworkers (from the staff directory), or back to the team
 * (an empty choice). VALIDATION on `assignee` for anyone not in the directory; NOT_FOUND for another organisation's.
 */
export async function assignThread(db: Db, actor: Principal, threadId: string, input: unknown): Promise<void> {
  const organisation = staffOrganisation(actor);
  const { assignee } = parseInput(assignSchema, input);
  if (assignee) {
    const staff = await listStaffMembers(db, actor, { role: 'caseworker' });
    if (!staff.some((member) => member.subject === assignee))
      throw new AppError('VALIDATION', 'No such caseworker.', [{ field: 'assignee', message: 'messages.error.noSuchCaseworker' }]);
  }
  await withTenant(db, { organisation }, async (trx) => {
    const thread = await selectThread(trx, threadId, true);
    if (!thread) throw notFound();
    await updateAssignment(trx, threadId, assignee || null);
    if (assignee && assignee !== actor.subject && thread.assigned_subject !== assignee)
      await notify(trx, {
        recipient: { staffSubject: assignee, organisationId: organisation },
        kind: 'message',
        link: `/medarbejder/beskeder/${threadId}`,
      });
  });
}

/** Closes one of the organisation's threads, or opens it again. NOT_FOUND for another organisation's. */
export async function setThreadClosed(db: Db, actor: Principal, threadId: string, closed: boolean): Promise<void> {
  const organisation = staffOrganisation(actor);
  await withTenant(db, { organisation }, async (trx) => {
    const thread = await selectThread(trx, threadId, true);
    if (!thread) throw notFound();
    await updateStatus(trx, threadId, closed ? 'closed' : thread.expected_answer_by ? 'open' : 'answered');
  });
}

/** An attachment of one of the organisation's threads. NOT_FOUND for any other (another organisation's, a guessed id). */
export async function getStaffAttachment(db: Db, actor: Principal, threadId: string, attachmentId: string): Promise<AttachmentFile> {
  const organisation = staffOrganisation(actor);
  const file = await withTenant(db, { organisation }, (trx) => selectAttachmentContent(trx, threadId, attachmentId));
  if (!file) throw new AppError('NOT_FOUND', 'There is no such attachment.');
  return { fileName: file.file_name, type: file.content_type, bytes: file.content };
}

// ---------------------------------------------------------------------------------------------------------------
// For the caseload and the citizen page (journey)

export type CitizenMessagesSummary = {
  citizenId: string;
  threads: { id: string; subject: string; status: MessageThreadStatus; unread: boolean; lastMessageAt: Date; expectedAnswerBy: Date | null }[];
};

/**
 * A citizen's threads with the caseworker's organisation (subject, status, unread by the team, last message), for the
 * citizen page. The caller's page records the read of the citizen (this reads no message's content). FORBIDDEN for
 * anyone but a caseworker.
 */
export async function citizenMessagesSummary(db: Db, actor: Principal, citizenId: string): Promise<CitizenMessagesSummary> {
  const organisation = staffOrganisation(actor);
  const rows = await withTenant(db, { organisation }, (trx) => selectThreadsOfCitizen(trx, organisation, citizenId, SUMMARY_THREADS));
  return {
    citizenId,
    threads: rows.map((row) => ({
      id: row.id,
      subject: row.subject,
      status: row.status,
      unread: row.unread_by_staff,
      lastMessageAt: row.last_message_at,
      expectedAnswerBy: row.status === 'open' ? row.expected_answer_by : null,
    })),
  };
}

/**
 * Of `citizenIds`, those with a thread the caseworker's organisation has not read (in the caller's transaction, or
 * its own). The caseload may instead join the published view message_thread_status in SQL.
 */
export async function unreadThreadsForCitizens(db: Db | Trx, actor: Principal, citizenIds: readonly string[]): Promise<Set<string>> {
  const organisation = staffOrganisation(actor);
  const run = (trx: Trx) => selectCitizensWithUnread(trx, organisation, citizenIds);
  const ids = db.isTransaction ? await run(db as Trx) : await withTenant(db, { organisation }, run);
  return new Set(ids);
}

// ---------------------------------------------------------------------------------------------------------------
// The municipality's setting

export type MessageSettings = { municipalityCode: string; answerWithinHours: number; isDefault: boolean };

function settingsMunicipality(actor: Principal): string {
  const code = actor.municipality?.code;
  if (!code || !messagesPolicy.can(actor, 'messages.settings', { municipalityCode: code }))
    throw new AppError('FORBIDDEN', 'Only a municipality’s admin sets this.');
  return code;
}

/** The admin's municipality's expected answer time (the default when it has set none). */
export async function getMessageSettings(db: Db, actor: Principal): Promise<MessageSettings> {
  const code = settingsMunicipality(actor);
  const hours = await withTenant(db, { municipality: code }, (trx) => selectAnswerWithinHours(trx, code));
  return { municipalityCode: code, answerWithinHours: hours ?? DEFAULT_ANSWER_WITHIN_HOURS, isDefault: hours === undefined };
}

/** Sets the admin's municipality's expected answer time (1–720 weekday hours). VALIDATION on `answerWithinHours`. */
export async function saveMessageSettings(db: Db, actor: Principal, input: unknown): Promise<void> {
  const code = settingsMunicipality(actor);
  const { answerWithinHours } = parseInput(settingsSchema, input);
  await withTenant(db, { municipality: code }, (trx) => upsertAnswerWithinHours(trx, code, answerWithinHours, actor.subject));
}
