// The local SMTP catcher: outside production, where no SMTP server is configured, the app takes its own mails in
// (smtp-server on loopback, no authentication, no TLS), parses each with mailparser and keeps it in `dev_mail`, where
// /udvikling/mails shows it. main.ts starts one per process, each on a free port; they all write to the one database.
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import type { ParsedMail } from 'mailparser';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.ts';
import { recordCaughtMail, type CaughtMailHeader, type CaughtMailInput } from './dev-mail.service.ts';

/** The most the catcher keeps of one message; a larger one is refused (552), as a real server would. */
const MAIL_CATCHER_MAX_BYTES = 10 * 1024 * 1024;

/** A mail the catcher has just stored. */
export type CaughtMailNotice = { id: string; rcptTo: string[]; subject: string };

export type MailCatcher = {
  port: number;
  /** Where to send: smtp://127.0.0.1:<port> (what main.ts puts in `config.mail.smtpUrl`). */
  url: string;
  /** Calls `listener` after each mail is stored (its row committed); returns the way to stop listening. */
  onMail(listener: (mail: CaughtMailNotice) => void): () => void;
  /** Stops taking connections; a client still connected gets two seconds to finish. */
  close(): Promise<void>;
};

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);
const isLoopbackAddress = (address: string) => address === '::1' || /^(::ffff:)?127\./.test(address);

/** An SMTP error as smtp-server answers it to the client: the reply code and the text. */
function smtpError(responseCode: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Starts the SMTP catcher on `host` (loopback only; 127.0.0.1 unless said) and `port` (0, the default: a free one), storing
 * each mail through `db` (the application role will do). Resolves once it listens. Throws when asked to listen
 * anywhere but loopback: without authentication, the catcher is for the machine it runs on.
 */
export async function startMailCatcher(options: { db: Db; logger: Logger; host?: string; port?: number }): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  if (!loopbackHosts.has(host)) throw new Error(`The mail catcher listens on loopback only, not on ${host}.`);
  // Loaded here: a process that never catches mail (production, most tests) never loads the SMTP server or the parser.
  const [{ SMTPServer }, { simpleParser }] = await Promise.all([import('smtp-server'), import('mailparser')]);
  const logger = options.logger.child({ component: 'mail-catcher' });
  const listeners = new Set<(mail: CaughtMailNotice) => void>();

  const store = async (raw: Buffer, session: SMTPServerSession): Promise<void> => {
    const parsed = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
    const mail = caughtMail(parsed, raw, session);
    const id = await recordCaughtMail(options.db, mail);
    logger.info({ id, to: mail.rcptTo, subject: mail.subject }, 'mail caught');
    for (const listener of listeners) listener({ id, rcptTo: mail.rcptTo, subject: mail.subject });
  };

  const server = new SMTPServer({
    banner: 'Jobunivers mail catcher (development only: mails are kept, not sent)',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAIL_CATCHER_MAX_BYTES,
    logger: false,
    closeTimeout: 2000,
    onConnect(session, callback) {
      callback(isLoopbackAddress(session.remoteAddress) ? undefined : smtpError(554, 'The mail catcher takes mail from this machine only.'));
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(smtpError(552, `The message is larger than the ${MAIL_CATCHER_MAX_BYTES} bytes the catcher keeps.`));
          return;
        }
        // The client hears 250 only once the mail is stored: whoever sent it can read it back at once.
        store(Buffer.concat(chunks), session).then(
          () => callback(),
          (error: unknown) => {
            logger.error({ err: error }, 'the mail catcher could not store a mail');
            callback(smtpError(451, 'The mail catcher could not store the mail; try again.'));
          },
        );
      });
    },
  });
  server.on('error', (error: Error) => logger.error({ err: error }, 'mail catcher error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('The mail catcher has no port.');
  const port = address.port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    port,
    url: `smtp://${urlHost}:${port}`,
    onMail(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What the catcher keeps of a parsed message: the envelope, subject, bodies and every header line in order. */
function caughtMail(parsed: ParsedMail, raw: Buffer, session: SMTPServerSession): CaughtMailInput {
  const mailFrom = session.envelope.mailFrom;
  return {
    mailFrom: mailFrom ? mailFrom.address : '',
    rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    headers: headerList(parsed),
    raw,
  };
}

/**
 * The header lines in order, unfolded. A header that appears once and that the parser decodes to text (a subject in
 * encoded words, an address list) is kept decoded; any other is kept as it was written.
 */
function headerList(parsed: ParsedMail): CaughtMailHeader[] {
  const occurrences = new Map<string, number>();
  for (const { key } of parsed.headerLines) occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
  return parsed.headerLines.map(({ key, line }) => {
    const colon = line.indexOf(':');
    const name = (colon >= 0 ? line.slice(0, colon) : line).trim();
    const written = (colon >= 0 ? line.slice(colon + 1) : '').replace(/\r?\n[ \t]+/g, ' ').trim();
    const decoded = occurrences.get(key) === 1 ? parsed.headers.get(key) : undefined;
    if (typeof decoded === 'string') return { name, value: decoded };
    if (
      decoded &&
      typeof decoded === 'object' &&
      !Array.isArray(decoded) &&
      !(decoded instanceof Date) &&
      'text' in decoded &&
      typeof decoded.text === 'string'
    ) {
      return { name, value: decoded.text };
    }
    return { name, value: written };
  });
}
