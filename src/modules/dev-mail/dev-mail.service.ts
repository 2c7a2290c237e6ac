import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, toPage, type PageQuery } from '../../platform/http/pagination.ts';
import { deleteCaughtMails, insertCaughtMail, selectCaughtMail, selectCaughtMails, type CaughtMailListRow, type CaughtMailRow } from './dev-mail.repository.ts';
import { devMailPolicy, type DevMailInstallation } from './dev-mail.policy.ts';
import type { CaughtMailHeader } from './dev-mail.tables.ts';

export type { CaughtMailListRow, CaughtMailRow } from './dev-mail.repository.ts';
export type { CaughtMailHeader } from './dev-mail.tables.ts';

/** A mail as the catcher took it in: the SMTP envelope, what the parser read, and the message as it came. */
export type CaughtMailInput = {
  mailFrom: string;
  rcptTo: string[];
  subject: string;
  text: string;
  html: string | null;
  headers: CaughtMailHeader[];
  raw: Buffer;
};

/** The headers a caught mail's page shows first, in this order. */
export const shownHeaders = ['From', 'To', 'Subject', 'Date', 'List-Unsubscribe', 'List-Unsubscribe-Post'] as const;

/** Stores a mail the catcher took in; its id. No policy: the catcher runs only where the installation has it. */
export async function recordCaughtMail(db: Db, mail: CaughtMailInput): Promise<string> {
  return insertCaughtMail(db, mail);
}

/** Caught mails, newest first, a page at a time. NOT_FOUND where no catcher runs; VALIDATION for a cursor this list never gave. */
export async function listCaughtMails(
  db: Db,
  visitor: Principal | undefined,
  installation: DevMailInstallation,
  query: PageQuery,
): Promise<{ items: CaughtMailListRow[]; nextCursor: string | null }> {
  if (!devMailPolicy.can(visitor, 'dev-mail.read', installation)) throw notHere();
  const after = query.cursor ? cursorPosition(query.cursor) : undefined;
  const rows = await selectCaughtMails(db, { after, limit: query.limit });
  return toPage(
    rows,
    query.limit,
    (row) => [row.received_at.toISOString(), row.id],
    (row) => row,
  );
}

/** One caught mail, with its headers (the shown ones first, by name) and bodies. NOT_FOUND for no such mail, or where no catcher runs. */
export async function showCaughtMail(
  db: Db,
  visitor: Principal | undefined,
  installation: DevMailInstallation,
  id: string,
): Promise<CaughtMailRow & { shown: { name: (typeof shownHeaders)[number]; value: string | undefined }[] }> {
  if (!devMailPolicy.can(visitor, 'dev-mail.read', installation)) throw notHere();
  const mail = await selectCaughtMail(db, id);
  if (!mail) throw new AppError('NOT_FOUND', 'No caught mail has this id.');
  return { ...mail, shown: shownHeaders.map((name) => ({ name, value: headerValue(mail.headers, name) })) };
}

/** Deletes every caught mail ("Slet alle"); how many went. NOT_FOUND where no catcher runs. */
export async function clearCaughtMails(db: Db, visitor: Principal | undefined, installation: DevMailInstallation): Promise<number> {
  if (!devMailPolicy.can(visitor, 'dev-mail.clear', installation)) throw notHere();
  return deleteCaughtMails(db);
}

/** The value of a mail's first header of that name (case does not matter in header names). */
function headerValue(headers: readonly CaughtMailHeader[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find((header) => header.name.toLowerCase() === wanted)?.value;
}

// Where no catcher runs there are no caught mails: the same answer as for a route that is not there.
const notHere = () => new AppError('NOT_FOUND', 'This installation runs no SMTP catcher.');

function cursorPosition(cursor: string): { receivedAt: Date; id: string } {
  const [receivedAt, id] = decodeCursor(cursor, 2);
  const at = new Date(String(receivedAt));
  if (Number.isNaN(at.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError('VALIDATION', 'The cursor is not one this list gave out.', [{ field: 'cursor', message: 'validation.invalid' }]);
  }
  return { receivedAt: at, id };
}
