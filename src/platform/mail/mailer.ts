// E-mail out of the platform: one pooled SMTP transport per mailer (nodemailer), to SMTP_URL — or, outside production
// without one, to the app's own SMTP catcher (src/modules/dev-mail/, which main.ts puts in `config.mail.smtpUrl`).
import { createTransport } from 'nodemailer';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';

/** One mail to one person. `listUnsubscribe` adds List-Unsubscribe (RFC 2369) and, one-click, List-Unsubscribe-Post (RFC 8058). */
export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  headers?: Record<string, string> | undefined;
  listUnsubscribe?: { url: string; oneClick: boolean } | undefined;
};

export type Mailer = {
  /** Sends the message; its Message-ID, or undefined when mail is off. Throws UNAVAILABLE when the SMTP server refuses or cannot be reached, VALIDATION for a malformed message. */
  send(message: MailMessage): Promise<{ messageId: string } | undefined>;
  /** Closes the transport's connections; a mailer is not used after. */
  close(): void;
};

// Lines a header may not hold: a CR or LF would start a header (or the body) of the sender's choosing.
const lineBreak = /[\r\n]/;

/**
 * A mailer for the configuration: SMTP through one pooled nodemailer transport to `config.mail.smtpUrl`, from
 * `config.mail.from`; with no SMTP URL (production without SMTP_URL, or MAIL_CATCHER=false) mail is off and `send`
 * answers undefined. Creating one opens no connection (the first send does), so a job handler may make one per run
 * and close it when done (`withMailer`).
 */
export function createMailer(config: Pick<Config, 'mail'>): Mailer {
  const { smtpUrl, from } = config.mail;
  if (!smtpUrl) return { send: () => Promise.resolve(undefined), close: () => undefined };
  const secrets = secretsOf(smtpUrl);
  // Shorter waits than nodemailer's (2 minutes to connect, 10 to go quiet): a job retries later instead of hanging.
  const transport = createTransport(
    { url: smtpUrl, pool: true, maxConnections: 2, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 },
    { from },
  );
  return {
    async send(message) {
      const headers = { ...message.headers, ...unsubscribeHeaders(message.listUnsubscribe) };
      for (const [name, value] of Object.entries(headers)) {
        if (!/^[A-Za-z0-9-]{1,76}$/.test(name) || lineBreak.test(value))
          throw new AppError('VALIDATION', `The mail header ${JSON.stringify(name)} is not one that can be sent.`);
      }
      if (lineBreak.test(message.to) || lineBreak.test(message.subject)) throw new AppError('VALIDATION', 'A mail’s recipient and subject are one line each.');
      try {
        const sent = await transport.sendMail({ to: message.to, subject: message.subject, text: message.text, html: message.html, headers });
        return { messageId: sent.messageId };
      } catch (error) {
        // The detail names nodemailer's error code only (EAUTH, ECONNECTION, EENVELOPE, …); the cause, kept for the log, has the rest.
        const cause = withoutSecrets(error, secrets);
        const code = (cause as { code?: unknown }).code;
        throw new AppError('UNAVAILABLE', `The mail could not be sent (${typeof code === 'string' ? code : 'SMTP error'}).`, [], { cause });
      }
    },
    close: () => transport.close(),
  };
}

/** Runs `work` with a mailer for the configuration and closes it afterwards, whatever happens (a job handler's way to send). */
export async function withMailer<T>(config: Pick<Config, 'mail'>, work: (mailer: Mailer) => Promise<T>): Promise<T> {
  const mailer = createMailer(config);
  try {
    return await work(mailer);
  } finally {
    mailer.close();
  }
}

/** An SMTP URL as a log line or message may show it: its password replaced by ***. */
export function describeSmtpUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

function unsubscribeHeaders(listUnsubscribe: MailMessage['listUnsubscribe']): Record<string, string> {
  if (!listUnsubscribe) return {};
  const url = URL.canParse(listUnsubscribe.url) ? new URL(listUnsubscribe.url) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new AppError('VALIDATION', 'The unsubscribe address must be an http(s) URL.');
  // `href` is percent-encoded: no space, < or > can end the angle brackets early.
  return {
    'List-Unsubscribe': `<${url.href}>`,
    ...(listUnsubscribe.oneClick ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
  };
}

/** The password of an SMTP URL as it may appear in text: as written in the URL and decoded. */
function secretsOf(smtpUrl: string): string[] {
  const password = new URL(smtpUrl).password;
  if (!password) return [];
  return [...new Set([password, decodeURIComponent(password)])].filter((secret) => secret.length > 0);
}

/** The error with the SMTP password taken out of whatever text of it could reach a message or a log line. */
function withoutSecrets(error: unknown, secrets: string[]): unknown {
  if (!(error instanceof Error) || secrets.length === 0) return error;
  const scrub = (text: string) => secrets.reduce((clean, secret) => clean.split(secret).join('***'), text);
  error.message = scrub(error.message);
  if (error.stack) error.stack = scrub(error.stack);
  const details = error as Error & { response?: unknown; command?: unknown };
  if (typeof details.response === 'string') details.response = scrub(details.response);
  if (typeof details.command === 'string') details.command = scrub(details.command);
  return error;
}
