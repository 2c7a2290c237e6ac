-- dev-mail: the mails the app's own SMTP catcher took in (src/modules/dev-mail/), shown at /udvikling/mails. The catcher
-- runs only outside production where no SMTP server is configured (MAIL_CATCHER; production refuses to start with it),
-- so this table holds the development machine's, the demo's and the tests' synthetic mails, never a citizen's: no
-- row-level security. Every process on a machine runs its own catcher and writes here, so the page shows them all.
create table dev_mail (
  id           uuid primary key default gen_random_uuid(),
  -- Milliseconds, as a JavaScript Date holds them: the page's cursor (received_at, id) then finds its place exactly.
  received_at  timestamptz not null default date_trunc('milliseconds', now()),
  -- The SMTP envelope: MAIL FROM and the RCPT TO addresses (who the mail was actually delivered to).
  mail_from    text not null,
  rcpt_to      text[] not null,
  subject      text not null,
  text_body    text not null,
  html_body    text,
  -- The header lines in order, each {"name", "value"} (unfolded; decoded where the parser decodes them).
  headers      jsonb not null check (jsonb_typeof(headers) = 'array'),
  raw          bytea not null,
  size         integer not null check (size >= 0)
);
create index dev_mail_received on dev_mail (received_at desc, id desc);
create index dev_mail_rcpt_to on dev_mail using gin (rcpt_to);

-- The catcher inserts as the application role; the page reads and clears ("Slet alle"). A caught mail is never edited.
revoke all on dev_mail from jobunivers_app;
grant select, insert, delete on dev_mail to jobunivers_app;
