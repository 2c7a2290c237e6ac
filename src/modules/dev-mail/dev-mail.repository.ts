import type { Db } from '../../platform/db/database.ts';
import type { CaughtMailHeader } from './dev-mail.tables.ts';

/** A caught mail as a list shows it. */
export type CaughtMailListRow = { id: string; received_at: Date; rcpt_to: string[]; subject: string; size: number };

/** A caught mail as its own page shows it (without the raw message). */
export type CaughtMailRow = CaughtMailListRow & { mail_from: string; text_body: string; html_body: string | null; headers: CaughtMailHeader[] };

export async function insertCaughtMail(
  db: Db,
  mail: {
    mailFrom: string;
    rcptTo: string[];
    subject: string;
    text: string;
    html: string | null;
    headers: CaughtMailHeader[];
    raw: Buffer;
  },
): Promise<string> {
  const row = await db
    .insertInto('dev_mail')
    .values({
      mail_from: mail.mailFrom,
      rcpt_to: mail.rcptTo,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      headers: JSON.stringify(mail.headers),
      raw: mail.raw,
      size: mail.raw.length,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Newest first, `limit + 1` rows after the cursor's (received_at, id), so the caller can tell a next page exists. */
export async function selectCaughtMails(
  db: Db,
  options: { after?: { receivedAt: Date; id: string } | undefined; limit: number },
): Promise<CaughtMailListRow[]> {
  let query = db.selectFrom('dev_mail').select(['id', 'received_at', 'rcpt_to', 'subject', 'size']);
  const after = options.after;
  if (after) query = query.where((eb) => eb(eb.refTuple('received_at', 'id'), '<', eb.tuple(after.receivedAt, after.id)));
  return query
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
    .execute();
}

export async function selectCaughtMail(db: Db, id: string): Promise<CaughtMailRow | undefined> {
  return db
    .selectFrom('dev_mail')
    .select(['id', 'received_at', 'mail_from', 'rcpt_to', 'subject', 'text_body', 'html_body', 'headers', 'size'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteCaughtMails(db: Db): Promise<number> {
  const result = await db.deleteFrom('dev_mail').executeTakeFirst();
  return Number(result.numDeletedRows);
}
