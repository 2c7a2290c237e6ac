// dev-mail: outside production without an SMTP server, the app's own SMTP catcher and the page showing what it caught
// (/udvikling/mails). Sending is the platform's (src/platform/mail/mailer.ts); this module only catches.
export { devMailPages } from './dev-mail.pages.ts';
export { startMailCatcher, type CaughtMailNotice, type MailCatcher } from './dev-mail.catcher.ts';
export type { CaughtMailHeader } from './dev-mail.service.ts';
export { DEV_MAIL_PATH } from './dev-mail.views.ts';
