// Mail in tests: an SMTP catcher on the test's database (the app's own, src/modules/dev-mail/), and the mails it caught
// read back from `dev_mail`. What is sent goes over real SMTP (nodemailer to smtp-server); nothing is mocked.
// createTestApp({ mailCatcher: true }) starts one for the app and its jobs; `startTestMailCatcher` starts one alone.
// An app process (test/support/server.ts) started with MAIL_CATCHER=true runs its own; its mails land in the same table.
import { after } from 'node:test';
import { startMailCatcher, type CaughtMailHeader, type MailCatcher } from '../../src/modules/dev-mail/index.ts';
import { createDatabase, type Db } from '../../src/platform/db/database.ts';
import { createLogger } from '../../src/platform/logger.ts';

/** A caught mail as a test reads it: the SMTP envelope, the parsed subject and bodies, every header line, the raw message. */
export type CaughtMail = {
  id: string;
  receivedAt: Date;
  mailFrom: string;
  rcptTo: string[];
  subject: string;
  text: string;
  html: string | null;
  headers: CaughtMailHeader[];
  raw: Buffer;
  /** The first header of that name (any case), as written (decoded where the parser decodes it). */
  header(name: string): string | undefined;
};

/**
 * Starts an SMTP catcher on the database at `databaseUrl` (as the application role, like main.ts's), closed when the
 * test file ends. Send to its `url`; read what it caught with `caughtMails` or wait for one with `waitForMail`.
 */
export async function startTestMailCatcher(databaseUrl: string): Promise<MailCatcher> {
  const appDatabase = createDatabase({ url: databaseUrl, poolMax: 2, asAppRole: true });
  const catcher = await startMailCatcher({ db: appDatabase.db, logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  after(async () => {
    await catcher.close();
    await appDatabase.db.destroy();
  });
  return catcher;
}

/** The mails caught on this database, newest first; only those delivered to `to` (an envelope recipient) when given. */
export async function caughtMails(db: Db, options: { to?: string } = {}): Promise<CaughtMail[]> {
  let query = db.selectFrom('dev_mail').selectAll();
  if (options.to) {
    const to = options.to;
    query = query.where((eb) => eb(eb.val(to), '=', eb.fn.any('rcpt_to')));
  }
  const rows = await query.orderBy('received_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((row) => ({
    id: row.id,
    receivedAt: row.received_at,
    mailFrom: row.mail_from,
    rcptTo: row.rcpt_to,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    headers: row.headers,
    raw: row.raw,
    header: (name: string) => row.headers.find((header) => header.name.toLowerCase() === name.toLowerCase())?.value,
  }));
}

/**
 * The first mail to `to` (and with `subject`, when given) the catcher has caught or catches within `timeoutMs`: for
 * mail a job sends in its own time. Listens before it looks, so a mail stored in between is not missed.
 */
export async function waitForMail(catcher: MailCatcher, db: Db, match: { to: string; subject?: string }, timeoutMs = 10_000): Promise<CaughtMail> {
  const matches = (mail: { rcptTo: string[]; subject: string }) =>
    mail.rcptTo.includes(match.to) && (match.subject === undefined || mail.subject === match.subject);
  let stopListening: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => {
    stopListening = catcher.onMail((mail) => {
      if (matches(mail)) resolve();
    });
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const find = async () => (await caughtMails(db, { to: match.to })).reverse().find(matches);
    const already = await find();
    if (already) return already;
    await Promise.race([
      arrived,
      new Promise((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no mail to ${match.to}${match.subject ? ` about "${match.subject}"` : ''} within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
    const found = await find();
    if (!found) throw new Error(`the catcher caught a mail to ${match.to} but it is not in dev_mail`);
    return found;
  } finally {
    stopListening();
    clearTimeout(timer);
  }
}
